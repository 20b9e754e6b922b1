#pragma once
// Reporting periods of the UK financial year (April to March) and the UK local date of a
// stored UTC timestamp. Measures are reported per period; a response belongs to the period
// of the day it was captured on in England (GMT or BST), not the UTC day.
#include "chorus/export.hpp"

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class Store;

enum class Frequency { monthly, quarterly, six_monthly, annual };

CHORUS_CORE_API std::string_view to_string(Frequency frequency);
CHORUS_CORE_API std::optional<Frequency> frequency_from_string(std::string_view name);

// One period: the financial year it falls in (2025 = April 2025 to March 2026) and its
// number within that year: month 1-12 (1 = April), quarter 1-4 (Q1 = April-June),
// half 1-2 (H1 = April-September), or 1 for the whole year.
struct CHORUS_CORE_API Period {
    Frequency frequency = Frequency::quarterly;
    int year = 0;
    int number = 1;

    std::string first_day() const; // "YYYY-MM-DD"
    std::string last_day() const;  // inclusive
    // The stable label used in files and on the command line: "2025-12" (a calendar
    // month), "2025-Q3", "2025-H1", "FY2025-26".
    std::string label() const;
    // What a committee reads: "Q3 2025-26 (October to December 2025)".
    std::string description() const;

    Period previous() const;
    Period next() const;
    Period year_before() const; // the same period of the previous financial year
    bool contains(std::string_view date) const;

    friend auto operator<=>(const Period&, const Period&) = default;
};

// Parses a label as Period::label() writes it; std::nullopt when it is not one.
CHORUS_CORE_API std::optional<Period> parse_period(std::string_view label);
// The period of `frequency` that contains `date` ("YYYY-MM-DD"); throws Error for a bad date.
CHORUS_CORE_API Period period_containing(std::string_view date, Frequency frequency);
// The latest period of `frequency` that has ended by the end of `report`: what a measure of
// that frequency reports in `report` (quarterly in 2025-Q3 is 2025-Q3, monthly is 2025-12,
// six-monthly is 2025-H1, annual is FY2024-25).
CHORUS_CORE_API Period latest_period_ended_by(const Period& report, Frequency frequency);
// The periods of `frequency` from the one containing `first_date` to the one containing
// `last_date`, oldest first; empty when last_date is earlier. Throws Error for a bad date.
CHORUS_CORE_API std::vector<Period> periods_covering(std::string_view first_date, std::string_view last_date,
                                                     Frequency frequency);

// The periods of `frequency` from the first stored response to the last, newest first (the
// choices of a period filter); empty when there is no response.
CHORUS_CORE_API std::vector<Period> periods_with_responses(Store& store, Frequency frequency);

// The date in England (Europe/London: GMT, or BST from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October) of a canonical UTC timestamp
// "YYYY-MM-DDTHH:MM:SSZ"; throws Error for anything else.
CHORUS_CORE_API std::string uk_date_of(std::string_view utc_timestamp);
// The UTC timestamp at which the day `date` begins in England ("2025-07-01" begins at
// "2025-06-30T23:00:00Z"), so a period is a half-open range of stored timestamps.
CHORUS_CORE_API std::string utc_start_of_uk_day(std::string_view date);
// Where the day `date` ends in England: the UTC start of the day after (exclusive).
CHORUS_CORE_API std::string utc_end_of_uk_day(std::string_view date);

} // namespace chorus
