#pragma once
// Shared by the fuzz targets (tests/fuzz, docs/testing.md): the property every core loader
// must keep, and files for the loaders that read from a path.
#include "chorus/error.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

// libFuzzer's entry point; replay_main.cpp calls it in ordinary builds.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace chorus::fuzz {

// Prints why the input broke a property and aborts, which libFuzzer records as a crash.
[[noreturn]] void fail(const std::string& why);

enum class Outcome { loaded, refused };

// Runs `load`, which must succeed or throw chorus::Error with a message (refused): any
// other exception, or an Error without a message, is a failure.
template <class Load> Outcome loads_or_refuses(const std::string& loader, Load&& load)
{
    try {
        std::forward<Load>(load)();
        return Outcome::loaded;
    } catch (const Error& error) {
        if (std::string_view(error.what()).empty())
            fail(loader + " threw chorus::Error without a message");
        return Outcome::refused;
    } catch (const std::exception& error) {
        fail(loader + " threw " + typeid(error).name() + ", not chorus::Error: " + error.what());
    } catch (...) {
        fail(loader + " threw something that is not a std::exception");
    }
}

// A folder of this process's own under the system's temporary folder, removed at exit.
const std::filesystem::path& scratch_folder();
void write_bytes(const std::filesystem::path& file, std::string_view bytes);

// The input as a workbook: bytes starting "PK" are the .xlsx file itself; anything else is
// a list of parts, each introduced by a line "--- <part name>", written to a fresh zip
// uncompressed, so that mutations reach the XML instead of breaking a deflate stream.
void write_workbook(const std::filesystem::path& file, std::string_view input);

} // namespace chorus::fuzz
