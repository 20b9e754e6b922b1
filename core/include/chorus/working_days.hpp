#pragma once
// Working days: weekdays that are not closed days (bank holidays, a council's local
// closure days). Statutory complaint deadlines are counted in them. Dates are "YYYY-MM-DD".
#include "chorus/export.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class CHORUS_CORE_API WorkingDayCalendar {
public:
    WorkingDayCalendar() = default; // weekends only
    // Throws Error naming the first day that is not a valid date.
    explicit WorkingDayCalendar(const std::vector<std::string>& closed_days);

    void add_closed_day(std::string_view date); // throws Error when not a valid date
    bool is_closed_day(std::string_view date) const;
    bool is_working_day(std::string_view date) const;

    // The n-th working day after `from` (from itself never counts, so a deadline of
    // 10 working days for something received on a Friday starts counting on Monday).
    std::string add_working_days(std::string_view from, int n) const;

    // Working days after `from` up to and including `to`; negative (the working days
    // after `to` up to and including `from`) when `to` is earlier; 0 when equal.
    int working_days_between(std::string_view from, std::string_view to) const;

private:
    std::set<std::int64_t> closed_; // day numbers (days since 1970-01-01)
};

} // namespace chorus
