#include "chorus/paths.hpp"

#include <cstdlib>
#include <optional>
#include <string>
#include <system_error>

#if defined(_WIN32)
#  include <memory>
#else
#  include <pwd.h>
#  include <unistd.h>

#  include <vector>
#endif

namespace chorus {

namespace {

namespace fs = std::filesystem;

// An environment variable as a path; unset and empty are treated alike.
std::optional<fs::path> env_path(const char* name) {
#if defined(_WIN32)
    // The wide form, so that folders with non-ASCII names (user names) survive.
    const std::wstring wide_name(name, name + std::char_traits<char>::length(name));
    wchar_t* value = nullptr;
    std::size_t length = 0;
    if (_wdupenv_s(&value, &length, wide_name.c_str()) != 0 || value == nullptr) return std::nullopt;
    const std::unique_ptr<wchar_t, decltype(&std::free)> owned(value, &std::free);
    if (*value == L'\0') return std::nullopt;
    return fs::path(value);
#else
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return fs::path(value);
#endif
}

// Last resort when the environment names no home: a folder beside wherever we were started,
// so that Chorus still works (e.g. under a service account), visibly rather than silently.
fs::path fallback_dir(const char* name) {
    std::error_code error;
    fs::path here = fs::current_path(error);
    if (error) here = ".";
    return here / name;
}

#if !defined(_WIN32)
// $HOME, or the home folder in the password database when HOME is unset (e.g. under cron).
std::optional<fs::path> home_dir() {
    if (auto home = env_path("HOME")) return home;
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
        found->pw_dir != nullptr && *found->pw_dir != '\0')
        return fs::path(found->pw_dir);
    return std::nullopt;
}
#endif

} // namespace

fs::path user_data_dir() {
    if (auto chosen = env_path("CHORUS_DATA_DIR")) return *chosen;
#if defined(_WIN32)
    if (auto app_data = env_path("APPDATA")) return *app_data / "Chorus";
    if (auto profile = env_path("USERPROFILE")) return *profile / "AppData" / "Roaming" / "Chorus";
    return fallback_dir("Chorus");
#elif defined(__APPLE__)
    if (auto home = home_dir()) return *home / "Library" / "Application Support" / "Chorus";
    return fallback_dir("Chorus");
#else
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (auto xdg = env_path("XDG_DATA_HOME"); xdg && xdg->is_absolute()) return *xdg / "chorus";
    if (auto home = home_dir()) return *home / ".local" / "share" / "chorus";
    return fallback_dir(".chorus");
#endif
}

fs::path default_database_path() { return user_data_dir() / "chorus.db"; }

std::string current_actor()
{
    for (const char* variable : {"CHORUS_USER", "USER", "USERNAME"})
        if (const char* value = std::getenv(variable); value && *value)
            return value;
    return "unknown";
}

} // namespace chorus
