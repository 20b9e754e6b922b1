#include "chorus/working_days.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"

#include <algorithm>

namespace chorus {

namespace {

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return quotient * divisor > value ? quotient - 1 : quotient;
}

constexpr std::int64_t first_monday = 4; // 1970-01-05

// Weekdays from Monday 1970-01-05 up to and including `day` (going negative before it), so
// that the weekdays in (a, b] are weekdays_through(b) - weekdays_through(a): counting
// them costs the same for a week as for a century.
std::int64_t weekdays_through(std::int64_t day) {
    const std::int64_t offset = day - first_monday;
    const std::int64_t weeks = floor_div(offset, 7);
    const std::int64_t day_of_week = offset - weeks * 7; // 0 = Monday .. 6 = Sunday
    return weeks * 5 + std::min<std::int64_t>(day_of_week + 1, 5);
}

// The weekday whose weekdays_through() is `count`: the inverse of weekdays_through.
std::int64_t weekday_numbered(std::int64_t count) {
    const std::int64_t weeks = floor_div(count - 1, 5);
    const std::int64_t day_of_week = count - 1 - weeks * 5; // 0 = Monday .. 4 = Friday
    return first_monday + weeks * 7 + day_of_week;
}

bool is_weekend(std::int64_t day) { return iso_weekday(day) >= 6; }

std::int64_t parse_date(std::string_view date) {
    const auto day = day_number(date);
    if (!day) throw Error("\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
    return *day;
}

} // namespace

WorkingDayCalendar::WorkingDayCalendar(const std::vector<std::string>& closed_days) {
    for (const auto& date : closed_days) add_closed_day(date);
}

void WorkingDayCalendar::add_closed_day(std::string_view date) { closed_.insert(parse_date(date)); }

bool WorkingDayCalendar::is_closed_day(std::string_view date) const {
    return closed_.count(parse_date(date)) != 0;
}

bool WorkingDayCalendar::is_working_day(std::string_view date) const {
    const std::int64_t day = parse_date(date);
    return !is_weekend(day) && closed_.count(day) == 0;
}

// Closed days on weekends are already not working days, so only weekday ones count.
int WorkingDayCalendar::closed_weekdays_after(std::int64_t first_excluded, std::int64_t last) const {
    int count = 0;
    for (auto it = closed_.upper_bound(first_excluded); it != closed_.end() && *it <= last; ++it)
        if (!is_weekend(*it)) ++count;
    return count;
}

std::string WorkingDayCalendar::add_working_days(std::string_view from, int n) const {
    std::int64_t day = parse_date(from);
    // Jump straight to the day n weekdays on, then again by however many closed weekdays
    // that jump crossed, until a jump crosses none: O(closed days in the range).
    std::int64_t remaining = n < 0 ? -std::int64_t{n} : n;
    while (remaining > 0) {
        if (n > 0) {
            const std::int64_t target = weekday_numbered(weekdays_through(day) + remaining);
            remaining = closed_weekdays_after(day, target);
            day = target;
        } else {
            const std::int64_t target = weekday_numbered(weekdays_through(day - 1) - remaining + 1);
            remaining = closed_weekdays_after(target - 1, day - 1);
            day = target;
        }
    }
    return date_of_day_number(day);
}

int WorkingDayCalendar::working_days_between(std::string_view from, std::string_view to) const {
    const std::int64_t first = parse_date(from);
    const std::int64_t last = parse_date(to);
    const auto count = [this](std::int64_t after, std::int64_t through) {
        return static_cast<int>(weekdays_through(through) - weekdays_through(after)) -
               closed_weekdays_after(after, through);
    };
    return first <= last ? count(first, last) : -count(last, first);
}

} // namespace chorus
