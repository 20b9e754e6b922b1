#include "chorus/dates.hpp"

#include "chorus/error.hpp"

#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <string>

namespace chorus {

namespace {

struct CivilDate {
    int year;
    int month; // 1..12
    int day;   // 1..31
};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool is_real_date(const CivilDate& date) {
    return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
           date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms"): years counted from March so the leap day falls last.
std::int64_t days_from_civil(const CivilDate& date) {
    const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;                          // [0, 399]
    const std::int64_t month_from_march = (date.month + 9) % 12;                // [0, 11]
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1; // [0, 365]
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year; // [0, 146096]
    return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097; // [0, 146096]
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365; // [0, 399]
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;        // [0, 11]
    const std::int64_t day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    const std::int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

// A cursor over the text being parsed; each read either consumes what it matched or
// leaves the position unchanged.
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool at_end() const { return position_ == text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[position_]; }

    bool take(char c) {
        if (peek() != c) return false;
        ++position_;
        return true;
    }

    // Exactly `count` digits.
    bool digits(int count, int& value) {
        if (text_.size() - position_ < static_cast<std::size_t>(count)) return false;
        int result = 0;
        for (int i = 0; i < count; ++i) {
            const char c = text_[position_ + i];
            if (c < '0' || c > '9') return false;
            result = result * 10 + (c - '0');
        }
        position_ += count;
        value = result;
        return true;
    }

    // Between min_count and max_count digits.
    bool digits_between(int min_count, int max_count, int& value) {
        int count = 0;
        while (count < max_count && position_ + count < text_.size() &&
               text_[position_ + count] >= '0' && text_[position_ + count] <= '9')
            ++count;
        return count >= min_count && digits(count, value);
    }

    void skip_digits() {
        while (peek() >= '0' && peek() <= '9') ++position_;
    }

private:
    std::string_view text_;
    std::size_t position_ = 0;
};

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool read_iso_date(Scanner& scanner, CivilDate& date) {
    return scanner.digits(4, date.year) && scanner.take('-') && scanner.digits(2, date.month) &&
           scanner.take('-') && scanner.digits(2, date.day) && is_real_date(date);
}

std::string format_date(const CivilDate& date) {
    char text[48]; // room for any int, so no truncation is possible
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

std::string format_timestamp(std::int64_t seconds_since_epoch) {
    // Floor division so that times before 1970 land on the right day.
    std::int64_t days = seconds_since_epoch / 86400;
    std::int64_t seconds_of_day = seconds_since_epoch % 86400;
    if (seconds_of_day < 0) {
        seconds_of_day += 86400;
        --days;
    }
    const CivilDate date = civil_from_days(days);
    char text[80]; // room for any int fields
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                  static_cast<int>(seconds_of_day / 3600), static_cast<int>(seconds_of_day / 60 % 60),
                  static_cast<int>(seconds_of_day % 60));
    return text;
}

} // namespace

bool is_valid_date(std::string_view text) {
    Scanner scanner(text);
    CivilDate date{};
    return read_iso_date(scanner, date) && scanner.at_end();
}

std::optional<std::int64_t> day_number(std::string_view text) {
    Scanner scanner(text);
    CivilDate date{};
    if (!read_iso_date(scanner, date) || !scanner.at_end()) return std::nullopt;
    return days_from_civil(date);
}

std::string date_of_day_number(std::int64_t day) {
    if (day < days_from_civil({1, 1, 1}) || day > days_from_civil({9999, 12, 31}))
        throw Error("day number " + std::to_string(day) + " is outside the years 0001 to 9999");
    return format_date(civil_from_days(day));
}

int iso_weekday(std::int64_t day) {
    // 1970-01-01 was a Thursday (4); the double remainder keeps earlier days positive.
    return static_cast<int>(((day % 7) + 7 + 3) % 7) + 1;
}

std::optional<std::string> normalise_date(std::string_view text) {
    text = trim(text);
    if (is_valid_date(text)) return std::string(text);
    // UK order: day first, the day and month with or without a leading zero.
    Scanner scanner(text);
    CivilDate date{};
    if (scanner.digits_between(1, 2, date.day) && scanner.take('/') &&
        scanner.digits_between(1, 2, date.month) && scanner.take('/') && scanner.digits(4, date.year) &&
        scanner.at_end() && is_real_date(date))
        return format_date(date);
    return std::nullopt;
}

std::optional<std::string> normalise_timestamp(std::string_view text) {
    Scanner scanner(trim(text));
    CivilDate date{};
    if (!read_iso_date(scanner, date)) return std::nullopt;
    int hour = 0, minute = 0, second = 0;
    int offset_minutes = 0; // local time minus UTC
    if (!scanner.at_end()) {
        if (!scanner.take('T') && !scanner.take('t') && !scanner.take(' ')) return std::nullopt;
        if (!scanner.digits(2, hour) || !scanner.take(':') || !scanner.digits(2, minute))
            return std::nullopt;
        if (scanner.take(':')) {
            if (!scanner.digits(2, second)) return std::nullopt;
            if (scanner.take('.') || scanner.take(',')) { // fractions of a second are dropped
                if (scanner.peek() < '0' || scanner.peek() > '9') return std::nullopt;
                scanner.skip_digits();
            }
        }
        if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
        if (scanner.take('Z') || scanner.take('z')) {
            // UTC already
        } else if (scanner.peek() == '+' || scanner.peek() == '-') {
            const int sign = scanner.take('-') ? -1 : 1;
            scanner.take('+');
            int offset_hours = 0, offset_mins = 0;
            if (!scanner.digits(2, offset_hours)) return std::nullopt;
            if (scanner.take(':')) {
                if (!scanner.digits(2, offset_mins)) return std::nullopt;
            } else if (!scanner.at_end() && !scanner.digits(2, offset_mins)) {
                return std::nullopt;
            }
            if (offset_hours > 23 || offset_mins > 59) return std::nullopt;
            offset_minutes = sign * (offset_hours * 60 + offset_mins);
        }
        // No zone at all: taken as UTC.
        if (!scanner.at_end()) return std::nullopt;
    }
    const std::int64_t local_seconds =
        days_from_civil(date) * 86400 + hour * 3600 + minute * 60 + second;
    const std::int64_t utc_seconds = local_seconds - std::int64_t{offset_minutes} * 60;
    // An offset can carry 0001-01-01 or 9999-12-31 outside four-digit years.
    if (utc_seconds < days_from_civil({1, 1, 1}) * 86400 ||
        utc_seconds >= days_from_civil({10000, 1, 1}) * 86400)
        return std::nullopt;
    return format_timestamp(utc_seconds);
}

bool is_canonical_timestamp(std::string_view text) {
    Scanner scanner(text);
    CivilDate date{};
    int hour = 0, minute = 0, second = 0;
    return read_iso_date(scanner, date) && scanner.take('T') && scanner.digits(2, hour) &&
           scanner.take(':') && scanner.digits(2, minute) && scanner.take(':') &&
           scanner.digits(2, second) && scanner.take('Z') && scanner.at_end() && hour <= 23 &&
           minute <= 59 && second <= 59;
}

std::string utc_now() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return format_timestamp(static_cast<std::int64_t>(now.time_since_epoch().count()));
}

std::string local_date()
{
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
#if defined(_WIN32)
    localtime_s(&parts, &now);
#else
    localtime_r(&now, &parts);
#endif
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

} // namespace chorus
