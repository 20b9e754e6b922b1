#include "chorus/instrument_json.hpp"

#include "chorus/relevance.hpp"
#include "json_reading.hpp"
#include "text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace chorus {

using json = nlohmann::json;

namespace {

constexpr std::size_t max_identifier_length = 64;
constexpr int max_text_length_limit = 1'000'000;

bool is_instrument_id(std::string_view text)
{
    if (text.empty() || text.size() > max_identifier_length)
        return false;
    auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!lower_or_digit(text.front()))
        return false;
    return std::all_of(text.begin(), text.end(), [&](char c) {
        return lower_or_digit(c) || c == '_' || c == '.' || c == '-';
    });
}

bool is_option_code(std::string_view text)
{
    return !text.empty() && text.size() <= max_identifier_length
        && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                   || c == '_' || c == '.' || c == '-';
           });
}

std::string question_path(std::size_t index, const std::string& key)
{
    std::string path = "$.questions[" + std::to_string(index) + "]";
    if (!key.empty())
        path += " (" + key + ")";
    return path;
}

// The semantic rules, shared by files and definitions built in code.
class DefinitionChecker {
public:
    DefinitionChecker(const std::string& source, std::vector<DefinitionProblem>& problems)
        : source_(source), problems_(problems) {}

    void check(const Instrument& instrument)
    {
        if (!is_instrument_id(instrument.id))
            problem("$.id", in_quotes(instrument.id)
                                + " is not a valid instrument id: use 1 to 64 lower-case letters, "
                                  "digits, '_', '.' or '-', starting with a letter or digit");
        if (instrument.version < 1)
            problem("$.version", "must be 1 or more");
        if (trim(instrument.title).empty())
            problem("$.title", "must not be empty");
        check_respondent_types(instrument.respondent_types);
        if (instrument.questions.empty())
            problem("$.questions", "an instrument needs at least one question");

        std::set<std::string, std::less<>> earlier_keys;
        for (std::size_t i = 0; i < instrument.questions.size(); ++i) {
            const Question& question = instrument.questions[i];
            const std::string path = question_path(i, question.key);
            check_question(question, path, instrument, earlier_keys);
            if (!earlier_keys.insert(question.key).second)
                problem(path + ".key", "duplicate question key " + in_quotes(question.key));
        }
    }

private:
    void problem(const std::string& path, const std::string& message)
    {
        problems_.push_back({source_, path, message});
    }

    void check_respondent_types(const std::vector<std::string>& types)
    {
        const auto& known = respondent_type_names();
        std::set<std::string> seen;
        for (std::size_t i = 0; i < types.size(); ++i) {
            const std::string path = "$.respondent_types[" + std::to_string(i) + "]";
            if (std::find(known.begin(), known.end(), types[i]) == known.end())
                problem(path, "unknown respondent type " + in_quotes(types[i]) + "; expected one of "
                                  + join(known, ", "));
            else if (!seen.insert(types[i]).second)
                problem(path, "respondent type " + in_quotes(types[i]) + " is listed twice");
        }
    }

    void check_question(const Question& question, const std::string& path,
                        const Instrument& instrument, const std::set<std::string, std::less<>>& earlier)
    {
        check_key(question.key, path);
        if (trim(question.label).empty())
            problem(path + ".label", "must not be empty");
        if (question.type == QuestionType::note && question.required)
            problem(path + ".required", "a note takes no answer, so it cannot be required");
        check_options(question, path);
        check_type_specific(question, path);
        if (!question.relevant.empty())
            check_relevance(question, path, instrument, earlier);
    }

    void check_key(const std::string& key, const std::string& path)
    {
        bool valid = !key.empty() && key.size() <= max_identifier_length && key[0] >= 'a'
                  && key[0] <= 'z'
                  && std::all_of(key.begin(), key.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                     });
        if (!valid) {
            problem(path + ".key", in_quotes(key)
                                       + " is not a valid question key: use 1 to 64 lower-case "
                                         "letters, digits or '_', starting with a letter");
            return;
        }
        const auto& reserved = reserved_question_keys();
        if (std::find(reserved.begin(), reserved.end(), key) != reserved.end())
            problem(path + ".key", in_quotes(key) + " is reserved for response metadata ("
                                       + join(reserved, ", ") + "); choose another key");
    }

    void check_options(const Question& question, const std::string& path)
    {
        const auto& options = question.options;
        if (!is_choice_type(question.type)) {
            if (!options.empty())
                problem(path + ".options", "a " + std::string(to_string(question.type))
                                               + " question has no options");
            return;
        }
        if (options.size() < 2)
            problem(path + ".options", "a choice question needs at least 2 options");
        std::set<std::string> codes;
        for (std::size_t i = 0; i < options.size(); ++i) {
            const std::string option_path = path + ".options[" + std::to_string(i) + "]";
            if (!is_option_code(options[i].code))
                problem(option_path + ".code",
                        in_quotes(options[i].code)
                            + " is not a valid option code: use 1 to 64 letters, digits, '_', '.' or '-'");
            else if (!codes.insert(options[i].code).second)
                problem(option_path + ".code", "duplicate option code " + in_quotes(options[i].code));
            if (trim(options[i].label).empty())
                problem(option_path + ".label", "must not be empty");
        }
        if (question.type == QuestionType::yes_no_na
            && codes != std::set<std::string>{"yes", "no", "na"})
            problem(path + ".options", "a yes_no_na question has exactly the codes yes, no and na "
                                       "(labels may change); use single_choice for other options");
        if (question.type == QuestionType::rating_0_10) {
            auto expected = default_options(QuestionType::rating_0_10, 0);
            bool same = options.size() == expected.size()
                     && std::equal(options.begin(), options.end(), expected.begin(),
                                   [](const Option& a, const Option& b) { return a.code == b.code; });
            if (!same)
                problem(path + ".options", "a rating_0_10 question's options are 0 to 10 and "
                                           "cannot be changed");
        }
        if (question.type == QuestionType::faces && (question.faces == 3 || question.faces == 5)
            && options.size() != static_cast<std::size_t>(question.faces))
            problem(path + ".options", "a question with " + std::to_string(question.faces)
                                           + " faces needs exactly " + std::to_string(question.faces)
                                           + " options, found " + std::to_string(options.size()));
    }

    void check_type_specific(const Question& question, const std::string& path)
    {
        const QuestionType type = question.type;
        if (type == QuestionType::faces) {
            if (question.faces != 3 && question.faces != 5)
                problem(path + ".faces", "must be 3 or 5");
        } else if (question.faces != 0) {
            problem(path + ".faces", "only a faces question has faces");
        }

        const bool numeric = type == QuestionType::integer || type == QuestionType::decimal;
        if (!numeric && (question.min || question.max))
            problem(path + (question.min ? ".min" : ".max"),
                    "only integer and decimal questions have a range");
        if (numeric && question.min && question.max && *question.min > *question.max)
            problem(path + ".min", "min (" + format_number(*question.min) + ") is greater than max ("
                                       + format_number(*question.max) + ")");
        if (type == QuestionType::integer) {
            for (auto [bound, name] : {std::pair{question.min, ".min"}, std::pair{question.max, ".max"}})
                if (bound && std::trunc(*bound) != *bound)
                    problem(path + name, "an integer question's range must be whole numbers");
        }

        const bool text = type == QuestionType::short_text || type == QuestionType::long_text;
        if (!text && question.max_length != 0)
            problem(path + ".max_length", "only text questions have a maximum length");
        if (text && (question.max_length < 0 || question.max_length > max_text_length_limit))
            problem(path + ".max_length", "must be between 1 and " + std::to_string(max_text_length_limit));

        if (type != QuestionType::rating_0_10 && (!question.min_label.empty() || !question.max_label.empty()))
            problem(path + (question.min_label.empty() ? ".max_label" : ".min_label"),
                    "only a rating_0_10 question has end labels");
    }

    void check_relevance(const Question& question, const std::string& path,
                         const Instrument& instrument, const std::set<std::string, std::less<>>& earlier)
    {
        try {
            Condition condition = Condition::parse(question.relevant);
            for (const auto& key : condition.referenced_keys()) {
                if (key == question.key)
                    problem(path + ".relevant", "refers to its own question " + in_quotes(key));
                else if (earlier.count(key) == 0)
                    problem(path + ".relevant",
                            "refers to " + in_quotes(key)
                                + (instrument.find_question(key) ? ", which comes later; a condition may "
                                                                   "only use earlier questions"
                                                                 : ", which is not a question of this instrument"));
            }
        } catch (const ConditionError& error) {
            problem(path + ".relevant", error.what());
        }
    }

    const std::string& source_;
    std::vector<DefinitionProblem>& problems_;
};

// Turns JSON into an Instrument, reporting structural problems (wrong JSON kinds,
// unknown or missing properties). Semantic rules are DefinitionChecker's.
class DefinitionReader : private JsonObjectReader {
public:
    using JsonObjectReader::JsonObjectReader;

    Instrument read(const json& root)
    {
        Instrument instrument;
        if (!root.is_object()) {
            problem("$", "expected an object with id, version, title and questions, found " + json_kind(root));
            return instrument;
        }
        allow_only(root, "$", {"id", "version", "title", "plugin", "description", "respondent_types", "questions"});
        read_string(root, "$", "id", instrument.id, true);
        // Any positive int: XLSForm's usual versions are dates such as 2025100301, and an
        // imported definition must load again from its own JSON.
        read_int(root, "$", "version", instrument.version, true, std::numeric_limits<int>::max());
        read_string(root, "$", "title", instrument.title, true);
        read_string(root, "$", "plugin", instrument.plugin, false);
        read_string(root, "$", "description", instrument.description, false);
        if (const json* types = member(root, "$", "respondent_types", json::value_t::array, false)) {
            for (std::size_t i = 0; i < types->size(); ++i) {
                const json& item = (*types)[i];
                if (item.is_string())
                    instrument.respondent_types.push_back(item.get<std::string>());
                else
                    problem("$.respondent_types[" + std::to_string(i) + "]", "expected a string, found " + json_kind(item));
            }
        }
        if (const json* questions = member(root, "$", "questions", json::value_t::array, true)) {
            for (std::size_t i = 0; i < questions->size(); ++i)
                instrument.questions.push_back(read_question((*questions)[i], i));
        }
        return instrument;
    }

private:
    Question read_question(const json& object, std::size_t index)
    {
        Question question;
        if (!object.is_object()) {
            problem(question_path(index, ""), "expected a question object, found " + json_kind(object));
            return question;
        }
        if (auto key = object.find("key"); key != object.end() && key->is_string())
            question.key = key->get<std::string>();
        const std::string path = question_path(index, question.key);
        allow_only(object, path, {"key", "type", "label", "help", "required", "relevant", "options",
                                  "faces", "min", "max", "max_length", "min_label", "max_label"});
        read_string(object, path, "key", question.key, true);
        std::string type_name;
        bool type_known = false;
        if (read_string(object, path, "type", type_name, true)) {
            if (auto type = question_type_from_string(type_name)) {
                question.type = *type;
                type_known = true;
            } else {
                problem(path + ".type", "unknown question type " + in_quotes(type_name) + "; expected one of "
                                            + join(question_type_names(), ", "));
            }
        }
        read_string(object, path, "label", question.label, true);
        read_string(object, path, "help", question.help, false);
        read_string(object, path, "relevant", question.relevant, false);
        read_string(object, path, "min_label", question.min_label, false);
        read_string(object, path, "max_label", question.max_label, false);
        if (const json* required = member(object, path, "required", json::value_t::boolean, false))
            question.required = required->get<bool>();
        read_int(object, path, "faces", question.faces, false);
        read_int(object, path, "max_length", question.max_length, false);
        question.min = read_number(object, path, "min");
        question.max = read_number(object, path, "max");

        const bool has_options = object.contains("options");
        if (has_options && type_known && question.type == QuestionType::rating_0_10)
            problem(path + ".options", "a rating_0_10 question's options are 0 to 10 and cannot be given");
        else if (const json* options = member(object, path, "options", json::value_t::array, false))
            for (std::size_t i = 0; i < options->size(); ++i)
                question.options.push_back(read_option((*options)[i], path + ".options[" + std::to_string(i) + "]"));
        if (type_known && !has_options)
            question.options = default_options(question.type, question.faces);
        return question;
    }

    Option read_option(const json& object, const std::string& path)
    {
        Option option;
        if (!object.is_object()) {
            problem(path, "expected {\"code\": ..., \"label\": ...}, found " + json_kind(object));
            return option;
        }
        allow_only(object, path, {"code", "label"});
        read_string(object, path, "code", option.code, true);
        read_string(object, path, "label", option.label, true);
        return option;
    }

};

json number_json(double value)
{
    if (std::trunc(value) == value && std::fabs(value) < 9.0e15)
        return static_cast<std::int64_t>(value);
    return value;
}

} // namespace

std::string DefinitionProblem::to_string() const
{
    std::string text = source;
    if (!path.empty())
        text += ": " + path;
    return text + ": " + message;
}

DefinitionError::DefinitionError(std::vector<DefinitionProblem> problems)
    : Error([&] {
          std::string summary = problems.empty() ? std::string("invalid instrument definition")
                                                 : problems.front().to_string();
          if (problems.size() > 1)
              summary += " (and " + std::to_string(problems.size() - 1) + " more problem"
                       + (problems.size() > 2 ? "s" : "") + ")";
          return summary;
      }()),
      problems_(std::move(problems))
{
}

std::vector<DefinitionProblem> validate_instrument(const Instrument& instrument, const std::string& source)
{
    std::vector<DefinitionProblem> problems;
    DefinitionChecker(source, problems).check(instrument);
    return problems;
}

Instrument parse_instrument(std::string_view json_text, const std::string& source)
{
    const json root = parse_definition_json(json_text, source);
    std::vector<DefinitionProblem> problems;
    Instrument instrument = DefinitionReader(source, problems).read(root);
    // Semantic checks on a structurally broken definition would mostly repeat its problems.
    if (problems.empty())
        DefinitionChecker(source, problems).check(instrument);
    if (!problems.empty())
        throw DefinitionError(std::move(problems));
    return instrument;
}

Instrument load_instrument_file(const std::filesystem::path& file)
{
    return parse_instrument(read_text_file(file), file.string());
}

std::string instrument_to_json(const Instrument& instrument)
{
    nlohmann::ordered_json root;
    root["id"] = instrument.id;
    root["version"] = instrument.version;
    root["title"] = instrument.title;
    if (!instrument.plugin.empty())
        root["plugin"] = instrument.plugin;
    if (!instrument.description.empty())
        root["description"] = instrument.description;
    if (!instrument.respondent_types.empty())
        root["respondent_types"] = instrument.respondent_types;
    auto& questions = root["questions"] = nlohmann::ordered_json::array();
    for (const Question& question : instrument.questions) {
        nlohmann::ordered_json q;
        q["key"] = question.key;
        q["type"] = std::string(to_string(question.type));
        q["label"] = question.label;
        if (!question.help.empty())
            q["help"] = question.help;
        if (question.required)
            q["required"] = true;
        if (!question.relevant.empty())
            q["relevant"] = question.relevant;
        if (question.faces != 0)
            q["faces"] = question.faces;
        if (question.min)
            q["min"] = number_json(*question.min);
        if (question.max)
            q["max"] = number_json(*question.max);
        if (question.max_length != 0)
            q["max_length"] = question.max_length;
        if (!question.min_label.empty())
            q["min_label"] = question.min_label;
        if (!question.max_label.empty())
            q["max_label"] = question.max_label;
        // Options are written out even when they are a scale's defaults, so a stored
        // definition means the same thing whatever later builds choose as defaults.
        if (!question.options.empty() && question.type != QuestionType::rating_0_10) {
            auto& options = q["options"] = nlohmann::ordered_json::array();
            for (const Option& option : question.options)
                options.push_back({{"code", option.code}, {"label", option.label}});
        }
        questions.push_back(std::move(q));
    }
    return root.dump(2);
}

} // namespace chorus
