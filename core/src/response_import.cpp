#include "chorus/response_import.hpp"

#include "chorus/csv.hpp"
#include "chorus/dates.hpp"
#include "chorus/instrument.hpp"
#include "chorus/progress.hpp"
#include "chorus/response.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "response_cells.hpp"
#include "response_rows.hpp"
#include "response_write_queue.hpp"
#include "text_util.hpp"
#include "import_uuids.hpp"
#include "xlsx_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
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

using cells::Column;
using cells::in_quotes;
using cells::lowered;
using rows::RowSource;
using rows::CsvSource;
using rows::XlsxSource;
using rows::open_source;
using rows::sample_rows;
using rows::display;
using cells::lower;
using cells::ChoiceLookup;
using cells::convert;
using cells::read_timestamp;

// Collects problems, keeping the first max_stored_problems but counting them all.
struct Problems {
    std::string sheet; // XLSX: problems name the sheet and the column letter
    std::vector<RowProblem> list;
    std::size_t total = 0;
    std::size_t bad_rows = 0;
    bool header_bad = false;

    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    void add(std::size_t line, std::size_t column, std::string header, std::string message)
    {
        ++total;
        if (list.size() < max_stored_problems)
            list.push_back({line, std::move(header), std::move(message), sheet,
                            sheet.empty() || column == no_column ? std::string() : xlsx_column_name(column)});
    }

    // "column 3" in a CSV file, "column C" in a sheet.
    std::string column_name(std::size_t column) const
    {
        return "column " + (sheet.empty() ? std::to_string(column + 1) : xlsx_column_name(column));
    }
};

std::vector<Column> resolve_columns(const ColumnMapping& mapping, const Instrument& instrument, std::size_t line,
                                    Problems& problems)
{
    const std::string of_instrument = instrument.id + " version " + std::to_string(instrument.version);
    std::vector<Column> columns(mapping.columns.size());
    std::map<std::string, std::size_t> first; // target -> column
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const ColumnMatch& match = mapping.columns[i];
        Column& column = columns[i];
        column.header = match.header;
        if (match.unmatched()) {
            problems.add(line, i, match.header,
                         "column " + in_quotes(match.header) + " is not a question of " + of_instrument +
                             " nor a metadata column" + (match.note.empty() ? "" : " (" + match.note + ")") +
                             ": map it to a question or ignore it");
            continue;
        }
        if (match.target == ColumnTarget::ignored)
            continue; // its cells are not read
        const std::string target = target_name(match);
        if (auto [it, fresh] = first.emplace(target, i); !fresh) {
            problems.add(line, i, match.header,
                         in_quotes(target) + " is mapped more than once (first by " + problems.column_name(it->second) +
                             ", " + in_quotes(columns[it->second].header) + ")");
            continue;
        }
        if (match.target != ColumnTarget::question) {
            column.kind = match.target;
            continue;
        }
        const Question* question = instrument.find_question(match.question_key);
        if (!question) {
            problems.add(line, i, match.header,
                         "column " + in_quotes(match.header) + " is mapped to " + match.question_key +
                             ", which is not a question of " + of_instrument);
        } else if (question->type == QuestionType::note) {
            problems.add(line, i, match.header, "column " + in_quotes(match.header) + " is a note, which takes no answer");
        } else {
            column.kind = ColumnTarget::question;
            column.question = question;
            if (is_choice_type(question->type))
                column.choices = std::make_unique<ChoiceLookup>(*question);
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

std::string answer_text(const Answer& answer)
{
    struct Visitor {
        std::string operator()(const std::string& text) const { return text; }
        std::string operator()(const std::vector<std::string>& codes) const { return join(codes, ";"); }
        std::string operator()(std::int64_t number) const { return std::to_string(number); }
        std::string operator()(double number) const { return format_number(number); }
    };
    return std::visit(Visitor{}, answer);
}

PreviewRow preview_row(std::size_t line, const Response& response, const Instrument& instrument)
{
    PreviewRow row{line, {{"uuid", response.uuid}, {"captured_at", response.captured_at}}};
    for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"captured_by", &response.captured_by},
                                      {"team", &response.team},
                                      {"respondent_type", &response.respondent_type}})
        if (!value->empty())
            row.values.emplace_back(name, *value);
    for (const auto& question : instrument.questions)
        if (auto it = response.answers.find(question.key); it != response.answers.end())
            row.values.emplace_back(question.key, answer_text(it->second));
    return row;
}

enum class Mode { import, preview };

// Turns each data row into a response, checks it and hands it to the writing queue while
// every row so far has been good; after the first problem (or always, in a preview, which
// has no queue) it only checks, so that every bad row is still reported, and the writer's
// transaction is rolled back at the end.
class RowImporter {
public:
    RowImporter(Store::BulkWriter& writer, ResponseWriteQueue* queue, const ResponseImportOptions& options,
                std::vector<Column> columns, Problems& problems, bool fixed_width, Mode mode, ImportPreview* preview,
                std::size_t preview_rows)
        : writer_(writer), queue_(queue), options_(options), columns_(std::move(columns)), problems_(problems),
          fixed_width_(fixed_width), mode_(mode), preview_(preview), preview_rows_(preview_rows),
          now_(utc_now()) // one default capture time for the whole file
    {
        std::vector<std::size_t> questions;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            if (columns_[i].kind == ColumnTarget::uuid)
                uuid_column_ = i;
            if (columns_[i].question)
                questions.push_back(i);
        }
        std::sort(questions.begin(), questions.end(), [this](std::size_t a, std::size_t b) {
            return columns_[a].question->key < columns_[b].question->key;
        });
        rank_of_.assign(columns_.size(), 0);
        for (std::size_t rank = 0; rank < questions.size(); ++rank) {
            rank_of_[questions[rank]] = rank;
            key_by_rank_.push_back(&columns_[questions[rank]].question->key);
        }
        pending_.resize(questions.size());
        answered_.resize(questions.size());
    }

    void expect_rows(std::size_t rows)
    {
        uuid_lines_.reserve(rows);
        if (mode_ == Mode::import)
            writer_.expect(rows);
    }
    std::size_t already_imported() const { return already_imported_; }

    // One row that is not all blank.
    void import(std::size_t line, const std::vector<std::string>& fields)
    {
        const std::size_t problems_before = problems_.total;
        if (fixed_width_ && fields.size() != columns_.size()) {
            problems_.add(line, Problems::no_column, {},
                          "has " + std::to_string(fields.size()) + (fields.size() == 1 ? " field" : " fields") +
                              ", the header has " + std::to_string(columns_.size()));
            ++problems_.bad_rows;
            return;
        }
        std::string derived;
        if (uuid_column_ >= fields.size() || trim(fields[uuid_column_]).empty()) {
            derived = derived_uuid(fields);
            if (writer_.stored_before(derived)) {
                ++already_imported_;
                return;
            }
        }
        Response& response = read_cells(line, fields);
        if (!derived.empty())
            response.uuid = std::move(derived);
        else
            check_uuid(line, response);
        if (response.captured_at.empty())
            response.captured_at = now_;

        for (auto& problem : writer_.check(response)) {
            // A cell that failed to convert is blank here: don't also call it "required".
            if (std::find(bad_keys_.begin(), bad_keys_.end(), problem.question_key) != bad_keys_.end())
                continue;
            const std::size_t column = column_of(problem.question_key);
            problems_.add(line, column,
                          column == Problems::no_column ? std::move(problem.question_key) : columns_[column].header,
                          std::move(problem.message));
        }
        if (problems_.total != problems_before)
            ++problems_.bad_rows;
        else if (queue_ && problems_.total == 0)
            queue_->push(response);
        else if (preview_ && preview_->first_rows.size() < preview_rows_)
            preview_->first_rows.push_back(preview_row(line, response, writer_.instrument()));
    }

private:
    // Puts the row's answers (pending_) into response.answers, which holds an earlier row's:
    // one pass over both in key order. Where both answer a question the values are swapped,
    // so the earlier value's buffers are reused by the next row's cells; the map's nodes are
    // removed or added only where the two rows differ, each with its place as the hint.
    // The map only ever holds keys of this file's question columns (key_by_rank_).
    void take_answers(Response& response)
    {
        auto& answers = response.answers;
        auto at = answers.begin();
        for (std::size_t rank = 0; rank < key_by_rank_.size(); ++rank) {
            const std::string& key = *key_by_rank_[rank];
            const bool held = at != answers.end() && at->first == key;
            if (!answered_[rank]) {
                if (held)
                    spare_nodes_.push_back(answers.extract(at++));
            } else if (held) {
                std::swap(at->second, pending_[rank]);
                ++at;
            } else if (spare_nodes_.empty()) {
                answers.emplace_hint(at, key, std::move(pending_[rank]));
            } else {
                auto node = std::move(spare_nodes_.back());
                spare_nodes_.pop_back();
                node.key() = key;
                std::swap(node.mapped(), pending_[rank]);
                answers.insert(at, std::move(node));
            }
        }
        while (at != answers.end())
            spare_nodes_.push_back(answers.extract(at++));
    }

    std::size_t column_of(std::string_view key) const
    {
        for (std::size_t i = 0; i < columns_.size(); ++i)
            if (columns_[i].question && columns_[i].question->key == key)
                return i;
        return Problems::no_column;
    }

    std::string derived_uuid(const std::vector<std::string>& fields)
    {
        const UuidBits content = content_bits(writer_.instrument().id, fields, 0);
        const std::uint32_t occurrence = content_counts_[content]++;
        return uuid_text(occurrence == 0 ? content : content_bits(writer_.instrument().id, fields, occurrence));
    }

    // The row's response, in a Response kept from row to row: its answers' map nodes, key
    // strings and values are reused, sparing a million-row import ~20 allocations a row.
    Response& read_cells(std::size_t line, const std::vector<std::string>& fields)
    {
        const Instrument& instrument = writer_.instrument();
        Response& response = response_;
        std::fill(answered_.begin(), answered_.end(), false);
        response.uuid.clear();
        response.captured_at.clear();
        response.instrument_id = instrument.id;
        response.instrument_version = instrument.version;
        response.captured_by = options_.captured_by;
        response.team = options_.team;
        response.respondent_type = options_.respondent_type;
        bad_keys_.clear();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string_view value = trim(fields[i]);
            if (value.empty())
                continue;
            if (i < columns_.size())
                read_cell(line, i, value, response);
            else // a sheet's cell right of the header
                problems_.add(line, i, {}, problems_.column_name(i) + " has a value but no name in the header");
        }
        take_answers(response);
        return response;
    }

    void read_cell(std::size_t line, std::size_t index, std::string_view value, Response& response)
    {
        const Column& column = columns_[index];
        switch (column.kind) {
        case ColumnTarget::ignored:
            if (column.header.empty()) // refused named columns are reported once, in the header
                problems_.add(line, index, {}, problems_.column_name(index) + " has a value but no name in the header");
            break;
        case ColumnTarget::question: {
            const std::size_t rank = rank_of_[index];
            bool answered = false;
            std::string problem = convert(column, value, pending_[rank], answered, scratch_);
            if (!problem.empty()) {
                problems_.add(line, index, column.header, std::move(problem));
                bad_keys_.push_back(column.question->key);
            } else {
                answered_[rank] = answered;
            }
            break;
        }
        case ColumnTarget::uuid:
            if (is_uuid(lowered(value, scratch_)))
                response.uuid = scratch_;
            else // left blank, so it gets a fresh uuid for the checks that follow
                problems_.add(line, index, column.header, in_quotes(value) + " is not a UUID");
            break;
        case ColumnTarget::captured_at:
            if (auto at = read_timestamp(value))
                response.captured_at = std::move(*at);
            else
                problems_.add(line, index, column.header,
                              in_quotes(value) + " is not a date and time: write e.g. 2024-03-01T14:30:00Z");
            break;
        case ColumnTarget::captured_by:
            response.captured_by = value;
            break;
        case ColumnTarget::team:
            response.team = value;
            break;
        case ColumnTarget::respondent_type:
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
        const std::string& header = columns_[uuid_column_].header;
        if (const std::size_t first = uuid_lines_.first_line(uuid_bits(response.uuid), line))
            problems_.add(line, uuid_column_, header,
                          "response " + response.uuid + " appears more than once in the file (first on " +
                              (problems_.sheet.empty() ? "line " : "row ") + std::to_string(first) + ")");
        else if (writer_.stored_before(response.uuid))
            problems_.add(line, uuid_column_, header, "response " + response.uuid + " is already in the database");
    }

    Store::BulkWriter& writer_;
    ResponseWriteQueue* const queue_; // none in a preview
    const ResponseImportOptions& options_;
    const std::vector<Column> columns_;
    Problems& problems_;
    const bool fixed_width_;
    const Mode mode_;
    ImportPreview* const preview_;
    const std::size_t preview_rows_;
    Response response_; // the current row's
    std::vector<std::size_t> rank_of_;              // column -> its question's place in key order
    std::vector<const std::string*> key_by_rank_;   // the question columns' keys, in order
    std::vector<Answer> pending_;                   // by rank: this row's answers, converted
    std::vector<bool> answered_;                    // by rank: pending_ holds this row's answer
    std::vector<std::map<std::string, Answer>::node_type> spare_nodes_; // from earlier rows
    const std::string now_;
    std::size_t uuid_column_ = Problems::no_column;
    std::size_t already_imported_ = 0;
    UuidLines uuid_lines_; // uuids given in the file
    std::unordered_map<UuidBits, std::uint32_t, UuidBitsHash> content_counts_; // rows without a uuid
    std::vector<std::string_view> bad_keys_; // questions whose cell failed to convert, this row
    std::string scratch_;
};

// The mapping the import uses: the one given, which must be of this file's header, or auto_map.
ColumnMapping mapping_for(const fs::path& file, RowSource& source, const Instrument& instrument,
                          const ResponseImportOptions& options)
{
    const auto& header = source.header();
    if (options.mapping) {
        bool same = options.mapping->columns.size() >= header.size();
        for (std::size_t i = 0; same && i < options.mapping->columns.size(); ++i)
            same = options.mapping->columns[i].header == trim(i < header.size() ? std::string_view(header[i]) : "");
        if (!same)
            throw Error(display(file) + ": its header is not the one the column mapping was made for");
        return *options.mapping;
    }
    if (auto* sheet = dynamic_cast<XlsxSource*>(&source))
        return auto_map(instrument, header, sheet->sample(20));
    CsvSource again(file); // a second reader, so that the first keeps its place
    return auto_map(instrument, header, sample_rows(again, 20));
}

struct RunResult {
    std::size_t imported = 0;
    std::size_t already_imported = 0;
    ColumnMapping mapping;
};

// One pass in one transaction: each row is parsed and checked as it is read (this thread) and
// written by the queue's thread meanwhile, so a million rows need neither a million responses
// in memory nor a second reading of the file.
// A bad row stops the writing, the rest is still checked so every problem is reported, and
// the transaction is rolled back: the database is left as it was. A preview only checks.
RunResult run(Store& store, const fs::path& file, const ResponseImportOptions& options, const std::string& actor,
              Progress* progress, Mode mode, ImportPreview* preview, std::size_t preview_rows)
{
    const std::string name = display(file);
    const std::string file_name = display(file.filename());
    const std::string& stage = file_name; // "importing: 45% (october.csv)"
    Problems problems;
    RunResult result;
    std::size_t rows = 0;
    std::unique_ptr<RowSource> source;
    try {
        source = open_source(file, options.sheet);
        Store::BulkWriter writer(store, options.instrument_id, options.instrument_version);
        problems.sheet = source->sheet();
        result.mapping = mapping_for(file, *source, writer.instrument(), options);
        std::optional<ResponseWriteQueue> queue; // destroyed, its thread joined, before the writer
        if (mode == Mode::import)
            queue.emplace(writer);
        RowImporter importer(writer, queue ? &*queue : nullptr, options,
                             resolve_columns(result.mapping, writer.instrument(), source->header_line(), problems),
                             problems, source->fixed_width(), mode, preview, preview_rows);
        std::size_t line = 0;
        const std::vector<std::string>* fields = nullptr;
        std::size_t seen = 0;
        while (source->next(line, fields)) {
            if (progress && seen % rows_per_progress == 0) {
                progress->update(source->done(), source->total(), stage);
                if (progress->cancelled())
                    throw Cancelled{};
            }
            if (++seen == rows_per_progress && source->total() > 0 && source->done() > 0)
                // Estimate the number of rows from the first ones' size, sparing rehashes.
                importer.expect_rows(static_cast<std::size_t>(static_cast<double>(source->total()) /
                                                              static_cast<double>(source->done()) *
                                                              static_cast<double>(seen) * 1.05));
            importer.import(line, *fields);
        }
        result.already_imported = importer.already_imported();
        rows = seen;

        if (mode == Mode::preview) {
            preview->mapping = result.mapping;
            preview->sheet = problems.sheet;
            preview->rows = rows;
            preview->bad_rows = problems.bad_rows;
            preview->already_imported = result.already_imported;
            preview->problem_count = problems.total;
            if (rows == 0) { // refused by an import, so a problem here too
                preview->summary = name + " has a header but no responses";
                preview->problem_count = std::max<std::size_t>(1, problems.total);
            }
            else if (problems.total > 0)
                preview->summary = summary(name, problems, rows);
            preview->problems = std::move(problems.list);
            return result;
        }
        if (rows == 0)
            throw ImportError(name + " has a header but no responses", std::move(problems.list));
        if (problems.total > 0) {
            std::string text = summary(name, problems, rows); // before the list is moved away
            throw ImportError(text, std::move(problems.list));
        }
        if (progress) {
            progress->update(source->total(), source->total(), stage);
            if (progress->cancelled())
                throw Cancelled{};
            progress->update(source->total(), source->total(), "saving " + file_name); // the commit can take a while
        }
        queue->finish();
        if (writer.added() > 0) // every row stored already: nothing to commit or audit
            writer.commit(actor, file_name);
        result.imported = writer.added();
    } catch (const CsvError& error) {
        problems.add(error.line(), Problems::no_column, {}, error.what());
        throw ImportError(name + ": " + error.what() + "; nothing was imported", std::move(problems.list));
    }
    return result;
}

} // namespace

std::string RowProblem::to_string() const
{
    if (!sheet.empty()) {
        std::string text = "sheet " + sheet + ", row " + std::to_string(line);
        if (!column_letter.empty())
            text += ", column " + column_letter + (column.empty() ? "" : " (" + column + ")");
        return text + ": " + message;
    }
    std::string text = "line " + std::to_string(line);
    if (!column.empty())
        text += ", column " + column;
    return text + ": " + message;
}

ImportError::ImportError(const std::string& summary, std::vector<RowProblem> problems)
    : Error(summary), problems_(std::move(problems))
{
}

bool is_xlsx_file(const fs::path& file)
{
    std::string extension = display(file.extension());
    std::transform(extension.begin(), extension.end(), extension.begin(), lower);
    return extension == ".xlsx";
}

ImportSample read_import_sample(const fs::path& file, const std::string& sheet, std::size_t rows)
{
    try {
        auto source = open_source(file, sheet);
        ImportSample sample;
        sample.sheet = source->sheet();
        if (auto* workbook = dynamic_cast<XlsxSource*>(source.get()))
            sample.sheets = workbook->sheet_names();
        sample.header_line = source->header_line();
        sample.headers = source->header();
        sample.rows = sample_rows(*source, rows);
        return sample;
    } catch (const CsvError& error) {
        throw Error(display(file) + ": line " + std::to_string(error.line()) + ": " + error.what());
    }
}

std::vector<std::string> sample_values(const ImportSample& sample, std::size_t index, std::size_t count)
{
    std::vector<std::string> values;
    for (const auto& row : sample.rows) {
        if (values.size() >= count)
            break;
        if (index >= row.size())
            continue;
        const std::string value(trim(row[index]));
        if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end())
            values.push_back(value);
    }
    return values;
}

ImportPreview preview_response_import(Store& store, const fs::path& file, const ResponseImportOptions& options,
                                      std::size_t first_rows, Progress* progress)
{
    ImportPreview preview;
    try {
        run(store, file, options, {}, progress, Mode::preview, &preview, first_rows);
    } catch (const ImportError& error) { // the file cannot be read as rows at all
        preview.summary = error.what();
        preview.problems = error.problems();
        preview.problem_count = std::max<std::size_t>(1, preview.problems.size());
    }
    return preview;
}

ResponseImportResult import_responses(Store& store, const fs::path& file, const ResponseImportOptions& options,
                                      const std::string& actor, Progress* progress)
{
    RunResult result = run(store, file, options, actor, progress, Mode::import, nullptr, 0);
    return {result.imported, result.already_imported, std::move(result.mapping)};
}

ResponseImportResult import_responses_xlsx(Store& store, const fs::path& file, const ResponseImportOptions& options,
                                           const std::string& actor, Progress* progress)
{
    if (!is_xlsx_file(file))
        throw Error(display(file) + ": is not an .xlsx file");
    return import_responses(store, file, options, actor, progress);
}

std::size_t import_responses_csv(Store& store, const fs::path& file, const CsvImportOptions& options,
                                 const std::string& actor, Progress* progress)
{
    ResponseImportOptions automatic;
    static_cast<CsvImportOptions&>(automatic) = options;
    return run(store, file, automatic, actor, progress, Mode::import, nullptr, 0).imported;
}

} // namespace chorus
