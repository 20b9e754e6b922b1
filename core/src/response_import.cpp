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

// A uuid as its 128 bits: the duplicate check keeps one per row of the file, and a
// million of them as strings would cost several times the memory.
struct UuidBits {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool operator==(const UuidBits&) const = default;
};

struct UuidBitsHash {
    std::size_t operator()(const UuidBits& bits) const
    {
        return static_cast<std::size_t>(bits.high ^ (bits.low * 0x9E3779B97F4A7C15ULL));
    }
};

// `uuid` passed is_uuid: lower-case hex digits and dashes.
UuidBits uuid_bits(std::string_view uuid)
{
    UuidBits bits;
    int digits = 0;
    for (const char c : uuid) {
        if (c == '-')
            continue;
        const auto digit = static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        std::uint64_t& half = digits++ < 16 ? bits.high : bits.low;
        half = half << 4 | digit;
    }
    return bits;
}

bool all_blank(const CsvRecord& record)
{
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& field) { return trim(field).empty(); });
}

// Turns each data row into a response and hands it to the writer while every row so far
// has been good; after the first problem it only checks, so that every bad row is still
// reported, and the writer's transaction is rolled back at the end.
class RowImporter {
public:
    RowImporter(Store::BulkWriter& writer, const CsvImportOptions& options, std::vector<Column> columns,
                Problems& problems)
        : writer_(writer), options_(options), columns_(std::move(columns)), problems_(problems),
          now_(utc_now()) // one default capture time for the whole file
    {
    }

    std::size_t header_fields() const { return columns_.size(); }
    void expect_rows(std::size_t rows)
    {
        uuid_lines_.reserve(rows);
        writer_.expect(rows);
    }

    // One row that is not all blank.
    void import(const CsvRecord& record)
    {
        const std::size_t problems_before = problems_.total;
        if (record.fields.size() != columns_.size()) {
            problems_.add(record.line, {}, "has " + std::to_string(record.fields.size()) +
                                               (record.fields.size() == 1 ? " field" : " fields") +
                                               ", the header has " + std::to_string(columns_.size()));
            ++problems_.bad_rows;
            return;
        }
        Response response = read_cells(record);
        check_uuid(record.line, response);
        if (response.captured_at.empty())
            response.captured_at = now_;

        const bool writing = problems_.total == 0;
        for (auto& problem : writing ? writer_.add(response) : writer_.check(response)) {
            // A cell that failed to convert is blank here: don't also call it "required".
            if (std::find(bad_keys_.begin(), bad_keys_.end(), problem.question_key) == bad_keys_.end())
                problems_.add(record.line, std::move(problem.question_key), std::move(problem.message));
        }
        if (problems_.total != problems_before)
            ++problems_.bad_rows;
    }

private:
    Response read_cells(const CsvRecord& record)
    {
        const Instrument& instrument = writer_.instrument();
        Response response;
        response.instrument_id = instrument.id;
        response.instrument_version = instrument.version;
        response.captured_by = options_.captured_by;
        response.team = options_.team;
        response.respondent_type = options_.respondent_type;
        bad_keys_.clear();
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            const std::string_view value = trim(record.fields[i]);
            if (!value.empty())
                read_cell(record.line, i, value, response);
        }
        return response;
    }

    void read_cell(std::size_t line, std::size_t index, std::string_view value, Response& response)
    {
        const Column& column = columns_[index];
        switch (column.kind) {
        case ColumnKind::ignored:
            if (column.name.empty()) // refused named columns are reported once, in the header
                problems_.add(line, {}, "column " + std::to_string(index + 1) + " has a value but no name in the header");
            break;
        case ColumnKind::question: {
            std::optional<Answer> answer;
            std::string problem = convert(column, value, answer, scratch_);
            if (!problem.empty()) {
                problems_.add(line, column.name, std::move(problem));
                bad_keys_.push_back(column.question->key);
            } else if (answer) {
                response.answers.emplace(column.question->key, std::move(*answer));
            }
            break;
        }
        case ColumnKind::uuid:
            if (is_uuid(lowered(value, scratch_)))
                response.uuid = scratch_;
            else // left blank, so it gets a fresh uuid for the checks that follow
                problems_.add(line, column.name, in_quotes(value) + " is not a UUID");
            break;
        case ColumnKind::captured_at:
            if (auto at = normalise_timestamp(value))
                response.captured_at = std::move(*at);
            else
                problems_.add(line, column.name,
                              in_quotes(value) + " is not a date and time: write e.g. 2024-03-01T14:30:00Z");
            break;
        case ColumnKind::captured_by:
            response.captured_by = value;
            break;
        case ColumnKind::team:
            response.team = value;
            break;
        case ColumnKind::respondent_type:
            response.respondent_type = lowered(value, scratch_);
            break;
        }
    }

    // Given uuids must be new to the file and to the database; the file's own rows are
    // looked up first, so that a hit in the database means stored before this import.
    void check_uuid(std::size_t line, Response& response)
    {
        if (response.uuid.empty()) {
            response.uuid = new_uuid();
            return;
        }
        auto [it, fresh] = uuid_lines_.emplace(uuid_bits(response.uuid), line);
        if (!fresh)
            problems_.add(line, "uuid", "response " + response.uuid + " appears more than once in the file (first on line " +
                                            std::to_string(it->second) + ")");
        else if (writer_.stored_before(response.uuid))
            problems_.add(line, "uuid", "response " + response.uuid + " is already in the database");
    }

    Store::BulkWriter& writer_;
    const CsvImportOptions& options_;
    const std::vector<Column> columns_;
    Problems& problems_;
    const std::string now_;
    std::unordered_map<UuidBits, std::size_t, UuidBitsHash> uuid_lines_; // uuids given in the file
    std::vector<std::string_view> bad_keys_; // questions whose cell failed to convert, this row
    std::string scratch_;
};

// The file, opened with a bigger buffer than the default: CsvReader reads one character at a time.
class CsvFile {
public:
    explicit CsvFile(const fs::path& file) : buffer_(1 << 20)
    {
        in_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        errno = 0;
        in_.open(file, std::ios::binary);
        if (!in_) {
            std::error_code ec;
            std::string reason = fs::is_directory(file, ec) ? "it is a folder"
                                 : errno != 0               ? std::generic_category().message(errno)
                                                            : "it could not be opened";
            throw Error(display(file) + ": cannot be read: " + reason);
        }
        std::error_code size_error;
        size_ = fs::file_size(file, size_error);
    }

    std::istream& stream() { return in_; }
    std::uint64_t size() const { return size_; }

private:
    std::vector<char> buffer_;
    std::ifstream in_;
    std::uint64_t size_ = 0;
};

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

// One pass in one transaction: each row is parsed, checked and written as it is read, so a
// million rows need neither a million responses in memory nor a second reading of the file.
// A bad row stops the writing, the rest is still checked so every problem is reported, and
// the transaction is rolled back: the database is left as it was.
std::size_t import_responses_csv(Store& store, const fs::path& file, const CsvImportOptions& options,
                                 const std::string& actor, Progress* progress)
{
    const std::string name = display(file);
    const std::string file_name = display(file.filename());
    Store::BulkWriter writer(store, options.instrument_id, options.instrument_version);
    CsvFile input(file);
    const std::string& stage = file_name; // "importing: 45% (october.csv)"

    CsvReader reader(input.stream());
    CsvRecord record;
    Problems problems;
    std::size_t rows = 0;
    try {
        if (!reader.next(record))
            throw ImportError(name + " is empty", {});
        RowImporter importer(writer, options, read_header(record, writer.instrument(), problems), problems);
        while (reader.next(record)) {
            if (progress && rows % rows_per_progress == 0) {
                progress->update(reader.bytes_read(), input.size(), stage);
                if (progress->cancelled())
                    throw Cancelled{};
            }
            // Rows of empty cells are what spreadsheets leave below the data: skip them.
            if (all_blank(record))
                continue;
            if (++rows == rows_per_progress && input.size() > 0)
                // Estimate the number of rows from the first ones' size, sparing rehashes.
                importer.expect_rows(static_cast<std::size_t>(static_cast<double>(input.size()) /
                                                              static_cast<double>(reader.bytes_read()) *
                                                              static_cast<double>(rows) * 1.05));
            importer.import(record);
        }
    } catch (const CsvError& error) {
        problems.add(error.line(), {}, error.what());
        throw ImportError(name + ": " + error.what() + "; nothing was imported", std::move(problems.list));
    }
    if (input.stream().bad())
        throw Error(name + ": cannot be read: the read failed part way through");

    if (rows == 0)
        throw ImportError(name + " has a header but no responses", std::move(problems.list));
    if (problems.total > 0) {
        std::string text = summary(name, problems, rows); // before the list is moved away
        throw ImportError(text, std::move(problems.list));
    }
    if (progress) {
        progress->update(input.size(), input.size(), stage);
        if (progress->cancelled())
            throw Cancelled{};
        progress->update(input.size(), input.size(), "saving " + file_name); // the commit can take a while
    }
    writer.commit(actor, file_name);
    return writer.added();
}

} // namespace chorus
