#pragma once
// The responses a StatsQuery counts, as SQL shared by the figures (stats.cpp) and the
// free-text listing (themes.cpp), so both always agree on which responses a filter keeps.
#include "chorus/periods.hpp"
#include "chorus/stats.hpp"

#include <string>
#include <vector>

namespace chorus {

struct ResponseScope {
    std::string join;  // joins response r onto an answer table aliased a; "" when every response counts
    std::string where; // " AND ..." conditions on r, or ""
    std::vector<std::string> values; // bound in order after the caller's own parameters
};

inline ResponseScope response_scope(const StatsQuery& query)
{
    ResponseScope scope;
    auto add = [&](const std::string& value, const char* condition) {
        if (value.empty())
            return;
        scope.where += std::string(" AND ") + condition;
        scope.values.push_back(value);
    };
    // Days in England, as the UTC range they cover (periods.hpp).
    if (!query.captured_from.empty())
        add(utc_start_of_uk_day(query.captured_from), "r.captured_at >= ?");
    if (!query.captured_to.empty())
        add(utc_end_of_uk_day(query.captured_to), "r.captured_at < ?");
    add(query.team, "r.team = ?");
    add(query.respondent_type, "r.respondent_type = ?");
    if (!scope.where.empty())
        scope.join = " JOIN response r ON r.id = a.response_id";
    return scope;
}

} // namespace chorus
