#include "chorus/pin.hpp"

#include "chorus/error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace chorus {

namespace {

using Digest = std::array<std::uint8_t, 32>;

// SHA-256 (FIPS 180-4), kept here so core needs no crypto library for one hash.
class Sha256 {
public:
    void add(std::string_view data)
    {
        for (unsigned char c : data) {
            block_[filled_++] = c;
            if (filled_ == 64) {
                compress();
                filled_ = 0;
            }
        }
        length_ += data.size();
    }

    Digest finish()
    {
        const std::uint64_t bits = length_ * 8;
        block_[filled_++] = 0x80;
        if (filled_ > 56) {
            std::fill(block_.begin() + static_cast<std::ptrdiff_t>(filled_), block_.end(), std::uint8_t{0});
            compress();
            filled_ = 0;
        }
        std::fill(block_.begin() + static_cast<std::ptrdiff_t>(filled_), block_.begin() + 56, std::uint8_t{0});
        for (int i = 0; i < 8; ++i)
            block_[static_cast<std::size_t>(56 + i)] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
        compress();
        Digest digest{};
        for (std::size_t i = 0; i < 8; ++i)
            for (std::size_t j = 0; j < 4; ++j)
                digest[i * 4 + j] = static_cast<std::uint8_t>(state_[i] >> (24 - 8 * j));
        return digest;
    }

private:
    static std::uint32_t rotate(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

    void compress()
    {
        static constexpr std::array<std::uint32_t, 64> k{
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
        std::array<std::uint32_t, 64> w{};
        for (std::size_t i = 0; i < 16; ++i)
            w[i] = std::uint32_t{block_[i * 4]} << 24 | std::uint32_t{block_[i * 4 + 1]} << 16
                   | std::uint32_t{block_[i * 4 + 2]} << 8 | std::uint32_t{block_[i * 4 + 3]};
        for (std::size_t i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        auto [a, b, c, d, e, f, g, h] = state_;
        for (std::size_t i = 0; i < 64; ++i) {
            const std::uint32_t t1 = h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            const std::uint32_t t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        const std::array<std::uint32_t, 8> add{a, b, c, d, e, f, g, h};
        for (std::size_t i = 0; i < 8; ++i)
            state_[i] += add[i];
    }

    std::array<std::uint32_t, 8> state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<std::uint8_t, 64> block_{};
    std::size_t filled_ = 0;
    std::uint64_t length_ = 0;
};

std::string_view as_text(const Digest& digest)
{
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

Digest hmac(std::string_view key, std::string_view message)
{
    std::array<char, 64> padded{};
    if (key.size() > 64) {
        const Digest hashed = [&] { Sha256 h; h.add(key); return h.finish(); }();
        std::copy(hashed.begin(), hashed.end(), padded.begin());
    } else {
        std::copy(key.begin(), key.end(), padded.begin());
    }
    std::array<char, 64> inner_pad{}, outer_pad{};
    for (std::size_t i = 0; i < 64; ++i) {
        inner_pad[i] = static_cast<char>(padded[i] ^ 0x36);
        outer_pad[i] = static_cast<char>(padded[i] ^ 0x5c);
    }
    Sha256 inner;
    inner.add({inner_pad.data(), inner_pad.size()});
    inner.add(message);
    const Digest inner_digest = inner.finish();
    Sha256 outer;
    outer.add({outer_pad.data(), outer_pad.size()});
    outer.add(as_text(inner_digest));
    return outer.finish();
}

template <typename Bytes>
std::string hex(const Bytes& bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (auto byte : bytes) {
        const auto value = static_cast<std::uint8_t>(byte);
        text += digits[value >> 4];
        text += digits[value & 0xf];
    }
    return text;
}

// One 32-byte block of PBKDF2 is all a PIN hash needs.
Digest pbkdf2(std::string_view password, std::string_view salt, int iterations)
{
    std::string first(salt);
    first += std::string("\0\0\0\1", 4);
    Digest u = hmac(password, first);
    Digest result = u;
    for (int i = 1; i < iterations; ++i) {
        u = hmac(password, as_text(u));
        for (std::size_t j = 0; j < result.size(); ++j)
            result[j] ^= u[j];
    }
    return result;
}

} // namespace

std::string sha256_hex(std::string_view data)
{
    Sha256 hash;
    hash.add(data);
    return hex(hash.finish());
}

std::string pbkdf2_sha256_hex(std::string_view password, std::string_view salt, int iterations)
{
    return hex(pbkdf2(password, salt, iterations));
}

PinHash hash_pin(std::string_view pin, int iterations)
{
    const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (pin.size() < 4 || pin.size() > 12 || !digits)
        throw Error("a PIN is 4 to 12 digits");
    if (iterations < 1)
        throw Error("a PIN hash needs at least one iteration");
    std::random_device random;
    std::string salt(16, '\0');
    for (auto& byte : salt)
        byte = static_cast<char>(random() & 0xff);
    return {hex(salt), hex(pbkdf2(pin, salt, iterations)), iterations};
}

bool pin_matches(const PinHash& stored, std::string_view pin)
{
    auto is_hex = [](const std::string& text) {
        return std::all_of(text.begin(), text.end(),
                           [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    };
    if (stored.iterations < 1 || stored.salt.size() != 32 || stored.hash.size() != 64 || !is_hex(stored.salt)
        || !is_hex(stored.hash))
        return false;
    std::string salt;
    for (std::size_t i = 0; i < stored.salt.size(); i += 2)
        salt += static_cast<char>(std::stoi(stored.salt.substr(i, 2), nullptr, 16));
    const std::string candidate = hex(pbkdf2(pin, salt, stored.iterations));
    unsigned difference = 0;
    for (std::size_t i = 0; i < candidate.size(); ++i)
        difference |= static_cast<unsigned>(candidate[i] ^ stored.hash[i]);
    return difference == 0;
}

} // namespace chorus
