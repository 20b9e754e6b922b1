#include "chorus/response_import.hpp"

#include "chorus/csv.hpp"
#include "chorus/dates.hpp"
#include "chorus/instrument.hpp"
#include "chorus/progress.hpp"
#include "chorus/response.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace chorus {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_stored_problems = 1000;
constexpr std::size_t rows_per_progress = 1000;

// u8string so a non-ASCII path never throws on Windows.
std::string display(const fs::path& path)
{
    auto text = path.u8string();
    return std::string(text.begin(), text.end());
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower-cases into a reused buffer, so matching a cell allocates nothing once warm.
std::string_view lowered(std::string_view text, std::string& buffer)
{
    buffer.assign(text);
    std::transform(buffer.begin(), buffer.end(), buffer.begin(), lower);
    return buffer;
}

std::string in_quotes(std::string_view value)
{
    return '"' + std::string(value) + '"';
}

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using CodeMap = std::unordered_map<std::string, const std::string*, StringHash, std::equal_to<>>;

// Option lookups for one choice question, built once: exact code, then case-insensitive
// code, then case-insensitive label (earlier options win ties).
struct ChoiceLookup {
    CodeMap exact, code, label;
    std::string codes; // "a, b, c" for messages

    explicit ChoiceLookup(const Question& question)
    {
        std::string scratch;
        for (const auto& option : question.options) {
            exact.emplace(option.code, &option.code);
            code.emplace(std::string(lowered(option.code, scratch)), &option.code);
            label.emplace(std::string(lowered(trim(option.label), scratch)), &option.code);
            codes += (codes.empty() ? "" : ", ") + option.code;
        }
    }

    const std::string* find(std::string_view value, std::string& scratch) const
    {
        if (auto it = exact.find(value); it != exact.end())
            return it->second;
        auto folded = lowered(value, scratch);
        if (auto it = code.find(folded); it != code.end())
            return it->second;
        if (auto it = label.find(folded); it != label.end())
            return it->second;
        return nullptr;
    }
};

enum class ColumnKind { ignored, question, uuid, captured_at, captured_by, team, respondent_type };

struct Column {
    ColumnKind kind = ColumnKind::ignored;
    std::string name; // as trimmed and lower-cased; "" for a nameless column
    const Question* question = nullptr;
    std::unique_ptr<ChoiceLookup> choices;
};

bool parse_integer(std::string_view text, std::int64_t& value, bool& too_large)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    too_large = error == std::errc::result_out_of_range;
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

bool parse_decimal(std::string_view text, double& value)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty() &&
           std::isfinite(value);
}

// Converts one non-empty, trimmed cell into `answer` (left empty for a blank answer,
// e.g. ";"); returns the problem or "". Messages may quote choice, number and date
// values but never free text.
std::string convert(const Column& column, std::string_view value, std::optional<Answer>& answer,
                    std::string& scratch)
{
    const Question& question = *column.question;
    switch (question.type) {
    case QuestionType::multiple_choice: {
        std::vector<std::string> codes;
        while (!value.empty()) {
            auto split = value.find(';');
            auto part = trim(value.substr(0, split));
            value = split == std::string_view::npos ? std::string_view{} : value.substr(split + 1);
            if (part.empty())
                continue;
            const std::string* code = column.choices->find(part, scratch);
            if (!code)
                return in_quotes(part) + " is not one of the options: " + column.choices->codes;
            if (std::find(codes.begin(), codes.end(), *code) != codes.end())
                return in_quotes(*code) + " is chosen more than once";
            codes.push_back(*code);
        }
        if (!codes.empty())
            answer = std::move(codes);
        return {};
    }
    case QuestionType::rating_0_10: {
        if (const std::string* code = column.choices->find(value, scratch)) {
            answer = *code;
            return {};
        }
        double number = 0; // spreadsheets may write 7 as "7.0"
        if (parse_decimal(value, number) && number >= 0 && number <= 10 &&
            number == std::floor(number)) {
            answer = std::to_string(static_cast<int>(number));
            return {};
        }
        return in_quotes(value) + " is not a whole number from 0 to 10";
    }
    case QuestionType::integer: {
        std::int64_t number = 0;
        bool too_large = false;
        if (parse_integer(value, number, too_large)) {
            answer = number;
            return {};
        }
        return in_quotes(value) + (too_large ? " is too large" : " is not a whole number");
    }
    case QuestionType::decimal: {
        double number = 0;
        if (parse_decimal(value, number)) {
            answer = number;
            return {};
        }
        if (value.find(',') != std::string_view::npos)
            return in_quotes(value) + " is not a number: write it without commas, e.g. 1234.5";
        return in_quotes(value) + " is not a number";
    }
    case QuestionType::date:
        if (auto date = normalise_date(value)) {
            answer = std::move(*date);
            return {};
        }
        return in_quotes(value) + " is not a date: write YYYY-MM-DD or DD/MM/YYYY";
    case QuestionType::short_text:
    case QuestionType::long_text:
    case QuestionType::note: // never a column; the header check refuses it
        answer = std::string(value);
        return {};
    default: // single choice and scales
        if (const std::string* code = column.choices->find(value, scratch)) {
            answer = *code;
            return {};
        }
        return in_quotes(value) + " is not one of the options: " + column.choices->codes;
    }
}

// Collects problems, keeping the first max_stored_problems but counting them all.
struct Problems {
    std::vector<RowProblem> list;
    std::size_t total = 0;
    std::size_t bad_rows = 0;
    bool header_bad = false;

    void add(std::size_t line, std::string column, std::string message)
    {
        ++total;
        if (list.size() < max_stored_problems)
            list.push_back({line, std::move(column), std::move(message)});
    }
};

std::vector<Column> read_header(const CsvRecord& header, const Instrument& instrument,
                                Problems& problems)
{
    static const std::pair<std::string_view, ColumnKind> metadata[] = {
        {"uuid", ColumnKind::uuid},
        {"captured_at", ColumnKind::captured_at},
        {"captured_by", ColumnKind::captured_by},
        {"team", ColumnKind::team},
        {"respondent_type", ColumnKind::respondent_type}};

    std::vector<Column> columns(header.fields.size());
    std::unordered_map<std::string, std::size_t> seen;
    std::string scratch;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        Column& column = columns[i];
        // Keys are lower case by definition, so "Listened" can only mean listened.
        column.name = std::string(lowered(trim(header.fields[i]), scratch));
        if (column.name.empty())
            continue; // spreadsheets often add nameless columns; their cells must be empty
        if (auto [it, fresh] = seen.emplace(column.name, i + 1); !fresh) {
            problems.add(header.line, column.name,
                         "column " + in_quotes(column.name) + " appears more than once (first as column " +
                             std::to_string(it->second) + ")");
            continue;
        }
        auto meta = std::find_if(std::begin(metadata), std::end(metadata),
                                 [&](const auto& entry) { return entry.first == column.name; });
        if (meta != std::end(metadata)) {
            column.kind = meta->second;
        } else if (const Question* question = instrument.find_question(column.name)) {
            if (question->type == QuestionType::note) {
                problems.add(header.line, column.name,
                             "column " + in_quotes(column.name) + " is a note, which takes no answer");
                continue;
            }
            column.kind = ColumnKind::question;
            column.question = question;
            if (is_choice_type(question->type))
                column.choices = std::make_unique<ChoiceLookup>(*question);
        } else {
            problems.add(header.line, column.name,
                         "column " + in_quotes(column.name) + " is not a question of " + instrument.id +
                             " version " + std::to_string(instrument.version) +
                             " nor a metadata column");
        }
    }
    problems.header_bad = problems.total > 0;
    return columns;
}

std::string summary(const std::string& name, const Problems& problems, std::size_t rows)
{
    std::string text = name + ": ";
    if (problems.header_bad)
        text += problems.bad_rows == 0 ? "the header row has problems"
                                       : "the header row and " + std::to_string(problems.bad_rows) +
                                             " of " + std::to_string(rows) + " rows have problems";
    else
        text += std::to_string(problems.bad_rows) + " of " + std::to_string(rows) +
                " rows have problems";
    text += "; nothing was imported";
    if (problems.total > problems.list.size())
        text += " (" + std::to_string(problems.total) + " problems; the first " +
                std::to_string(problems.list.size()) + " are listed)";
    return text;
}

} // namespace

std::string RowProblem::to_string() const
{
    std::string text = "line " + std::to_string(line);
    if (!column.empty())
        text += ", column " + column;
    return text + ": " + message;
}

ImportError::ImportError(const std::string& summary, std::vector<RowProblem> problems)
    : Error(summary), problems_(std::move(problems))
{
}

std::size_t import_responses_csv(Store& store, const fs::path& file,
                                 const CsvImportOptions& options, const std::string& actor,
                                 Progress* progress)
{
    const std::string name = display(file);
    const std::string file_name = display(file.filename());
    const Instrument instrument = store.instrument(options.instrument_id, options.instrument_version);
    const std::string now = utc_now(); // one default capture time for the whole file

    // A bigger buffer than the default: CsvReader reads one character at a time.
    std::vector<char> buffer(1 << 20);
    std::ifstream in;
    in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    errno = 0;
    in.open(file, std::ios::binary);
    if (!in) {
        std::error_code ec;
        std::string reason = fs::is_directory(file, ec) ? "it is a folder"
                             : errno != 0 ? std::generic_category().message(errno)
                                          : "it could not be opened";
        throw Error(name + ": cannot be read: " + reason);
    }
    std::error_code size_error;
    const std::uint64_t file_size = fs::file_size(file, size_error);
    const std::string stage = "reading " + file_name;

    CsvReader reader(in);
    CsvRecord record;
    Problems problems;
    std::vector<Response> responses;
    std::unordered_map<std::string, std::size_t> uuid_lines; // uuids given in the file
    std::size_t rows = 0;
    try {
        if (!reader.next(record))
            throw ImportError(name + " is empty", {});
        const std::vector<Column> columns = read_header(record, instrument, problems);
        const std::size_t header_fields = columns.size();
        const ResponseValidator validator(instrument); // conditions parsed once, not per row
        std::string scratch;
        std::vector<std::string_view> bad_keys; // questions whose cell failed to convert

        while (reader.next(record)) {
            if (progress && rows % rows_per_progress == 0) {
                progress->update(reader.bytes_read(), file_size, stage);
                if (progress->cancelled())
                    throw Cancelled{};
            }
            // Rows of empty cells are what spreadsheets leave below the data: skip them.
            if (std::all_of(record.fields.begin(), record.fields.end(),
                            [](const std::string& field) { return trim(field).empty(); }))
                continue;
            ++rows;
            if (rows == rows_per_progress && problems.total == 0 && file_size > 0)
                // Estimate the total from the first rows' size, sparing reallocations.
                responses.reserve(static_cast<std::size_t>(
                    static_cast<double>(file_size) / static_cast<double>(reader.bytes_read()) *
                    static_cast<double>(rows) * 1.05));
            const std::size_t line = record.line;
            const std::size_t problems_before = problems.total;
            if (record.fields.size() != header_fields) {
                problems.add(line, {}, "has " + std::to_string(record.fields.size()) +
                                           (record.fields.size() == 1 ? " field" : " fields") +
                                           ", the header has " + std::to_string(header_fields));
                ++problems.bad_rows;
                continue;
            }

            Response response;
            bad_keys.clear();
            response.instrument_id = instrument.id;
            response.instrument_version = instrument.version;
            response.captured_by = options.captured_by;
            response.team = options.team;
            response.respondent_type = options.respondent_type;
            for (std::size_t i = 0; i < header_fields; ++i) {
                const Column& column = columns[i];
                const std::string_view value = trim(record.fields[i]);
                if (value.empty())
                    continue;
                switch (column.kind) {
                case ColumnKind::ignored:
                    if (column.name.empty()) // refused named columns are reported once, above
                        problems.add(line, {}, "column " + std::to_string(i + 1) +
                                                   " has a value but no name in the header");
                    break;
                case ColumnKind::question: {
                    std::optional<Answer> answer;
                    std::string problem = convert(column, value, answer, scratch);
                    if (!problem.empty()) {
                        problems.add(line, column.name, std::move(problem));
                        bad_keys.push_back(column.question->key);
                    } else if (answer) {
                        response.answers.emplace(column.question->key, std::move(*answer));
                    }
                    break;
                }
                case ColumnKind::uuid:
                    if (is_uuid(lowered(value, scratch)))
                        response.uuid = scratch;
                    else // left blank, so it gets a fresh uuid for the checks below
                        problems.add(line, column.name, in_quotes(value) + " is not a UUID");
                    break;
                case ColumnKind::captured_at:
                    if (auto at = normalise_timestamp(value))
                        response.captured_at = std::move(*at);
                    else
                        problems.add(line, column.name,
                                     in_quotes(value) +
                                         " is not a date and time: write e.g. 2024-03-01T14:30:00Z");
                    break;
                case ColumnKind::captured_by:
                    response.captured_by = value;
                    break;
                case ColumnKind::team:
                    response.team = value;
                    break;
                case ColumnKind::respondent_type:
                    response.respondent_type = lowered(value, scratch);
                    break;
                }
            }

            if (response.uuid.empty()) {
                response.uuid = new_uuid();
            } else {
                auto [it, fresh] = uuid_lines.emplace(response.uuid, line);
                if (!fresh)
                    problems.add(line, "uuid", "response " + response.uuid +
                                                   " appears more than once in the file (first on line " +
                                                   std::to_string(it->second) + ")");
                else if (store.find_response(response.uuid).has_value())
                    problems.add(line, "uuid",
                                 "response " + response.uuid + " is already in the database");
            }
            if (response.captured_at.empty())
                response.captured_at = now;

            for (auto& problem : validator.check(response, ValidationMode::complete)) {
                // A cell that failed to convert is blank here: don't also call it "required".
                if (std::find(bad_keys.begin(), bad_keys.end(), problem.question_key) ==
                    bad_keys.end())
                    problems.add(line, std::move(problem.question_key), std::move(problem.message));
            }

            if (problems.total != problems_before)
                ++problems.bad_rows;
            else if (problems.total == 0) // once anything is wrong, stop keeping responses
                responses.push_back(std::move(response));
        }
    } catch (const CsvError& error) {
        problems.add(error.line(), {}, error.what());
        throw ImportError(name + ": " + error.what() + "; nothing was imported",
                          std::move(problems.list));
    }
    if (in.bad())
        throw Error(name + ": cannot be read: the read failed part way through");

    if (rows == 0)
        throw ImportError(name + " has a header but no responses", std::move(problems.list));
    if (problems.total > 0) {
        std::string text = summary(name, problems, rows); // before the list is moved away
        throw ImportError(text, std::move(problems.list));
    }

    if (progress) {
        progress->update(file_size, file_size, stage);
        if (progress->cancelled())
            throw Cancelled{};
    }
    store.add_responses(responses, actor, file_name, progress);
    return responses.size();
}

} // namespace chorus
