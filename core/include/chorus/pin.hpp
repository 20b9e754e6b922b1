#pragma once
// The worker's PIN that guards child mode: only a salted, slow hash is ever kept
// (PBKDF2-HMAC-SHA-256), so the PIN itself is never in memory longer than it is typed
// nor in any settings file.
#include "chorus/export.hpp"

#include <string>
#include <string_view>

namespace chorus {

struct PinHash {
    std::string salt;     // 16 random bytes, hex
    std::string hash;     // 32 bytes, hex
    int iterations = 0;
};

// A PIN is 4 to 12 digits; anything else throws Error.
CHORUS_CORE_API PinHash hash_pin(std::string_view pin, int iterations = 200000);
// Compares in constant time; false for a malformed hash.
CHORUS_CORE_API bool pin_matches(const PinHash& stored, std::string_view pin);

// Building blocks, exposed for their test vectors. Results are lower-case hex.
CHORUS_CORE_API std::string sha256_hex(std::string_view data);
CHORUS_CORE_API std::string pbkdf2_sha256_hex(std::string_view password, std::string_view salt, int iterations);

} // namespace chorus
