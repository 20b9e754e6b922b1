#pragma once
#include "chorus/export.hpp"

#include <filesystem>
#include <string>

namespace chorus {

// The user's data folder for Chorus: $CHORUS_DATA_DIR if set; otherwise
// $XDG_DATA_HOME/chorus or ~/.local/share/chorus (Linux), ~/Library/Application Support/Chorus
// (macOS), %APPDATA%\Chorus (Windows). Not created here.
CHORUS_CORE_API std::filesystem::path user_data_dir();

// user_data_dir() / "chorus.db".
CHORUS_CORE_API std::filesystem::path default_database_path();

// Who is acting, for the audit log: $CHORUS_USER, else $USER / $USERNAME, else "unknown".
CHORUS_CORE_API std::string current_actor();

} // namespace chorus
