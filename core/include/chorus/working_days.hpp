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
    bool is_closed_day(std::string_view date) const;  // throws Error when not a valid date
    bool is_working_day(std::string_view date) const; // throws Error when not a valid date

    // The n-th working day after `from` (from itself never counts, so a deadline of
    // 10 working days for something received on a Friday starts counting on Monday).
    // n = 0 gives `from`; a negative n the |n|-th working day before `from`.
    // Throws Error naming `from` when it is not a valid date. Cost: O(closed days crossed).
    std::string add_working_days(std::string_view from, int n) const;

    // Working days after `from` up to and including `to`; negative (the working days
    // after `to` up to and including `from`) when `to` is earlier; 0 when equal.
    // Throws Error naming the first argument that is not a valid date.
    int working_days_between(std::string_view from, std::string_view to) const;

private:
    // Closed days that fall on weekdays in (first_excluded, last].
    int closed_weekdays_after(std::int64_t first_excluded, std::int64_t last) const;

    std::set<std::int64_t> closed_; // day numbers (days since 1970-01-01)
};

} // namespace chorus
