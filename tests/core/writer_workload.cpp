#include "writer_workload.hpp"

#include <array>
#include <cstdint>
#include <cstdio>

namespace chorus::test {

Response workload_response(long index, const std::string& uuid)
{
    static const std::array<const char*, 5> agree{"strongly_agree", "agree", "neither", "disagree",
                                                 "strongly_disagree"};
    static const std::array<const char*, 3> choice{"school", "friend", "other"};
    Response r;
    r.uuid = uuid;
    r.instrument_id = "every-type";
    r.instrument_version = 1;
    char captured[32];
    std::snprintf(captured, sizeof captured, "2025-%02ld-%02ldT%02ld:%02ld:00Z", index % 12 + 1, index % 28 + 1,
                  index % 24, index % 60);
    r.captured_at = captured;
    r.captured_by = "writer";
    r.team = "Team " + std::to_string(index % 7);
    r.respondent_type = "parent";
    r.answers["agree"] = std::string(agree[static_cast<std::size_t>(index % 5)]);
    r.answers["choice"] = std::string(choice[static_cast<std::size_t>(index % 3)]);
    std::vector<std::string> many{"early_help"};
    if (index % 2)
        many.push_back("cin");
    if (index % 3 == 0)
        many.push_back("cp");
    r.answers["many"] = many;
    r.answers["rating"] = std::to_string(index % 11);
    r.answers["count"] = std::int64_t{index % 121};
    r.answers["amount"] = static_cast<double>(index % 1000) + 0.25;
    // Long enough that a response spans more than one database page write.
    r.answers["story"] = "Response " + std::to_string(index) + ": " + std::string(300 + index % 700, 'x');
    return r;
}

} // namespace chorus::test
