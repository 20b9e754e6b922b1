#pragma once
// Calendar dates and UTC timestamps as text, the forms Chorus stores.
#include "chorus/export.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

// "YYYY-MM-DD" naming a real calendar date.
CHORUS_CORE_API bool is_valid_date(std::string_view text);

// Day numbers: days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
// std::nullopt when `text` is not a valid "YYYY-MM-DD".
CHORUS_CORE_API std::optional<std::int64_t> day_number(std::string_view text);
// "YYYY-MM-DD" of a day number within years 0001..9999; throws Error outside them.
CHORUS_CORE_API std::string date_of_day_number(std::int64_t day);
// ISO weekday of a day number: 1 = Monday .. 7 = Sunday.
CHORUS_CORE_API int iso_weekday(std::int64_t day);

// Accepts "YYYY-MM-DD", "DD/MM/YYYY" (UK forms) and returns "YYYY-MM-DD".
CHORUS_CORE_API std::optional<std::string> normalise_date(std::string_view text);

// Accepts "YYYY-MM-DDTHH:MM[:SS][.fff](Z|+hh:mm|-hh:mm)", a space instead of "T",
// or a bare date (midnight UTC); returns UTC "YYYY-MM-DDTHH:MM:SSZ".
CHORUS_CORE_API std::optional<std::string> normalise_timestamp(std::string_view text);

// The canonical stored form: "YYYY-MM-DDTHH:MM:SSZ".
CHORUS_CORE_API bool is_canonical_timestamp(std::string_view text);

CHORUS_CORE_API std::string utc_now();
// Today in the computer's local time zone, "YYYY-MM-DD".
CHORUS_CORE_API std::string local_date();

} // namespace chorus
