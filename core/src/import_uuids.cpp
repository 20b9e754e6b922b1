#include "import_uuids.hpp"

#include "text_util.hpp"

#include <cstdio>

namespace chorus {

namespace {

std::uint64_t mix(std::uint64_t value) // splitmix64's finaliser
{
    value ^= value >> 30;
    value *= 0xBF58476D1CE4E5B9ULL;
    value ^= value >> 27;
    value *= 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

} // namespace

UuidBits uuid_bits(std::string_view uuid)
{
    UuidBits bits;
    int digits = 0;
    for (const char c : uuid) {
        if (c == '-')
            continue;
        const auto digit = static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        std::uint64_t& half = digits++ < 16 ? bits.high : bits.low;
        half = half << 4 | digit;
    }
    return bits;
}

// Two FNV-1a hashes over the instrument id and the row's trimmed cells, each finished by mix().
UuidBits content_bits(std::string_view instrument_id, const std::vector<std::string>& fields, std::uint32_t occurrence)
{
    std::uint64_t a = 0xCBF29CE484222325ULL, b = 0x84222325CBF29CE4ULL;
    auto add = [&](std::string_view text) {
        for (const char c : text) {
            a = (a ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
            b = (b ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL + 1;
        }
        a = (a ^ 0x1F) * 0x100000001B3ULL; // a separator no cell can fake
        b = (b ^ 0x1E) * 0x100000001B3ULL + 1;
    };
    add(instrument_id);
    for (const auto& field : fields)
        add(trim(field));
    UuidBits bits{mix(a + occurrence), mix(b ^ (std::uint64_t{occurrence} << 32))};
    bits.high = (bits.high & ~0xF000ULL) | 0x8000ULL; // version 8: made by the application
    bits.low = (bits.low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // RFC 4122 variant
    return bits;
}

std::string uuid_text(const UuidBits& bits)
{
    char text[40];
    std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(bits.high >> 32),
                  static_cast<unsigned long long>(bits.high >> 16 & 0xFFFF),
                  static_cast<unsigned long long>(bits.high & 0xFFFF),
                  static_cast<unsigned long long>(bits.low >> 48),
                  static_cast<unsigned long long>(bits.low & 0xFFFFFFFFFFFFULL));
    return text;
}

} // namespace chorus
