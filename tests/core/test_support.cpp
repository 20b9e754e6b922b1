#include "test_support.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace chorus::test {

TempDir::TempDir()
{
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("chorus-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("could not create a temporary folder");
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::filesystem::path& file, std::string_view text)
{
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out)
        throw std::runtime_error("could not write " + file.string());
}

std::string read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string every_type_json(int version)
{
    return R"json({
  "id": "every-type",
  "version": )json" + std::to_string(version) + R"json(,
  "title": "Every question type",
  "questions": [
    {"key": "intro", "type": "note", "label": "Thank you for taking part."},
    {"key": "choice", "type": "single_choice", "label": "How did you hear about us?",
     "options": [{"code": "school", "label": "School"}, {"code": "friend", "label": "A friend"},
                 {"code": "other", "label": "Other"}]},
    {"key": "many", "type": "multiple_choice", "label": "Which services did you use?",
     "options": [{"code": "early_help", "label": "Early help"}, {"code": "cin", "label": "Child in need"},
                 {"code": "cp", "label": "Child protection"}]},
    {"key": "agree", "type": "agree_scale", "label": "My social worker listened to me", "required": true},
    {"key": "why", "type": "long_text", "label": "What could be better?",
     "relevant": "agree in ['disagree', 'strongly_disagree']"},
    {"key": "faces3", "type": "faces", "faces": 3, "label": "How do you feel about school?"},
    {"key": "faces5", "type": "faces", "faces": 5, "label": "How do you feel at home?"},
    {"key": "yesno", "type": "yes_no_na", "label": "Did you get a copy of your plan?"},
    {"key": "rating", "type": "rating_0_10", "label": "How helpful was the plan?",
     "min_label": "Not at all", "max_label": "Very"},
    {"key": "count", "type": "integer", "label": "How many visits?", "min": 0, "max": 120},
    {"key": "amount", "type": "decimal", "label": "Travel costs", "min": 0, "max": 1000},
    {"key": "when", "type": "date", "label": "Date of the meeting"},
    {"key": "name", "type": "short_text", "label": "Your first name (optional)", "max_length": 40},
    {"key": "story", "type": "long_text", "label": "Anything else?"}
  ]
})json";
}

Instrument every_type_instrument(int version)
{
    return parse_instrument(every_type_json(version), "every-type.json");
}

std::vector<std::string> response_indexes(Store& store)
{
    auto rows = store.connection().prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('response', 'answer_value') ORDER BY name");
    std::vector<std::string> names;
    while (rows.step())
        names.push_back(rows.column_text(0));
    return names;
}

} // namespace chorus::test
