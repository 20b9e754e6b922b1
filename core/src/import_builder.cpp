#include "import_builder.hpp"

#include "json_reading.hpp"
#include "text_util.hpp"

#include "chorus/relevance.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace chorus {

namespace {

constexpr std::size_t max_name_length = 64;

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Keeps `keep` characters, turns every other run into one '_', and trims '_' at the ends.
template <typename Keep>
std::string squeeze(std::string_view text, Keep keep)
{
    std::string result;
    for (char c : text) {
        if (keep(c))
            result += c;
        else if (!result.empty() && result.back() != '_')
            result += '_';
    }
    while (!result.empty() && result.back() == '_')
        result.pop_back();
    if (result.size() > max_name_length)
        result.resize(max_name_length);
    while (!result.empty() && result.back() == '_')
        result.pop_back();
    return result;
}

// The index N of a validation problem's path "$.questions[N]...", or nothing for the
// instrument's own properties.
std::optional<std::size_t> question_index(const std::string& path)
{
    const std::string_view prefix = "$.questions[";
    if (path.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    std::size_t index = 0;
    const char* begin = path.data() + prefix.size();
    auto [end, error] = std::from_chars(begin, path.data() + path.size(), index);
    if (error != std::errc{} || end == begin)
        return std::nullopt;
    return index;
}

} // namespace

std::string key_from_name(std::string_view name)
{
    // camelCase words become snake_case words: "firstName" -> "first_name".
    std::string spaced;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (is_upper(c) && i > 0 && (is_lower(name[i - 1]) || is_digit(name[i - 1])))
            spaced += '_';
        spaced += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    }
    std::string key = squeeze(spaced, [](char c) { return is_lower(c) || is_digit(c) || c == '_'; });
    if (!key.empty() && !is_lower(key.front()))
        key = "q_" + key;
    return key.substr(0, max_name_length);
}

std::string code_from_value(std::string_view value)
{
    return squeeze(trim(value), [](char c) {
        return is_lower(c) || is_upper(c) || is_digit(c) || c == '_' || c == '.' || c == '-';
    });
}

std::string instrument_id_from(std::string_view text)
{
    std::string lower;
    for (char c : text)
        lower += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
    std::string id = squeeze(lower, [](char c) { return is_lower(c) || is_digit(c) || c == '.' || c == '-'; });
    std::replace(id.begin(), id.end(), '_', '-');
    while (!id.empty() && !is_lower(id.front()) && !is_digit(id.front()))
        id.erase(0, 1);
    return id.empty() ? "imported" : id;
}

DefinitionError unreadable_definition(const std::filesystem::path& file, const Error& error)
{
    // Core's messages start with the file's name, which the problem names already.
    std::string message = error.what();
    const std::string prefix = file.string() + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0)
        message.erase(0, prefix.size());
    return DefinitionError({{file.string(), "", message}});
}

void ImportBuilder::warn(const std::string& location, const std::string& message)
{
    warnings_.push_back({source_, location, message});
}

std::string ImportBuilder::key_for(std::string_view name, const std::string& location)
{
    std::string base = key_from_name(name);
    std::string reason = "keys are lower case letters, digits and '_', starting with a letter";
    const auto& reserved = reserved_question_keys();
    if (base.empty()) {
        base = "question";
    } else if (std::find(reserved.begin(), reserved.end(), base) != reserved.end()) {
        reason = in_quotes(base) + " is reserved for response metadata";
        base += "_answer";
    }
    std::string key = base;
    for (int copy = 2; used_keys_.count(key) != 0; ++copy) {
        const std::string suffix = "_" + std::to_string(copy);
        key = base.substr(0, max_name_length - suffix.size()) + suffix;
        reason = "another question already has the key " + in_quotes(base);
    }
    used_keys_.insert(key);
    if (key != name)
        warn(location, "name " + in_quotes(name) + " is imported as " + in_quotes(key) + " (" + reason + ")");
    return key;
}

std::string ImportBuilder::translate(std::string_view expression, ConditionDialect dialect,
                                     const std::string& location, const std::string& key)
{
    if (trim(expression).empty())
        return {};
    const auto lookup = [this](std::string_view name) -> const ImportedName* {
        auto it = names_.find(name);
        return it == names_.end() ? nullptr : &it->second;
    };
    try {
        std::string condition = translate_condition(expression, dialect, lookup);
        Condition::parse(condition); // a translation Chorus cannot read is a bug worth a warning, not a crash
        return condition;
    } catch (const Error& error) {
        warn(location, "condition of " + in_quotes(key) + " not kept: " + in_quotes(trim(expression)) + " "
                           + error.what() + "; the question is always shown");
        return {};
    }
}

void ImportBuilder::add(Question question, const std::string& location, const std::string& source_name,
                        std::map<std::string, std::string, std::less<>> codes)
{
    if (!source_name.empty())
        names_[source_name] = {question.key, std::move(codes)};
    questions_.push_back(std::move(question));
    locations_.push_back(location);
}

ImportedDefinition ImportBuilder::finish(Instrument header)
{
    header.questions = questions_;
    std::vector<std::string> locations = locations_;
    // Each round drops what validation names; dropping a question can leave a later
    // condition pointing at it, which the next round removes. Every round removes
    // something, so this ends.
    while (!header.questions.empty()) {
        const auto problems = validate_instrument(header, source_);
        if (problems.empty())
            break;
        std::set<std::size_t> dropped;
        std::vector<DefinitionProblem> fatal;
        for (const auto& problem : problems) {
            const auto index = question_index(problem.path);
            if (!index || *index >= header.questions.size()) {
                fatal.push_back(problem);
                continue;
            }
            Question& question = header.questions[*index];
            if (problem.path.find(".relevant") != std::string::npos) {
                if (!question.relevant.empty())
                    warn(locations[*index], "condition of " + in_quotes(question.key) + " not kept: "
                                                + in_quotes(question.relevant) + " " + problem.message);
                question.relevant.clear();
            } else if (dropped.insert(*index).second) {
                warn(locations[*index], "question " + in_quotes(question.key) + " skipped: " + problem.message);
            }
        }
        if (!fatal.empty())
            throw DefinitionError(fatal);
        for (auto index = dropped.rbegin(); index != dropped.rend(); ++index) {
            header.questions.erase(header.questions.begin() + static_cast<std::ptrdiff_t>(*index));
            locations.erase(locations.begin() + static_cast<std::ptrdiff_t>(*index));
        }
    }
    if (header.questions.empty()) {
        auto problems = warnings_;
        problems.push_back({source_, "", "nothing to import: no question could be converted"});
        throw DefinitionError(problems);
    }
    return {std::move(header), warnings_};
}

} // namespace chorus
