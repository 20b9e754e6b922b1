// Choosing the importer for a definition file by its name and content.
#include "chorus/definition_import.hpp"

#include "import_builder.hpp"
#include "json_reading.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace chorus {

namespace {

std::string lower_extension(const std::filesystem::path& file)
{
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

} // namespace

std::string_view to_string(DefinitionFormat format)
{
    switch (format) {
    case DefinitionFormat::surveyjs: return "SurveyJS";
    case DefinitionFormat::xlsform: return "XLSForm";
    default: return "Chorus";
    }
}

DefinitionFormat detect_definition_format(const std::filesystem::path& file, std::string_view content)
{
    // An .xlsx is a zip archive, whose first bytes are "PK\3\4".
    if (lower_extension(file) == ".xlsx" || content.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return DefinitionFormat::xlsform;
    // Chorus definitions have questions; SurveyJS surveys have pages or elements. Malformed
    // JSON is left to the Chorus reader, which names the line and column.
    const auto root = nlohmann::json::parse(content, nullptr, false);
    if (root.is_object() && !root.contains("questions") && (root.contains("pages") || root.contains("elements")))
        return DefinitionFormat::surveyjs;
    return DefinitionFormat::chorus;
}

ImportedDefinition import_definition_file(const std::filesystem::path& file)
{
    std::string content;
    try {
        content = read_text_file(file);
    } catch (const Error& error) {
        throw unreadable_definition(file, error);
    }
    switch (detect_definition_format(file, content)) {
    case DefinitionFormat::xlsform: return import_xlsform(file);
    case DefinitionFormat::surveyjs: return import_surveyjs(content, file.string());
    default: return {parse_instrument(content, file.string()), {}};
    }
}

} // namespace chorus
