#pragma once
// The names a 64-bit little-endian ELF shared library exports in its dynamic symbol table
// (.dynsym), read from the file without loading it (internal). Boost 1.74's library_info
// reads only the static table (.symtab), which a packager's strip removes; the dynamic one
// is what the loader itself uses, so it survives every strip.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chorus {

// std::nullopt when the file is not such an ELF file or its tables do not fit inside it.
std::optional<std::vector<std::string>> elf_dynamic_symbols(const std::filesystem::path& file);

} // namespace chorus
