#include "chorus/periods.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/store.hpp"
#include <algorithm>

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace chorus {

namespace {

constexpr std::array<std::string_view, 12> month_names{"January", "February", "March",     "April",
                                                       "May",     "June",     "July",      "August",
                                                       "September", "October", "November", "December"};

int months_in(Frequency frequency)
{
    switch (frequency) {
    case Frequency::monthly: return 1;
    case Frequency::quarterly: return 3;
    case Frequency::six_monthly: return 6;
    case Frequency::annual: return 12;
    }
    return 12;
}

int periods_per_year(Frequency frequency) { return 12 / months_in(frequency); }

// A month counted from April of year 0 of the financial calendar: April 2025 is 2025 * 12.
struct FinancialMonth {
    int year;  // financial year
    int index; // 0 = April .. 11 = March
    int calendar_year() const { return index < 9 ? year : year + 1; }
    int calendar_month() const { return (index + 3) % 12 + 1; }
};

FinancialMonth first_month(const Period& period)
{
    return {period.year, (period.number - 1) * months_in(period.frequency)};
}

std::string date_text(int year, int month, int day)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

bool read_int(std::string_view text, int& value)
{
    if (text.empty())
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc{};
}

// The last Sunday of a month, as a day number.
std::int64_t last_sunday(int year, int month)
{
    const std::int64_t next_first = month == 12 ? *day_number(date_text(year + 1, 1, 1))
                                                : *day_number(date_text(year, month + 1, 1));
    const std::int64_t last = next_first - 1;
    return last - iso_weekday(last) % 7;
}

Period shifted(const Period& period, int periods)
{
    const int per_year = periods_per_year(period.frequency);
    const int position = period.year * per_year + (period.number - 1) + periods;
    const int year = position >= 0 ? position / per_year : (position - per_year + 1) / per_year;
    return {period.frequency, year, position - year * per_year + 1};
}

bool is_british_summer_time(std::int64_t day, int hour)
{
    const int year = std::stoi(date_of_day_number(day).substr(0, 4));
    const std::int64_t starts = last_sunday(year, 3), ends = last_sunday(year, 10);
    // Both changes happen at 01:00 UTC.
    const auto after = [&](std::int64_t change) { return day > change || (day == change && hour >= 1); };
    return after(starts) && !after(ends);
}

} // namespace

std::string_view to_string(Frequency frequency)
{
    switch (frequency) {
    case Frequency::monthly: return "monthly";
    case Frequency::quarterly: return "quarterly";
    case Frequency::six_monthly: return "six-monthly";
    case Frequency::annual: return "annual";
    }
    return "annual";
}

std::optional<Frequency> frequency_from_string(std::string_view name)
{
    for (Frequency frequency : {Frequency::monthly, Frequency::quarterly, Frequency::six_monthly, Frequency::annual})
        if (to_string(frequency) == name)
            return frequency;
    return std::nullopt;
}

std::string Period::first_day() const
{
    const FinancialMonth month = first_month(*this);
    return date_text(month.calendar_year(), month.calendar_month(), 1);
}

std::string Period::last_day() const
{
    return date_of_day_number(*day_number(shifted(*this, 1).first_day()) - 1);
}

std::string Period::label() const
{
    char text[24];
    switch (frequency) {
    case Frequency::monthly: {
        const FinancialMonth month = first_month(*this);
        std::snprintf(text, sizeof text, "%04d-%02d", month.calendar_year(), month.calendar_month());
        break;
    }
    case Frequency::quarterly: std::snprintf(text, sizeof text, "%04d-Q%d", year, number); break;
    case Frequency::six_monthly: std::snprintf(text, sizeof text, "%04d-H%d", year, number); break;
    case Frequency::annual: std::snprintf(text, sizeof text, "FY%04d-%02d", year, (year + 1) % 100); break;
    }
    return text;
}

std::string Period::description() const
{
    char financial_year[16];
    std::snprintf(financial_year, sizeof financial_year, "%04d-%02d", year, (year + 1) % 100);
    const FinancialMonth first = first_month(*this);
    const FinancialMonth last{year, first.index + months_in(frequency) - 1};
    const auto month_year = [](const FinancialMonth& month) {
        return std::string(month_names[static_cast<std::size_t>(month.calendar_month() - 1)]) + " "
            + std::to_string(month.calendar_year());
    };
    switch (frequency) {
    case Frequency::monthly: return month_year(first);
    case Frequency::quarterly:
        return "Q" + std::to_string(number) + " " + financial_year + " ("
            + std::string(month_names[static_cast<std::size_t>(first.calendar_month() - 1)]) + " to "
            + month_year(last) + ")";
    case Frequency::six_monthly:
        return "H" + std::to_string(number) + " " + financial_year + " ("
            + std::string(month_names[static_cast<std::size_t>(first.calendar_month() - 1)]) + " to "
            + month_year(last) + ")";
    case Frequency::annual: return "Financial year " + std::string(financial_year) + " (April " + std::to_string(year)
            + " to March " + std::to_string(year + 1) + ")";
    }
    return label();
}

Period Period::previous() const { return shifted(*this, -1); }

Period Period::next() const { return shifted(*this, 1); }

Period Period::year_before() const { return {frequency, year - 1, number}; }

bool Period::contains(std::string_view date) const
{
    return date.size() == 10 && date >= first_day() && date <= last_day();
}

std::optional<Period> parse_period(std::string_view label)
{
    int year = 0, number = 0;
    if (label.size() == 9 && label.substr(0, 2) == "FY" && label[6] == '-') {
        int short_next = 0;
        if (read_int(label.substr(2, 4), year) && read_int(label.substr(7, 2), short_next)
            && short_next == (year + 1) % 100 && year >= 1)
            return Period{Frequency::annual, year, 1};
        return std::nullopt;
    }
    if (label.size() < 7 || label[4] != '-' || !read_int(label.substr(0, 4), year) || year < 1)
        return std::nullopt;
    const std::string_view rest = label.substr(5);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H') && read_int(rest.substr(1), number)) {
        const Frequency frequency = rest[0] == 'Q' ? Frequency::quarterly : Frequency::six_monthly;
        if (number >= 1 && number <= periods_per_year(frequency))
            return Period{frequency, year, number};
        return std::nullopt;
    }
    if (rest.size() == 2 && read_int(rest, number) && number >= 1 && number <= 12)
        return period_containing(date_text(year, number, 1), Frequency::monthly);
    return std::nullopt;
}

Period period_containing(std::string_view date, Frequency frequency)
{
    if (!is_valid_date(date))
        throw Error("\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
    const int calendar_year = std::stoi(std::string(date.substr(0, 4)));
    const int calendar_month = std::stoi(std::string(date.substr(5, 2)));
    const int year = calendar_month >= 4 ? calendar_year : calendar_year - 1;
    const int index = (calendar_month + 8) % 12; // April = 0
    return {frequency, year, index / months_in(frequency) + 1};
}

Period latest_period_ended_by(const Period& report, Frequency frequency)
{
    const Period containing = period_containing(report.last_day(), frequency);
    return containing.last_day() == report.last_day() ? containing : containing.previous();
}

std::vector<Period> periods_covering(std::string_view first_date, std::string_view last_date, Frequency frequency)
{
    std::vector<Period> periods;
    const Period last = period_containing(last_date, frequency);
    for (Period period = period_containing(first_date, frequency); period <= last; period = period.next())
        periods.push_back(period);
    return periods;
}

std::vector<Period> periods_with_responses(Store& store, Frequency frequency)
{
    auto span = store.connection().prepare(
        // Two subqueries: each is one seek of the list-order index; min and max together scan.
        "SELECT (SELECT min(captured_at) FROM response), (SELECT max(captured_at) FROM response)");
    if (!span.step() || span.is_null(0))
        return {};
    std::vector<Period> periods =
        periods_covering(uk_date_of(span.column_text(0)), uk_date_of(span.column_text(1)), frequency);
    std::reverse(periods.begin(), periods.end());
    return periods;
}

std::string uk_date_of(std::string_view utc_timestamp)
{
    if (!is_canonical_timestamp(utc_timestamp))
        throw Error("\"" + std::string(utc_timestamp) + "\" is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
    const std::int64_t day = *day_number(utc_timestamp.substr(0, 10));
    const int hour = std::stoi(std::string(utc_timestamp.substr(11, 2)));
    // BST is UTC+1: from 23:00 UTC the English date is the next day.
    if (hour == 23 && is_british_summer_time(day, hour))
        return date_of_day_number(day + 1);
    return std::string(utc_timestamp.substr(0, 10));
}

std::string utc_start_of_uk_day(std::string_view date)
{
    const auto day = day_number(date);
    if (!day)
        throw Error("\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
    // Midnight in England is 23:00 UTC the day before when 23:00 UTC that day is in BST.
    if (is_british_summer_time(*day - 1, 23))
        return date_of_day_number(*day - 1) + "T23:00:00Z";
    return std::string(date) + "T00:00:00Z";
}

std::string utc_end_of_uk_day(std::string_view date)
{
    const auto day = day_number(date);
    if (!day)
        throw Error("\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
    return utc_start_of_uk_day(date_of_day_number(*day + 1));
}

} // namespace chorus
