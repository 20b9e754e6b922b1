#include "chorus/stats.hpp"

#include "chorus/store.hpp"
#include "choice_pack.hpp"
#include "response_scan.hpp"
#include "response_scope.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace chorus {

namespace {

// "?, ?, ?" for an IN list of n values.
std::string placeholders(std::size_t n)
{
    std::string text;
    for (std::size_t i = 0; i < n; ++i)
        text += i ? ", ?" : "?";
    return text;
}

template <typename Values>
void bind_all(sql::Statement& statement, const Values& values, int first = 1)
{
    for (const auto& value : values)
        statement.bind(first++, value);
}

struct QuestionVersions {
    std::vector<std::int64_t> question_ids;      // question rows with the key, every version
    std::vector<std::int64_t> version_ids;       // instrument_version rows having the question
    std::vector<Option> options;                 // latest version's order, then older-only codes
};

QuestionVersions find_question_versions(Store& store, const StatsQuery& query, QuestionStats& stats)
{
    auto& connection = store.connection();
    auto versions = connection.prepare("SELECT version FROM instrument_version WHERE instrument = ? ORDER BY version DESC");
    versions.bind(1, query.instrument_id);
    std::vector<int> numbers;
    while (versions.step())
        numbers.push_back(versions.column_int(0));
    if (numbers.empty())
        throw Error(store.file().string() + ": there is no instrument \"" + query.instrument_id + "\"");

    QuestionVersions result;
    std::set<std::string> codes;
    bool found = false;
    for (int number : numbers) { // newest first: its label and option order win
        Instrument instrument = store.instrument(query.instrument_id, number);
        const Question* question = instrument.find_question(query.question_key);
        if (!question)
            continue;
        if (!found) {
            found = true;
            stats.question_label = question->label;
            stats.type = question->type;
        } else if (is_choice_type(question->type) != is_choice_type(stats.type)) {
            continue; // answers of another kind (e.g. text became a choice) cannot be added up
        }
        for (const Option& option : question->options)
            if (codes.insert(option.code).second)
                result.options.push_back(option);
        auto ids = connection.prepare(
            "SELECT q.id, v.id FROM question q JOIN instrument_version v ON v.id = q.instrument_version_id "
            "WHERE v.instrument = ? AND v.version = ? AND q.key = ?");
        ids.bind(1, query.instrument_id).bind(2, number).bind(3, query.question_key);
        if (ids.step()) {
            result.question_ids.push_back(ids.column_int64(0));
            result.version_ids.push_back(ids.column_int64(1));
        }
    }
    if (!found)
        throw Error("instrument \"" + query.instrument_id + "\" has no question \"" + query.question_key + "\"");
    if (stats.type == QuestionType::note)
        throw Error("question \"" + query.question_key + "\" of " + query.instrument_id
                    + " is a note and takes no answers");
    return result;
}

void count_choices(Store& store, const StatsQuery& query, const QuestionVersions& found, QuestionStats& stats)
{
    auto& connection = store.connection();
    const std::string in_questions = "(" + placeholders(found.question_ids.size()) + ")";

    for (const auto& code : query.excluded_codes)
        if (std::none_of(found.options.begin(), found.options.end(), [&](const Option& o) { return o.code == code; })) {
            std::vector<std::string_view> known;
            for (const auto& option : found.options)
                known.push_back(option.code);
            throw Error("\"" + code + "\" is not an option of question \"" + query.question_key + "\" (options: "
                        + join(known, ", ") + ")");
        }
    auto is_excluded = [&](const std::string& code) {
        return std::find(query.excluded_codes.begin(), query.excluded_codes.end(), code) != query.excluded_codes.end();
    };

    // The codes of every version's choice rows, indexed by choice id for the scan below.
    std::vector<std::string> codes;                   // code index -> code
    std::vector<std::int32_t> code_of_choice;         // choice id -> code index, or -1
    auto choices = connection.prepare("SELECT id, code FROM choice WHERE question_id IN " + in_questions);
    bind_all(choices, found.question_ids);
    while (choices.step()) {
        const auto id = static_cast<std::size_t>(choices.column_int64(0));
        const std::string code = choices.column_text(1);
        auto at = std::find(codes.begin(), codes.end(), code);
        if (at == codes.end())
            at = codes.insert(codes.end(), code);
        if (id >= code_of_choice.size())
            code_of_choice.resize(id + 1, -1);
        code_of_choice[id] = static_cast<std::int32_t>(at - codes.begin());
    }
    std::vector<bool> excluded_code(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i)
        excluded_code[i] = is_excluded(codes[i]);

    // One read of each response's choice pack (choice_pack.hpp). For multiple choice a
    // respondent is in the base when they chose at least one option that is not excluded.
    const ResponseScope scope = response_scope(query);
    auto responses = connection.prepare(std::string("SELECT r.choices FROM ")
                                        + response_source(connection, stats.responses)
                                        + " WHERE r.instrument_version_id IN ("
                                        + placeholders(found.version_ids.size()) + ")" + scope.where);
    bind_all(responses, found.version_ids);
    bind_all(responses, scope.values, static_cast<int>(found.version_ids.size()) + 1);
    std::vector<std::int64_t> count_of_code(codes.size(), 0);
    std::int64_t answered = 0, counted = 0;
    while (responses.step()) {
        bool any = false, any_counted = false;
        for_each_choice_id(responses.column_text_view(0), [&](std::int64_t id) {
            const auto choice = static_cast<std::size_t>(id);
            if (choice >= code_of_choice.size() || code_of_choice[choice] < 0)
                return;
            const auto code = static_cast<std::size_t>(code_of_choice[choice]);
            ++count_of_code[code];
            any = true;
            any_counted = any_counted || !excluded_code[code];
        });
        answered += any ? 1 : 0;
        counted += any_counted ? 1 : 0;
    }
    stats.base = counted; // single choice: one option per respondent, so the same count
    stats.blank = stats.responses - answered;

    for (const Option& option : found.options) {
        const auto at = std::find(codes.begin(), codes.end(), option.code);
        const std::int64_t count = at == codes.end() ? 0 : count_of_code[static_cast<std::size_t>(at - codes.begin())];
        if (is_excluded(option.code)) {
            stats.excluded.emplace_back(option.code, count);
            continue;
        }
        double percent = stats.base > 0 ? static_cast<double>(count) * 100.0 / static_cast<double>(stats.base) : 0.0;
        stats.options.push_back({option.code, option.label, count, percent});
    }
}

void summarise_values(Store& store, const StatsQuery& query, const QuestionVersions& found, QuestionStats& stats)
{
    if (!query.excluded_codes.empty())
        throw Error("question \"" + query.question_key + "\" has no options to exclude");
    const ResponseScope scope = response_scope(query);
    auto values = store.connection().prepare("SELECT a.value FROM answer_value a" + scope.join
                                             + " WHERE a.question_id IN (" + placeholders(found.question_ids.size())
                                             + ")" + scope.where + " ORDER BY a.value");
    bind_all(values, found.question_ids);
    bind_all(values, scope.values, static_cast<int>(found.question_ids.size()) + 1);
    const bool numeric = stats.type == QuestionType::integer || stats.type == QuestionType::decimal;
    std::vector<double> numbers;
    std::int64_t answered = 0;
    while (values.step()) {
        ++answered;
        if (numeric)
            numbers.push_back(values.column_double(0));
    }
    stats.base = answered;
    stats.blank = stats.responses - answered;
    if (numeric && !numbers.empty()) {
        NumericSummary summary;
        summary.min = numbers.front();
        summary.max = numbers.back();
        summary.mean = std::accumulate(numbers.begin(), numbers.end(), 0.0) / static_cast<double>(numbers.size());
        const std::size_t middle = numbers.size() / 2;
        summary.median = numbers.size() % 2 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2.0;
        stats.numeric = summary;
    }
}

} // namespace

QuestionStats compute_question_stats(Store& store, const StatsQuery& query)
{
    QuestionStats stats;
    stats.instrument_id = query.instrument_id;
    stats.question_key = query.question_key;
    QuestionVersions found = find_question_versions(store, query, stats);

    const ResponseScope scope = response_scope(query);
    auto responses = store.connection().prepare("SELECT count(*) FROM response r WHERE r.instrument_version_id IN ("
                                                + placeholders(found.version_ids.size()) + ")" + scope.where);
    bind_all(responses, found.version_ids);
    bind_all(responses, scope.values, static_cast<int>(found.version_ids.size()) + 1);
    responses.step();
    stats.responses = responses.column_int64(0);

    if (is_choice_type(stats.type))
        count_choices(store, query, found, stats);
    else
        summarise_values(store, query, found, stats);
    return stats;
}

std::string format_percent(std::int64_t count, std::int64_t base, int decimals)
{
    if (base <= 0)
        return "-";
    decimals = std::clamp(decimals, 0, 6);
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    const std::int64_t numerator = count * 100 * scale;
    std::int64_t rounded = numerator / base;
    if (2 * (numerator % base) >= base)
        ++rounded;
    std::string text = std::to_string(rounded / scale);
    if (decimals > 0) {
        std::string fraction = std::to_string(rounded % scale);
        text += "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    }
    return text;
}

} // namespace chorus
