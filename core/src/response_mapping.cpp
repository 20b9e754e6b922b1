#include "chorus/response_mapping.hpp"

#include "chorus/error.hpp"
#include "chorus/instrument.hpp"
#include "chorus/uuid.hpp"
#include "json_reading.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace chorus {

namespace {

using json = nlohmann::json;

constexpr int mapping_format_version = 1;

std::string lower(std::string_view text)
{
    std::string result(text);
    for (char& c : result)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return result;
}

// Lower-case ASCII letters and digits with single spaces between words; bytes of other
// scripts are kept, so "My social worker listened to me." matches "my social worker
// listened to me" and "Listened   to me?" matches "listened to me".
std::string normalised(std::string_view text)
{
    std::string result;
    bool space = false;
    for (const char raw : text) {
        const auto c = static_cast<unsigned char>(raw);
        const bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (!word) {
            space = !result.empty();
            continue;
        }
        if (space)
            result += ' ';
        space = false;
        result += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return result;
}

struct MetadataName {
    ColumnTarget target;
    std::string_view name;
};

constexpr MetadataName metadata_names[] = {
    {ColumnTarget::uuid, "uuid"},
    {ColumnTarget::captured_at, "captured_at"},
    {ColumnTarget::captured_by, "captured_by"},
    {ColumnTarget::team, "team"},
    {ColumnTarget::respondent_type, "respondent_type"},
};

std::optional<ColumnTarget> metadata_target(std::string_view name)
{
    for (const auto& entry : metadata_names)
        if (entry.name == name)
            return entry.target;
    return std::nullopt;
}

// Time columns online tools write, best first: when the response was finished beats when
// it was started.
constexpr std::string_view time_headers[] = {
    "completion time", "completed at", "submitted at", "submitted", "submission time", "submission date",
    "date submitted", "end time", "end date", "timestamp", "captured at", "start time", "start date",
    "date", "last modified time"};
constexpr std::string_view id_headers[] = {"id", "response id", "respondent id", "response uuid", "submission id"};
constexpr std::string_view team_headers[] = {"team", "locality", "team name", "service", "area"};
constexpr std::string_view worker_headers[] = {"captured by", "worker", "collected by"};
constexpr std::string_view respondent_headers[] = {"respondent type", "who answered", "respondent role"};
// Columns that name the person: never imported unless someone maps them deliberately.
constexpr std::string_view identifying_headers[] = {
    "email", "email address", "e mail", "name", "full name", "first name", "last name", "surname",
    "respondent", "respondent name", "respondent email", "phone", "phone number", "telephone",
    "address", "postcode", "date of birth", "dob", "ip address"};

template <std::size_t N>
std::ptrdiff_t rank(const std::string_view (&names)[N], std::string_view header)
{
    auto it = std::find(std::begin(names), std::end(names), header);
    return it == std::end(names) ? -1 : it - std::begin(names);
}

bool values_are_uuids(const std::vector<std::vector<std::string>>& rows, std::size_t column)
{
    bool any = false;
    for (const auto& row : rows) {
        if (column >= row.size() || trim(row[column]).empty())
            continue;
        if (!is_uuid(lower(trim(row[column]))))
            return false;
        any = true;
    }
    return any;
}

bool takes_answer(const Question& question) { return question.type != QuestionType::note; }

} // namespace

std::vector<std::string> ColumnMapping::unmapped_questions(const Instrument& instrument) const
{
    std::vector<std::string> keys;
    for (const auto& question : instrument.questions) {
        if (!takes_answer(question))
            continue;
        const bool mapped = std::any_of(columns.begin(), columns.end(), [&](const ColumnMatch& column) {
            return column.target == ColumnTarget::question && column.question_key == question.key;
        });
        if (!mapped)
            keys.push_back(question.key);
    }
    return keys;
}

std::size_t ColumnMapping::question_columns() const
{
    return static_cast<std::size_t>(std::count_if(columns.begin(), columns.end(), [](const ColumnMatch& column) {
        return column.target == ColumnTarget::question;
    }));
}

std::size_t ColumnMapping::find(std::string_view header) const
{
    const std::string wanted = lower(trim(header));
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (!columns[i].header.empty() && lower(columns[i].header) == wanted)
            return i;
    return std::string_view::npos;
}

std::string target_name(const ColumnMatch& column)
{
    if (column.target == ColumnTarget::question)
        return column.question_key;
    for (const auto& entry : metadata_names)
        if (entry.target == column.target)
            return std::string(entry.name);
    return {};
}

std::string_view to_string(MatchedBy matched_by)
{
    switch (matched_by) {
    case MatchedBy::key: return "key";
    case MatchedBy::label: return "label";
    case MatchedBy::metadata_name: return "metadata";
    case MatchedBy::identifying: return "identifying";
    case MatchedBy::mapping_file: return "mapping file";
    case MatchedBy::chosen: return "chosen";
    case MatchedBy::nothing: break;
    }
    return "no match";
}

std::vector<MappingChoice> mapping_choices(const Instrument& instrument)
{
    std::vector<MappingChoice> choices{{"", "(ignore)"},
                                       {"captured_at", "captured_at: when it was answered"},
                                       {"uuid", "uuid: the response's UUID"},
                                       {"team", "team: team or locality"},
                                       {"captured_by", "captured_by: who captured it"},
                                       {"respondent_type", "respondent_type: who answered"}};
    for (const auto& question : instrument.questions)
        if (takes_answer(question))
            choices.push_back({question.key, question.key + ": " + question.label});
    return choices;
}

ColumnMapping auto_map(const Instrument& instrument, const std::vector<std::string>& headers,
                       const std::vector<std::vector<std::string>>& sample_rows)
{
    ColumnMapping mapping;
    mapping.columns.resize(headers.size());
    std::vector<std::string> names(headers.size()); // normalised headers
    for (std::size_t i = 0; i < headers.size(); ++i) {
        mapping.columns[i].header = std::string(trim(headers[i]));
        names[i] = normalised(headers[i]);
    }
    std::map<std::string, std::string> used; // target name -> header that has it
    auto assign = [&](std::size_t i, ColumnTarget target, const std::string& key, MatchedBy by) {
        ColumnMatch& column = mapping.columns[i];
        column.target = target;
        column.question_key = key;
        column.matched_by = by;
        used.emplace(target_name(column), column.header);
    };
    auto free = [&](std::size_t i) {
        return !mapping.columns[i].header.empty() && mapping.columns[i].matched_by == MatchedBy::nothing;
    };

    // 1. Keys and metadata names as Chorus writes them. A repeated key still maps, so that
    // the import can say the question has two columns.
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (!free(i))
            continue;
        const std::string key = lower(mapping.columns[i].header);
        if (auto target = metadata_target(key))
            assign(i, *target, {}, MatchedBy::key);
        else if (instrument.find_question(key))
            assign(i, ColumnTarget::question, key, MatchedBy::key);
    }
    // 2. Labels. A label two questions share matches neither.
    std::map<std::string, std::vector<const Question*>> labels;
    for (const auto& question : instrument.questions)
        if (takes_answer(question) && !normalised(question.label).empty())
            labels[normalised(question.label)].push_back(&question);
    for (std::size_t i = 0; i < headers.size(); ++i) {
        auto it = labels.find(names[i]);
        if (!free(i) || it == labels.end())
            continue;
        if (it->second.size() > 1) {
            mapping.columns[i].note = "the label of more than one question: choose one";
            continue;
        }
        const std::string& key = it->second.front()->key;
        if (used.count(key) == 0)
            assign(i, ColumnTarget::question, key, MatchedBy::label);
        else
            mapping.columns[i].note = "the label of " + key + ", which column \"" + used[key] + "\" gives";
    }
    // 3. The columns online tools add, each target once (the best-ranked time column).
    std::optional<std::size_t> time_column;
    for (std::size_t i = 0; i < headers.size(); ++i)
        if (free(i) && rank(time_headers, names[i]) >= 0 &&
            (!time_column || rank(time_headers, names[i]) < rank(time_headers, names[*time_column])))
            time_column = i;
    if (time_column && used.count("captured_at") == 0)
        assign(*time_column, ColumnTarget::captured_at, {}, MatchedBy::metadata_name);
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (!free(i))
            continue;
        ColumnMatch& column = mapping.columns[i];
        auto metadata = [&](ColumnTarget target, std::string_view name) {
            if (used.count(std::string(name)) == 0) {
                assign(i, target, {}, MatchedBy::metadata_name);
            } else {
                column.matched_by = MatchedBy::metadata_name;
                column.note = "not imported: column \"" + used[std::string(name)] + "\" gives " + std::string(name);
            }
        };
        if (rank(time_headers, names[i]) >= 0) {
            metadata(ColumnTarget::captured_at, "captured_at");
        } else if (rank(id_headers, names[i]) >= 0) {
            if (values_are_uuids(sample_rows, i)) {
                metadata(ColumnTarget::uuid, "uuid");
            } else {
                column.matched_by = MatchedBy::metadata_name;
                column.note = "not imported: its values are not UUIDs (each row's UUID is derived from its content)";
            }
        } else if (rank(team_headers, names[i]) >= 0) {
            metadata(ColumnTarget::team, "team");
        } else if (rank(worker_headers, names[i]) >= 0) {
            metadata(ColumnTarget::captured_by, "captured_by");
        } else if (rank(respondent_headers, names[i]) >= 0) {
            metadata(ColumnTarget::respondent_type, "respondent_type");
        } else if (rank(identifying_headers, names[i]) >= 0) {
            column.matched_by = MatchedBy::identifying;
            column.note = "identifying: not imported";
        }
    }
    return mapping;
}

void set_column_target(ColumnMapping& mapping, const Instrument& instrument, std::size_t index,
                       std::string_view target, MatchedBy matched_by)
{
    if (index >= mapping.columns.size())
        throw Error("there is no column " + std::to_string(index + 1));
    ColumnMatch& column = mapping.columns[index];
    const std::string name = lower(trim(target));
    ColumnMatch changed{column.header, ColumnTarget::ignored, {}, matched_by, {}};
    if (name.empty()) {
        // ignored deliberately
    } else if (auto metadata = metadata_target(name)) {
        changed.target = *metadata;
    } else if (const Question* question = instrument.find_question(name); question && takes_answer(*question)) {
        changed.target = ColumnTarget::question;
        changed.question_key = question->key;
    } else {
        throw Error(in_quotes(target) + " is not a question of " + instrument.id + " version " +
                    std::to_string(instrument.version) + " that takes an answer, nor a metadata column");
    }
    column = std::move(changed);
}

void apply_mapping_override(ColumnMapping& mapping, const Instrument& instrument, std::string_view text)
{
    const auto equals = text.rfind('='); // headers may contain '=', keys never do
    if (equals == std::string_view::npos)
        throw Error(in_quotes(text) + ": expected \"Column header=question_key\" (nothing after = ignores the column)");
    const auto header = trim(text.substr(0, equals));
    const std::size_t index = mapping.find(header);
    if (index == std::string_view::npos)
        throw Error(in_quotes(text) + ": the file has no column " + in_quotes(header));
    try {
        set_column_target(mapping, instrument, index, text.substr(equals + 1));
    } catch (const Error& error) {
        throw Error(in_quotes(text) + ": " + error.what());
    }
}

void apply_mapping_file(ColumnMapping& mapping, const Instrument& instrument, const std::filesystem::path& file)
{
    const std::string name = file.string();
    const std::string text = read_text_file(file);
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception& error) {
        throw Error(name + ": not a mapping file: " + describe_json_error(text, error));
    }
    if (!document.is_object() || !document.contains("columns") || !document["columns"].is_object())
        throw Error(name + ": not a mapping file: expected an object with \"columns\" (see docs/import-formats.md)");
    if (auto version = document.find("chorus_response_mapping");
        version == document.end() || !version->is_number_integer() || version->get<int>() != mapping_format_version)
        throw Error(name + ": not a version " + std::to_string(mapping_format_version) +
                    " mapping file (\"chorus_response_mapping\": " + std::to_string(mapping_format_version) + ")");
    if (auto id = document.find("instrument"); id != document.end()) {
        if (!id->is_string())
            throw Error(name + ": \"instrument\" must be a string");
        if (id->get<std::string>() != instrument.id)
            throw Error(name + ": is a mapping for " + id->get<std::string>() + ", not " + instrument.id);
    }
    for (const auto& [header, target] : document["columns"].items()) {
        if (!target.is_string() && !target.is_null())
            throw Error(name + ": column " + in_quotes(header) + ": expected a question key, a metadata name or null, got " +
                        json_kind(target));
        const std::size_t index = mapping.find(header);
        if (index == std::string_view::npos) {
            mapping.notes.push_back(name + " maps column " + in_quotes(header) + ", which this file does not have");
            continue;
        }
        try {
            set_column_target(mapping, instrument, index, target.is_null() ? "" : target.get<std::string>(),
                              MatchedBy::mapping_file);
        } catch (const Error& error) {
            throw Error(name + ": column " + in_quotes(header) + ": " + error.what());
        }
    }
}

void save_mapping_file(const ColumnMapping& mapping, const std::string& instrument_id,
                       const std::filesystem::path& file)
{
    nlohmann::ordered_json columns = nlohmann::ordered_json::object();
    for (const auto& column : mapping.columns) {
        if (column.header.empty() || columns.contains(column.header))
            continue;
        const std::string target = target_name(column);
        columns[column.header] = target.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(target);
    }
    nlohmann::ordered_json document{{"chorus_response_mapping", mapping_format_version},
                                    {"instrument", instrument_id},
                                    {"columns", std::move(columns)}};
    const std::string text = document.dump(2) + "\n";

    save_text_file(file, text, "mapping");
}

} // namespace chorus
