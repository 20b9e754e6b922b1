#pragma once
// Uuids as 128 bits for response import (internal): the uuids of a file's rows, the table of
// the uuids a file gives with the line each was first on (the duplicate check looks up every
// row's), and the uuids made from a row's content for rows that give none.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// A uuid as its 128 bits: the duplicate check keeps one per row of the file, and a
// million of them as strings would cost several times the memory.
struct UuidBits {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool operator==(const UuidBits&) const = default;
};

struct UuidBitsHash {
    std::size_t operator()(const UuidBits& bits) const
    {
        return static_cast<std::size_t>(bits.high ^ (bits.low * 0x9E3779B97F4A7C15ULL));
    }
};

// `uuid` passed is_uuid: lower-case hex digits and dashes.
UuidBits uuid_bits(std::string_view uuid);

// The same row of the same file always gets the same uuid, so importing a file again (or a
// later export of the same form, with rows added) skips what is stored already.
// `occurrence` tells identical rows apart.
UuidBits content_bits(std::string_view instrument_id, const std::vector<std::string>& fields,
                      std::uint32_t occurrence);

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower case.
std::string uuid_text(const UuidBits& bits);

// One flat open-addressing table (linear probing, at most 3/4 full) rather than a hash map
// node per uuid: a lookup is one cache miss, not three, and a million rows allocate nothing.
class UuidLines {
public:
    void reserve(std::size_t count)
    {
        std::size_t capacity = 16;
        while (capacity / 4 * 3 < count)
            capacity *= 2;
        if (capacity > slots_.size())
            rehash(capacity);
    }

    // The line `bits` was first recorded on, or 0 when new (and now recorded on `line`,
    // which is 1 or more: a data row is never the file's first line).
    std::size_t first_line(const UuidBits& bits, std::size_t line)
    {
        if ((used_ + 1) > slots_.size() / 4 * 3)
            rehash(slots_.empty() ? 16 : slots_.size() * 2);
        Slot& slot = find(bits);
        if (slot.line != 0)
            return slot.line;
        slot = {bits, line};
        ++used_;
        return 0;
    }

private:
    struct Slot {
        UuidBits bits;
        std::size_t line = 0; // 0: empty
    };

    // Every bit mixed into the low ones the mask keeps: uuids numbered in order, or
    // time-based ones, differ in a few high bits only.
    static std::size_t spread(const UuidBits& bits)
    {
        std::uint64_t value = bits.high ^ (bits.low * 0x9E3779B97F4A7C15ULL);
        value ^= value >> 30; // splitmix64's finaliser
        value *= 0xBF58476D1CE4E5B9ULL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBULL;
        return static_cast<std::size_t>(value ^ (value >> 31));
    }

    Slot& find(const UuidBits& bits)
    {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t at = spread(bits) & mask;; at = (at + 1) & mask)
            if (slots_[at].line == 0 || slots_[at].bits == bits)
                return slots_[at];
    }

    void rehash(std::size_t capacity)
    {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (const Slot& slot : old)
            if (slot.line != 0)
                find(slot.bits) = slot;
    }

    std::vector<Slot> slots_; // a power of two of them
    std::size_t used_ = 0;
};

} // namespace chorus
