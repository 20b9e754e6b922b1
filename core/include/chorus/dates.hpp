#pragma once
// Calendar dates and UTC timestamps as text, the forms Chorus stores.
#include "chorus/export.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace chorus {

// "YYYY-MM-DD" naming a real calendar date.
CHORUS_CORE_API bool is_valid_date(std::string_view text);

// Accepts "YYYY-MM-DD", "DD/MM/YYYY" (UK forms) and returns "YYYY-MM-DD".
CHORUS_CORE_API std::optional<std::string> normalise_date(std::string_view text);

// Accepts "YYYY-MM-DDTHH:MM[:SS][.fff](Z|+hh:mm|-hh:mm)", a space instead of "T",
// or a bare date (midnight UTC); returns UTC "YYYY-MM-DDTHH:MM:SSZ".
CHORUS_CORE_API std::optional<std::string> normalise_timestamp(std::string_view text);

// The canonical stored form: "YYYY-MM-DDTHH:MM:SSZ".
CHORUS_CORE_API bool is_canonical_timestamp(std::string_view text);

CHORUS_CORE_API std::string utc_now();

} // namespace chorus
