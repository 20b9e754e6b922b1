#pragma once
// Randomness for the demo data (demo.cpp, demo_complaints.cpp).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace chorus::demo {

// Randomness that is the same on every platform: std::mt19937's output is fixed
// by the standard, but the std distributions are not, so draws are made by hand.
class Dice {
public:
    explicit Dice(std::uint32_t seed) : engine_(seed) {}

    std::uint32_t next() { return static_cast<std::uint32_t>(engine_()); }
    double uniform() { return static_cast<double>(next()) / 4294967296.0; } // [0, 1)
    bool chance(double p) { return uniform() < p; }
    std::size_t below(std::size_t n)
    {
        return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n)));
    }
    // Roughly standard normal (Irwin-Hall): enough for survey noise.
    double normal()
    {
        double sum = 0.0;
        for (int i = 0; i < 12; ++i)
            sum += uniform();
        return sum - 6.0;
    }
    // n draws from [0, 1), one in each n-th of it, shuffled: shares per quarter then
    // follow the planned trend instead of being swamped by sampling noise.
    std::vector<double> stratified(std::size_t n)
    {
        std::vector<double> draws(n);
        for (std::size_t i = 0; i < n; ++i)
            draws[i] = (static_cast<double>(i) + uniform()) / static_cast<double>(n);
        for (std::size_t i = n; i > 1; --i)
            std::swap(draws[i - 1], draws[below(i)]);
        return draws;
    }
    template <typename T> std::size_t pick_index(const std::vector<T>& items)
    {
        double total = 0.0;
        for (const T& item : items)
            total += item.weight;
        double target = uniform() * total;
        for (std::size_t i = 0; i < items.size(); ++i) {
            target -= items[i].weight;
            if (target < 0.0)
                return i;
        }
        return items.size() - 1;
    }
    template <typename T> const T& pick(const std::vector<T>& items)
    {
        return items[pick_index(items)];
    }

    // Version 4 layout, but derived from the generator so the demo is reproducible.
    std::string uuid()
    {
        std::array<std::uint8_t, 16> bytes{};
        for (std::size_t i = 0; i < bytes.size(); i += 4) {
            const std::uint32_t word = next();
            for (std::size_t j = 0; j < 4; ++j)
                bytes[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
        }
        bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);
        bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
        static constexpr char hex[] = "0123456789abcdef";
        std::string text;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                text += '-';
            text += hex[bytes[i] >> 4];
            text += hex[bytes[i] & 0x0f];
        }
        return text;
    }

private:
    std::mt19937 engine_;
};

} // namespace chorus::demo
