#include "chorus/uuid.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace chorus {

namespace {

// One generator per thread, seeded from the OS with a full 256 bits so that two
// installations (or two threads) do not share a sequence; random_device alone can be slow.
std::mt19937_64& generator() {
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::array<std::random_device::result_type, 8> words{};
        for (auto& word : words) word = device();
        std::seed_seq seed(words.begin(), words.end());
        return std::mt19937_64(seed);
    }();
    return engine;
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

} // namespace

std::string new_uuid() {
    auto& engine = generator();
    std::array<std::uint8_t, 16> bytes{};
    for (std::size_t half = 0; half < 2; ++half) {
        std::uint64_t bits = engine();
        for (std::size_t i = 0; i < 8; ++i) {
            bytes[half * 8 + i] = static_cast<std::uint8_t>(bits & 0xFF);
            bits >>= 8;
        }
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant (10xx)

    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += hex[bytes[i] >> 4];
        text += hex[bytes[i] & 0x0F];
    }
    return text;
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash_expected = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_expected ? text[i] != '-' : !is_lower_hex(text[i])) return false;
    }
    return true;
}

} // namespace chorus
