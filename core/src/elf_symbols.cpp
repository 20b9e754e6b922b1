#include "elf_symbols.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

namespace chorus {

namespace {

constexpr std::uint32_t section_dynsym = 11; // SHT_DYNSYM
constexpr std::size_t max_file_size = 512u << 20;

// Reads a little-endian integer at `offset`, or fails when it does not fit.
template <typename T>
bool read_at(const std::vector<char>& bytes, std::uint64_t offset, T& value)
{
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        return false;
    value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        value = static_cast<T>(value | static_cast<T>(static_cast<T>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i)));
    return true;
}

} // namespace

std::optional<std::vector<std::string>> elf_dynamic_symbols(const std::filesystem::path& file)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error || size > max_file_size)
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // ELF magic, 64-bit class (2), little-endian data (1).
    if (bytes.size() < 64 || std::memcmp(bytes.data(), "\x7f" "ELF", 4) != 0 || bytes[4] != 2 || bytes[5] != 1)
        return std::nullopt;
    std::uint64_t section_headers = 0;
    std::uint16_t header_size = 0, section_count = 0;
    if (!read_at(bytes, 0x28, section_headers) || !read_at(bytes, 0x3A, header_size)
        || !read_at(bytes, 0x3C, section_count) || header_size < 64)
        return std::nullopt;

    std::vector<std::string> names;
    for (std::uint16_t i = 0; i < section_count; ++i) {
        const std::uint64_t header = section_headers + std::uint64_t{i} * header_size;
        std::uint32_t type = 0, link = 0;
        std::uint64_t offset = 0, length = 0, entry_size = 0;
        if (!read_at(bytes, header + 0x04, type) || !read_at(bytes, header + 0x18, offset)
            || !read_at(bytes, header + 0x20, length) || !read_at(bytes, header + 0x28, link)
            || !read_at(bytes, header + 0x38, entry_size))
            return std::nullopt;
        if (type != section_dynsym)
            continue;
        // The names are in the string table the symbol table links to.
        std::uint64_t strings = 0, strings_length = 0;
        const std::uint64_t string_header = section_headers + std::uint64_t{link} * header_size;
        if (link >= section_count || entry_size < 24 || !read_at(bytes, string_header + 0x18, strings)
            || !read_at(bytes, string_header + 0x20, strings_length) || strings > bytes.size()
            || bytes.size() - strings < strings_length)
            return std::nullopt;
        for (std::uint64_t symbol = offset; symbol + entry_size <= offset + length; symbol += entry_size) {
            std::uint32_t name = 0;
            std::uint16_t defined_in = 0;
            if (!read_at(bytes, symbol, name) || !read_at(bytes, symbol + 6, defined_in))
                return std::nullopt;
            if (defined_in == 0 || name >= strings_length)
                continue; // undefined: imported, not exported
            const char* start = bytes.data() + strings + name;
            names.emplace_back(start, strnlen(start, static_cast<std::size_t>(strings_length - name)));
        }
    }
    return names;
}

} // namespace chorus
