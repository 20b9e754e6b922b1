#pragma once
// Reading definition files (instruments, measure sets) from JSON with every problem
// reported as a DefinitionProblem: wrong kinds, unknown or missing properties (internal).
#include "chorus/instrument_json.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// "a string", "an array", "null"...: what a person would call the value's kind.
std::string json_kind(const nlohmann::json& value);
// "line L, column C: what is wrong", from nlohmann's parse error.
std::string describe_parse_error(std::string_view text, const nlohmann::json::parse_error& error);
// Any of nlohmann's exceptions while parsing: a syntax error as above, or what else went wrong
// (a number too large for a double is out_of_range, not a parse_error).
std::string describe_json_error(std::string_view text, const nlohmann::json::exception& error);
// The JSON of a definition file; a syntax error is a DefinitionError naming `source` and where.
nlohmann::json parse_definition_json(std::string_view text, const std::string& source);
// The whole file; throws Error naming the file when it cannot be read.
std::string read_text_file(const std::filesystem::path& file);
// Writes `text` to a temporary file beside `file` and renames it over `file`, so a failure
// leaves the old file whole; throws Error "FILE: the WHAT was not saved: why".
void save_text_file(const std::filesystem::path& file, const std::string& text, const std::string& what);
std::string in_quotes(std::string_view text);

// Base of the readers: each read reports its own problems and returns what it could read.
class JsonObjectReader {
public:
    JsonObjectReader(const std::string& source, std::vector<DefinitionProblem>& problems)
        : source_(source), problems_(problems) {}

protected:
    using json = nlohmann::json;

    void problem(const std::string& path, const std::string& message);
    void allow_only(const json& object, const std::string& path, std::initializer_list<std::string_view> allowed);
    // The member when present with the expected kind; reports missing or wrong kinds.
    const json* member(const json& object, const std::string& path, const char* name, json::value_t kind,
                       bool required);
    bool read_string(const json& object, const std::string& path, const char* name, std::string& out,
                     bool required);
    // Numbers beyond +-limit are reported "out of range": the default keeps arithmetic on them
    // far from overflow.
    void read_int(const json& object, const std::string& path, const char* name, int& out, bool required,
                  std::int64_t limit = 1'000'000'000);
    std::optional<double> read_number(const json& object, const std::string& path, const char* name);
    // An array of strings; each item that is not one is reported.
    std::vector<std::string> read_strings(const json& array, const std::string& path);

    const std::string& source_;
    std::vector<DefinitionProblem>& problems_;
};

} // namespace chorus
