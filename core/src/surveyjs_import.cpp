// SurveyJS JSON (pages, panels, elements) -> Instrument.
// The mapping is documented in docs/import-formats.md.
#include "import_builder.hpp"
#include "json_reading.hpp"
#include "text_util.hpp"

#include <cmath>
#include <set>

namespace chorus {

namespace {

using json = nlohmann::json;
using Codes = std::map<std::string, std::string, std::less<>>;

// Properties that change what may be answered; Chorus has no place for them, so each
// one found is named in a warning. (Layout properties such as colCount are not.)
constexpr std::string_view unkept_properties[] = {
    "validators",         "requiredIf",       "enableIf",         "defaultValue",
    "correctAnswer",      "maxSelectedChoices", "minSelectedChoices", "choicesVisibleIf",
    "choicesEnableIf",    "choicesByUrl",     "choicesFromQuestion", "setValueIf",
    "resetValueIf",       "readOnly"};

// Element types that are not questions Chorus can ask, with why, where it helps.
std::string unsupported_reason(const std::string& type)
{
    if (type == "expression")
        return "it is calculated, not asked";
    if (type == "rating")
        return "its scale has fewer than 2 or more than 21 values";
    if (type == "paneldynamic" || type == "matrixdynamic")
        return "Chorus has no repeated groups";
    return "Chorus has no such question type";
}

// "<p>Thank you &amp; goodbye</p>" -> "Thank you & goodbye".
std::string plain_text(std::string_view html)
{
    std::string text;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<')
            in_tag = true;
        else if (c == '>')
            in_tag = false;
        else if (!in_tag)
            text += c;
    }
    for (auto [entity, character] : {std::pair{"&nbsp;", " "}, std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"},
                                     std::pair{"&quot;", "\""}, std::pair{"&#39;", "'"}, std::pair{"&amp;", "&"}}) {
        const std::string_view from = entity;
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1))
            text.replace(at, from.size(), character);
    }
    return std::string(trim(text));
}

std::string value_text(const json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    if (value.is_number())
        return format_number(value.get<double>());
    return {};
}

class SurveyjsImporter : private JsonObjectReader {
public:
    explicit SurveyjsImporter(ImportBuilder& builder)
        : JsonObjectReader(builder.source(), builder.warnings()), builder_(builder) {}

    ImportedDefinition run(const json& root, const std::string& fallback_title)
    {
        const bool has_pages = root.is_object() && root.contains("pages") && root["pages"].is_array();
        const bool has_elements = root.is_object() && root.contains("elements") && root["elements"].is_array();
        if (!has_pages && !has_elements)
            throw DefinitionError({{builder_.source(), "$",
                                    "is not a SurveyJS survey: expected an object with pages or elements"}});
        Instrument header;
        header.title = text_of(root, "$", "title");
        if (header.title.empty())
            header.title = fallback_title;
        header.id = instrument_id_from(header.title);
        header.description = text_of(root, "$", "description");
        if (has_pages) {
            const json& pages = root["pages"];
            for (std::size_t i = 0; i < pages.size(); ++i)
                read_container(pages[i], "$.pages[" + std::to_string(i) + "]", "");
        }
        if (has_elements)
            read_elements(root["elements"], "$.elements", "");
        if (!other_languages_.empty())
            builder_.warn("$", "text in " + join(other_languages_, ", ")
                                   + " not kept: Chorus keeps one language (the default)");
        return builder_.finish(std::move(header));
    }

private:
    // A title or other text: a string, or an object of translations ({"default": ..., "nl": ...}).
    std::string text_of(const json& object, const std::string& path, const char* name)
    {
        auto it = object.find(name);
        if (it == object.end() || it->is_null())
            return {};
        if (it->is_string())
            return std::string(trim(it->get<std::string>()));
        if (!it->is_object()) {
            builder_.warn(path + "." + name, "expected text, found " + json_kind(*it) + "; not kept");
            return {};
        }
        std::string chosen_language;
        for (const char* language : {"default", "en"})
            if (it->contains(language) && (*it)[language].is_string()) {
                chosen_language = language;
                break;
            }
        for (const auto& item : it->items()) {
            if (chosen_language.empty() && item.value().is_string())
                chosen_language = item.key();
            else if (item.key() != chosen_language)
                other_languages_.insert(item.key());
        }
        return chosen_language.empty() ? std::string() : std::string(trim((*it)[chosen_language].get<std::string>()));
    }

    std::string name_of(const json& element)
    {
        auto it = element.find("name");
        return it == element.end() ? std::string() : value_text(*it);
    }

    static std::string joined(const std::string& outer, const std::string& own)
    {
        if (outer.empty() || own.empty())
            return outer.empty() ? own : outer;
        auto wrapped = [](const std::string& text) {
            return text.find(" or ") == std::string::npos ? text : "(" + text + ")";
        };
        return wrapped(outer) + " and " + wrapped(own);
    }

    // A page or panel: its title becomes a note (Chorus has no groups) and its condition
    // applies to every question in it.
    void read_container(const json& container, const std::string& path, const std::string& outer_condition)
    {
        if (!container.is_object()) {
            builder_.warn(path, "expected a page or panel object, found " + json_kind(container) + "; skipped");
            return;
        }
        const std::string name = name_of(container);
        const std::string location = path + (name.empty() ? "" : " (" + name + ")");
        const std::string title = text_of(container, path, "title");
        const std::string key = title.empty() ? std::string() : builder_.key_for(name, location);
        std::string visible_if;
        read_string(container, path, "visibleIf", visible_if, false);
        const std::string condition = joined(
            outer_condition,
            builder_.translate(visible_if, ConditionDialect::surveyjs, location, key.empty() ? name : key));
        if (!key.empty()) {
            Question note;
            note.key = key;
            note.type = QuestionType::note;
            note.label = title;
            note.help = text_of(container, path, "description");
            note.relevant = condition;
            builder_.add(std::move(note), location, "");
        }
        if (const json* elements = member(container, path, "elements", json::value_t::array, false))
            read_elements(*elements, path + ".elements", condition);
    }

    void read_elements(const json& elements, const std::string& path, const std::string& condition)
    {
        for (std::size_t i = 0; i < elements.size(); ++i)
            read_element(elements[i], path + "[" + std::to_string(i) + "]", condition);
    }

    void read_element(const json& element, const std::string& path, const std::string& outer_condition)
    {
        if (!element.is_object() || !element.contains("type") || !element["type"].is_string()) {
            builder_.warn(path, "not a question (it needs a type); skipped");
            return;
        }
        const std::string type = element["type"].get<std::string>();
        if (type == "panel") {
            read_container(element, path, outer_condition);
            return;
        }
        const std::string name = name_of(element);
        const std::string location = path + " (" + name + ")";
        Question question;
        Codes codes;
        if (!convert(element, type, path, location, question, codes)) {
            std::string described = type;
            if (type == "text")
                described += " with inputType " + value_text(element.value("inputType", json()));
            std::string skipped = "type " + in_quotes(described) + " is not supported (" + unsupported_reason(type)
                                + "); question " + in_quotes(name) + " skipped";
            if (const json* inner = template_elements(element))
                skipped += " with the questions in it (" + names_in(*inner) + ")";
            builder_.warn(location, skipped);
            return;
        }
        for (auto property : unkept_properties)
            if (element.contains(property))
                builder_.warn(location, "property " + std::string(property) + " not kept");
        if (std::string title = text_of(element, path, "title"); !title.empty())
            question.label = title;
        if (question.label.empty())
            question.label = name;
        question.help = text_of(element, path, "description");
        if (question.type != QuestionType::note)
            read_bool(element, path, "isRequired", question.required);

        std::string visible_if;
        read_string(element, path, "visibleIf", visible_if, false);
        if (type == "matrix") {
            add_matrix_rows(element, path, name, question, codes,
                            joined(outer_condition, visible_if_translated(visible_if, location, name)));
            return;
        }
        question.key = builder_.key_for(name, location);
        question.relevant = joined(outer_condition, visible_if_translated(visible_if, location, question.key));
        const bool has_other = is_true(element, "showOtherItem") || is_true(element, "hasOther");
        if (has_other)
            question.options.push_back({"other", text_or(element, path, "otherText", "Other")});
        const std::string key = question.key;
        const std::string follow_up_condition = joined(outer_condition, "selected(" + key + ", 'other')");
        builder_.add(std::move(question), location, name, std::move(codes));
        if (has_other) {
            // SurveyJS asks for the other answer in a box beside the choice; Chorus asks it next.
            Question other;
            other.key = builder_.key_for(key + "_other", location);
            other.type = QuestionType::short_text;
            other.label = text_or(element, path, "otherPlaceholder", "Specify other.");
            other.relevant = follow_up_condition;
            builder_.add(std::move(other), location, name + "-Comment");
        }
    }

    std::string visible_if_translated(const std::string& visible_if, const std::string& location,
                                      const std::string& key)
    {
        return builder_.translate(visible_if, ConditionDialect::surveyjs, location, key);
    }

    void read_bool(const json& object, const std::string& path, const char* name, bool& out)
    {
        if (const json* value = member(object, path, name, json::value_t::boolean, false))
            out = value->get<bool>();
    }

    static bool is_true(const json& object, const char* name)
    {
        auto it = object.find(name);
        return it != object.end() && it->is_boolean() && it->get<bool>();
    }

    std::string text_or(const json& object, const std::string& path, const char* name, const char* fallback)
    {
        std::string text = text_of(object, path, name);
        return text.empty() ? fallback : text;
    }

    static const json* template_elements(const json& element)
    {
        for (const char* name : {"templateElements", "elements"}) {
            auto it = element.find(name);
            if (it != element.end() && it->is_array())
                return &*it;
        }
        return nullptr;
    }

    std::string names_in(const json& elements)
    {
        std::vector<std::string> names;
        for (const auto& inner : elements)
            if (inner.is_object())
                names.push_back(name_of(inner));
        return join(names, ", ");
    }

    // Fills the question's type and type-specific parts; false when Chorus has no such type.
    bool convert(const json& element, const std::string& type, const std::string& path, const std::string& location,
                 Question& question, Codes& codes)
    {
        if (type == "text")
            return convert_text(element, path, question);
        if (type == "comment") {
            question.type = QuestionType::long_text;
            read_max_length(element, path, question);
            return true;
        }
        if (type == "radiogroup" || type == "dropdown" || type == "buttongroup" || type == "checkbox"
            || type == "tagbox" || type == "imagepicker") {
            const bool many = type == "checkbox" || type == "tagbox" || (type == "imagepicker" && is_true(element, "multiSelect"));
            question.type = many ? QuestionType::multiple_choice : QuestionType::single_choice;
            question.options = read_choices(element, path, "choices", codes);
            if (is_true(element, "showNoneItem") || is_true(element, "hasNone"))
                question.options.push_back({"none", text_or(element, path, "noneText", "None")});
            if (type == "imagepicker")
                builder_.warn(location, "images not kept: the choices are shown by their text");
            return true;
        }
        if (type == "boolean") {
            question.type = QuestionType::single_choice;
            question.options = {{"yes", text_or(element, path, "labelTrue", "Yes")},
                                {"no", text_or(element, path, "labelFalse", "No")}};
            codes = {{"true", "yes"}, {"false", "no"}};
            if (element.contains("valueTrue"))
                codes[value_text(element["valueTrue"])] = "yes";
            if (element.contains("valueFalse"))
                codes[value_text(element["valueFalse"])] = "no";
            return true;
        }
        if (type == "rating")
            return convert_rating(element, path, question, codes);
        if (type == "matrix") {
            question.type = QuestionType::single_choice;
            question.options = read_choices(element, path, "columns", codes);
            return true;
        }
        if (type == "html") {
            question.type = QuestionType::note;
            std::string html;
            read_string(element, path, "html", html, false);
            question.label = plain_text(html);
            builder_.warn(location, "HTML shown as plain text");
            return true;
        }
        return false;
    }

    bool convert_text(const json& element, const std::string& path, Question& question)
    {
        std::string input_type = "text";
        read_string(element, path, "inputType", input_type, false);
        if (input_type == "number" || input_type == "range") {
            auto step = read_number(element, path, "step");
            question.min = read_number(element, path, "min");
            question.max = read_number(element, path, "max");
            const auto whole = [](const std::optional<double>& value) { return !value || std::trunc(*value) == *value; };
            question.type = step && *step >= 1 && whole(step) && whole(question.min) && whole(question.max)
                                ? QuestionType::integer
                                : QuestionType::decimal;
            return true;
        }
        if (input_type == "date") {
            question.type = QuestionType::date;
            return true;
        }
        // Other inputs are text a person types; date-time, time, month, week and colour are not.
        for (std::string_view text_input : {"text", "email", "url", "tel", "search", "password"}) {
            if (input_type == text_input) {
                question.type = QuestionType::short_text;
                read_max_length(element, path, question);
                return true;
            }
        }
        return false;
    }

    void read_max_length(const json& element, const std::string& path, Question& question)
    {
        int max_length = 0;
        read_int(element, path, "maxLength", max_length, false);
        if (max_length > 0)
            question.max_length = max_length;
    }

    std::vector<Option> read_choices(const json& element, const std::string& path, const char* name, Codes& codes)
    {
        std::vector<Option> options;
        const json* items = member(element, path, name, json::value_t::array, false);
        if (items == nullptr)
            return options;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const json& item = (*items)[i];
            const std::string item_path = path + "." + name + "[" + std::to_string(i) + "]";
            std::string value = item.is_object() ? (item.contains("value") ? value_text(item["value"]) : "")
                                                 : value_text(item);
            std::string label = item.is_object() ? text_of(item, item_path, "text") : value;
            if (value.empty()) {
                builder_.warn(item_path, "choice without a value skipped");
                continue;
            }
            std::string code = code_from_value(value);
            if (code.empty())
                code = "option_" + std::to_string(i + 1);
            if (code != value)
                builder_.warn(item_path, "choice " + in_quotes(value) + " is imported as the code " + in_quotes(code));
            codes[value] = code;
            options.push_back({code, label.empty() ? value : label});
        }
        return options;
    }

    bool convert_rating(const json& element, const std::string& path, Question& question, Codes& codes)
    {
        if (element.contains("rateValues")) {
            question.type = QuestionType::single_choice;
            question.options = read_choices(element, path, "rateValues", codes);
            return true;
        }
        const double low = read_number(element, path, "rateMin").value_or(1);
        const double step = read_number(element, path, "rateStep").value_or(1);
        double high = read_number(element, path, "rateMax").value_or(5);
        if (auto count = read_number(element, path, "rateCount"); count && !element.contains("rateMax"))
            high = low + (*count - 1) * step;
        const double count = step > 0 ? std::floor((high - low) / step + 1e-9) + 1 : 0;
        constexpr double most_options = 21;
        if (count < 2 || count > most_options)
            return false;
        const std::string min_label = text_of(element, path, "minRateDescription");
        const std::string max_label = text_of(element, path, "maxRateDescription");
        std::string rate_type;
        read_string(element, path, "rateType", rate_type, false);
        if (low == 0 && high == 10 && step == 1) {
            question.type = QuestionType::rating_0_10;
            question.options = default_options(QuestionType::rating_0_10, 0);
            question.min_label = min_label;
            question.max_label = max_label;
            return true;
        }
        const int whole_count = static_cast<int>(count);
        const bool faces = rate_type == "smileys" && (whole_count == 3 || whole_count == 5);
        question.type = faces ? QuestionType::faces : QuestionType::single_choice;
        question.faces = faces ? whole_count : 0;
        const auto face_options = faces ? default_options(QuestionType::faces, whole_count) : std::vector<Option>{};
        for (int i = 0; i < whole_count; ++i) {
            const std::string value = format_number(low + i * step);
            std::string label = value;
            if (i == 0 && !min_label.empty())
                label += " (" + min_label + ")";
            if (i == whole_count - 1 && !max_label.empty())
                label += " (" + max_label + ")";
            const std::string code = faces ? face_options[static_cast<std::size_t>(i)].code : code_from_value(value);
            question.options.push_back({code, faces && label == value ? face_options[static_cast<std::size_t>(i)].label : label});
            codes[value] = code;
        }
        return true;
    }

    // One single-choice question per row, keyed <matrix>_<row>; {matrix.row} refers to it.
    void add_matrix_rows(const json& element, const std::string& path, const std::string& name,
                         const Question& shape, const Codes& column_codes, const std::string& condition)
    {
        Codes row_codes;
        const auto rows = read_choices(element, path, "rows", row_codes);
        const bool all_required = is_true(element, "isAllRowRequired") || shape.required;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::string location = path + ".rows[" + std::to_string(i) + "] (" + name + "." + rows[i].code + ")";
            Question row = shape;
            row.key = builder_.key_for(name + "_" + rows[i].code, location);
            row.label = shape.label + ": " + rows[i].label;
            row.required = all_required;
            row.relevant = condition;
            builder_.add(std::move(row), location, name + "." + rows[i].code, column_codes);
        }
        if (rows.empty())
            builder_.warn(path + " (" + name + ")", "matrix " + in_quotes(name) + " has no rows; skipped");
    }

    ImportBuilder& builder_;
    std::set<std::string> other_languages_;
};

} // namespace

ImportedDefinition import_surveyjs(std::string_view json_text, const std::string& source)
{
    const json root = parse_definition_json(json_text, source);
    ImportBuilder builder(source);
    const std::string fallback_title = std::filesystem::path(source).stem().string();
    return SurveyjsImporter(builder).run(root, fallback_title.empty() ? "Imported survey" : fallback_title);
}

} // namespace chorus
