#include "json_reading.hpp"

#include "text_util.hpp"
#include "chorus/uuid.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace chorus {

using json = nlohmann::json;

std::string json_kind(const json& value)
{
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "true/false";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a decimal number";
    default: return "a number";
    }
}

std::string describe_parse_error(std::string_view text, const json::parse_error& error)
{
    // nlohmann's byte is 1-based and points just past the offending character.
    std::size_t end = std::min<std::size_t>(error.byte == 0 ? 0 : error.byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    std::string message = error.what();
    // Keep only nlohmann's description, after "parse error at line L, column C: ".
    if (auto colon = message.find(": "); colon != std::string::npos)
        message = message.substr(colon + 2);
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

std::string describe_json_error(std::string_view text, const json::exception& error)
{
    if (const auto* syntax = dynamic_cast<const json::parse_error*>(&error))
        return describe_parse_error(text, *syntax);
    // e.g. out_of_range for a number too large for a double: "number overflow parsing '1e999'".
    std::string message = error.what();
    if (auto bracket = message.find("] "); message.starts_with("[") && bracket != std::string::npos)
        message = message.substr(bracket + 2);
    return message;
}

json parse_definition_json(std::string_view text, const std::string& source)
{
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception& error) {
        throw DefinitionError({{source, "", describe_json_error(text, error)}});
    }
}

std::string read_text_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot be read: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void save_text_file(const std::filesystem::path& file, const std::string& text, const std::string& what)
{
    const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
    const std::filesystem::path temporary = folder / ("." + file.filename().string() + "." + new_uuid() + ".tmp");
    auto fail = [&](const std::string& why) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error(file.string() + ": the " + what + " was not saved: " + why);
    };
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            fail("cannot write in " + folder.string() + " (" + std::strerror(errno) + ")");
        out << text;
        out.flush();
        if (!out)
            fail("writing failed (" + std::string(std::strerror(errno)) + ")");
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error)
        fail("cannot replace the file (" + error.message() + ")");
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

void JsonObjectReader::problem(const std::string& path, const std::string& message)
{
    problems_.push_back({source_, path, message});
}

void JsonObjectReader::allow_only(const json& object, const std::string& path, std::initializer_list<std::string_view> allowed)
{
    for (const auto& item : object.items())
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
            problem(path + "." + item.key(), "unknown property " + in_quotes(item.key()) + "; expected one of "
                                                 + join(std::vector<std::string_view>(allowed), ", "));
}

// The member when present with the expected kind; reports missing or wrong kinds.
const nlohmann::json* JsonObjectReader::member(const json& object, const std::string& path, const char* name,
                   json::value_t kind, bool required)
{
    auto it = object.find(name);
    if (it == object.end()) {
        if (required)
            problem(path + "." + name, "is required");
        return nullptr;
    }
    bool matches = it->type() == kind
                || (kind == json::value_t::number_integer && it->is_number_unsigned());
    if (!matches) {
        std::string expected = kind == json::value_t::string    ? "a string"
                             : kind == json::value_t::boolean   ? "true or false"
                             : kind == json::value_t::array     ? "an array"
                             : kind == json::value_t::number_integer ? "a whole number"
                                                                      : "a value of another kind";
        problem(path + "." + name, "expected " + expected + ", found " + json_kind(*it));
        return nullptr;
    }
    return &*it;
}

bool JsonObjectReader::read_string(const json& object, const std::string& path, const char* name, std::string& out, bool required)
{
    const json* value = member(object, path, name, json::value_t::string, required);
    if (value)
        out = value->get<std::string>();
    return value != nullptr;
}

void JsonObjectReader::read_int(const json& object, const std::string& path, const char* name, int& out, bool required,
                                std::int64_t limit)
{
    const json* value = member(object, path, name, json::value_t::number_integer, required);
    if (!value)
        return;
    // Unsigned: a number beyond int64's range would wrap to a negative one.
    bool in_range = value->is_number_unsigned()
                        ? value->get<std::uint64_t>() <= static_cast<std::uint64_t>(limit)
                        : value->get<std::int64_t>() >= -limit && value->get<std::int64_t>() <= limit;
    if (!in_range)
        problem(path + "." + name, "is out of range");
    else
        out = static_cast<int>(value->get<std::int64_t>());
}

std::optional<double> JsonObjectReader::read_number(const json& object, const std::string& path, const char* name)
{
    auto it = object.find(name);
    if (it == object.end())
        return std::nullopt;
    if (!it->is_number()) {
        problem(path + "." + name, "expected a number, found " + json_kind(*it));
        return std::nullopt;
    }
    return it->get<double>();
}


std::vector<std::string> JsonObjectReader::read_strings(const json& array, const std::string& path)
{
    std::vector<std::string> items;
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (array[i].is_string())
            items.push_back(array[i].get<std::string>());
        else
            problem(path + "[" + std::to_string(i) + "]", "expected a string, found " + json_kind(array[i]));
    }
    return items;
}

} // namespace chorus
