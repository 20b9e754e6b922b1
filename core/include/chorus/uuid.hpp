#pragma once
#include "chorus/export.hpp"

#include <string>
#include <string_view>

namespace chorus {

// A random (version 4) UUID in lower case, from the OS's random source.
CHORUS_CORE_API std::string new_uuid();

// 8-4-4-4-12 hex digits, lower case.
CHORUS_CORE_API bool is_uuid(std::string_view text);

} // namespace chorus
