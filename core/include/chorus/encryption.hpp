#pragma once
// Encryption at rest (docs/encryption.md): turning it on and off for a database file and
// changing its passphrase. Each conversion writes a new file beside the old one, checks it
// and renames it over the old one, so a crash or failure midway leaves the old file as it
// was. Each needs the database to itself (no other window or program has it open) and is
// audited in the converted file (the action only, never a passphrase).
#include "chorus/export.hpp"

#include <filesystem>
#include <string>

namespace chorus {

// Whether the file is an encrypted database (see sql::looks_encrypted for the limits).
CHORUS_CORE_API bool is_encrypted_database(const std::filesystem::path& file);

// A plain database becomes encrypted with `passphrase` (not empty).
CHORUS_CORE_API void encrypt_database(const std::filesystem::path& file, const std::string& passphrase,
                                      const std::string& actor);
// An encrypted database becomes plain.
CHORUS_CORE_API void decrypt_database(const std::filesystem::path& file, const std::string& passphrase,
                                      const std::string& actor);
// An encrypted database gets a new passphrase (not empty).
CHORUS_CORE_API void change_passphrase(const std::filesystem::path& file, const std::string& old_passphrase,
                                       const std::string& new_passphrase, const std::string& actor);

} // namespace chorus
