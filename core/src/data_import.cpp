// import_json_export: reads a JSON export back (docs/cli.md, "import"), in one transaction,
// adding only what the database does not hold yet, so importing a file twice adds nothing.
#include "chorus/data_export.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/error.hpp"
#include "chorus/progress.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "complaints_json.hpp"
#include "json_reading.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace chorus {

namespace {

using nlohmann::json;

constexpr std::size_t max_problems = 100;
constexpr std::size_t responses_per_batch = 5000;

std::string file_name(const std::filesystem::path& file)
{
    const auto text = file.filename().u8string();
    return std::string(text.begin(), text.end());
}

// Reads the responses of the file, reporting each problem with its JSON path.
class ResponseReader {
public:
    ResponseReader(Store& store, const std::string& source, std::vector<DefinitionProblem>& problems)
        : store_(store), source_(source), problems_(problems)
    {
    }

    // A version the file defines: its responses are read with it (a stored one that differs
    // is refused when the file's is added).
    void define(const Instrument& instrument)
    {
        validators_.erase({instrument.id, instrument.version}); // it refers to the definition replaced
        instruments_[{instrument.id, instrument.version}] = instrument;
    }

    std::optional<Response> read(const json& item, const std::string& path)
    {
        const std::size_t before = problems_.size();
        if (!item.is_object()) {
            problem(path, "expected an object, got " + json_kind(item));
            return std::nullopt;
        }
        Response response;
        response.uuid = text(item, path, "uuid", true);
        if (!response.uuid.empty() && !is_uuid(response.uuid))
            problem(path + ".uuid", in_quotes(response.uuid) + " is not a lower-case uuid");
        response.instrument_id = text(item, path, "instrument", true);
        const auto version = item.find("version");
        if (version == item.end() || !version->is_number_integer())
            problem(path + ".version", "expected the instrument version, a whole number");
        else
            response.instrument_version = version->get<int>();
        response.captured_at = text(item, path, "captured_at", true);
        response.captured_by = text(item, path, "captured_by", true);
        response.team = text(item, path, "team", false);
        response.respondent_type = text(item, path, "respondent_type", false);
        for (const auto& [key, value] : item.items())
            if (key != "uuid" && key != "instrument" && key != "version" && key != "captured_at"
                && key != "captured_by" && key != "team" && key != "respondent_type" && key != "answers")
                problem(path, "unknown property " + in_quotes(key));
        const Instrument* instrument = nullptr;
        if (!response.instrument_id.empty() && response.instrument_version > 0) {
            instrument = find_instrument(response.instrument_id, response.instrument_version);
            if (instrument == nullptr)
                problem(path + ".instrument", response.instrument_id + " version "
                                                  + std::to_string(response.instrument_version)
                                                  + " is neither in the file nor in the database");
        }
        const auto answers = item.find("answers");
        if (answers == item.end() || !answers->is_object())
            problem(path + ".answers", "expected an object from question key to answer");
        else if (instrument != nullptr)
            for (const auto& [key, value] : answers->items())
                read_answer(*instrument, key, value, path + ".answers." + key, response);
        if (problems_.size() == before && instrument != nullptr)
            validate(*instrument, response, path);
        if (problems_.size() != before)
            return std::nullopt;
        return response;
    }

private:
    // As the store will check it, but each problem named by its place in the file.
    void validate(const Instrument& instrument, const Response& response, const std::string& path)
    {
        const auto key = std::make_pair(instrument.id, instrument.version);
        auto it = validators_.find(key);
        if (it == validators_.end())
            it = validators_.emplace(key, std::make_unique<ResponseValidator>(instrument)).first;
        for (const AnswerProblem& problem : it->second->check(response, ValidationMode::complete))
            problems_.push_back({source_, problem.question_key.empty() ? path : path + ".answers." + problem.question_key,
                                 problem.message});
    }

    void problem(const std::string& path, const std::string& message)
    {
        problems_.push_back({source_, path, message});
    }

    std::string text(const json& item, const std::string& path, const char* name, bool required)
    {
        const auto member = item.find(name);
        if (member == item.end()) {
            if (required)
                problem(path, std::string("\"") + name + "\" is missing");
            return {};
        }
        if (!member->is_string()) {
            problem(path + "." + name, "expected a string, got " + json_kind(*member));
            return {};
        }
        return member->get<std::string>();
    }

    const Instrument* find_instrument(const std::string& id, int version)
    {
        const auto key = std::make_pair(id, version);
        auto it = instruments_.find(key);
        if (it == instruments_.end())
            it = instruments_.emplace(key, store_.find_instrument(id, version)).first;
        return it->second ? &*it->second : nullptr;
    }

    void read_answer(const Instrument& instrument, const std::string& key, const json& value, const std::string& path,
                     Response& response)
    {
        const Question* question = instrument.find_question(key);
        if (question == nullptr || question->type == QuestionType::note) {
            problem(path, "is not a question of " + instrument.id + " version " + std::to_string(instrument.version)
                              + " that takes an answer");
            return;
        }
        switch (question->type) {
        case QuestionType::multiple_choice: {
            std::vector<std::string> codes;
            bool all_strings = value.is_array();
            if (all_strings)
                for (const json& code : value) {
                    all_strings = all_strings && code.is_string();
                    if (code.is_string())
                        codes.push_back(code.get<std::string>());
                }
            if (!all_strings)
                problem(path, "expected an array of option codes, got " + json_kind(value));
            else
                response.answers[key] = std::move(codes);
            return;
        }
        case QuestionType::integer:
            if (value.is_number_integer())
                response.answers[key] = value.get<std::int64_t>();
            else
                problem(path, "expected a whole number, got " + json_kind(value));
            return;
        case QuestionType::decimal:
            if (value.is_number())
                response.answers[key] = value.get<double>();
            else
                problem(path, "expected a number, got " + json_kind(value));
            return;
        default:
            if (value.is_string())
                response.answers[key] = value.get<std::string>();
            else
                problem(path, "expected a string, got " + json_kind(value));
            return;
        }
    }

    Store& store_;
    const std::string& source_;
    std::vector<DefinitionProblem>& problems_;
    std::map<std::pair<std::string, int>, std::optional<Instrument>> instruments_;
    std::map<std::pair<std::string, int>, std::unique_ptr<ResponseValidator>> validators_;
};

bool same_response(const Response& a, const Response& b)
{
    return a.uuid == b.uuid && a.instrument_id == b.instrument_id && a.instrument_version == b.instrument_version
        && a.captured_at == b.captured_at && a.captured_by == b.captured_by && a.team == b.team
        && a.respondent_type == b.respondent_type && a.answers == b.answers;
}

const json& array_member(const json& root, const char* name, const std::string& source, bool required = true)
{
    static const json none = json::array();
    const auto member = root.find(name);
    if (member == root.end() && !required)
        return none;
    if (member == root.end() || !member->is_array())
        throw DefinitionError({{source, std::string("$.") + name, "expected an array"}});
    return *member;
}

// The complaints (or compliments) of the file not stored yet; an identical stored one is
// counted as skipped, a different one with the same uuid is a problem.
template <typename Record, typename Read, typename Stored>
std::vector<Record> fresh_records(const json& items, const char* name, const std::string& source, Read read,
                                  Stored stored, std::size_t& skipped, std::vector<DefinitionProblem>& problems)
{
    std::vector<Record> fresh;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size() && problems.size() < max_problems; ++i) {
        const std::string path = std::string("$.") + name + "[" + std::to_string(i) + "]";
        std::optional<Record> record = read(items[i], source, path, problems);
        if (!record)
            continue;
        if (!seen.insert(record->uuid).second) {
            problems.push_back({source, path + ".uuid", record->uuid + " appears twice in the file"});
            continue;
        }
        if (const std::optional<Record> existing = stored(record->uuid)) {
            if (*existing == *record)
                ++skipped;
            else
                problems.push_back({source, path, record->uuid + " is stored with different content; nothing was imported"});
            continue;
        }
        fresh.push_back(std::move(*record));
    }
    return fresh;
}

// Paths of an embedded instrument's problems start at the instrument, inside the file.
DefinitionError in_file(const DefinitionError& error, const std::string& source, const std::string& prefix)
{
    std::vector<DefinitionProblem> problems = error.problems();
    for (DefinitionProblem& problem : problems) {
        problem.source = source;
        problem.path = prefix + (problem.path.size() > 1 ? problem.path.substr(1) : std::string());
    }
    return DefinitionError(std::move(problems));
}

// The header members come first in a Chorus export; checked when the data begins.
struct Header {
    std::optional<std::string> format;
    std::optional<json> version;
    bool identifiable = false;
    bool checked = false;

    void check(const std::string& source)
    {
        if (checked)
            return;
        checked = true;
        if (format != "chorus-export")
            throw Error(source + " is not a Chorus JSON export (it does not start with \"format\": \"chorus-export\")");
        if (version != json(1))
            throw Error(source + " is a Chorus export of another format version; this Chorus reads version 1");
        if (!identifiable)
            throw Error(source + " is an anonymised export: it lacks who captured each response (and perhaps "
                                 "free text), so importing it would store incomplete responses; import an "
                                 "identifiable export instead");
    }
};

} // namespace

JsonImportSummary import_json_export(Store& store, const std::filesystem::path& file, const std::string& actor,
                                     bool dry_run, Progress* progress)
{
    const std::string source = file_name(file);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot be read: " + std::strerror(errno));
    std::error_code size_error;
    const auto file_size = std::filesystem::file_size(file, size_error);

    JsonImportSummary summary;
    std::vector<DefinitionProblem> problems;
    ResponseReader reader(store, source, problems);
    sql::Transaction transaction(store.connection()); // every write below becomes one

    // Streamed: each instrument is added and each response checked as soon as it is read, and
    // dropped from the document; new responses are written in batches while every one so far is
    // good (after a problem the rest is only checked, so every problem is listed). Nothing is
    // committed until the end, so a big file needs memory for one batch, not for the file.
    Header header;
    std::string member; // the root's member being read
    std::size_t instrument_items = 0, response_items = 0;
    std::set<std::string> seen;
    std::vector<Response> batch;
    const auto write_batch = [&] {
        if (!batch.empty() && problems.empty())
            store.add_responses(batch, actor, source); // a savepoint in `transaction`
        summary.responses_added += batch.size();
        batch.clear();
    };
    const auto take_instrument = [&](const json& item) {
        const std::string path = "$.instruments[" + std::to_string(instrument_items++) + "]";
        try {
            const Instrument instrument = parse_instrument(item.dump(), source);
            if (store.add_instrument(instrument, actor) == AddOutcome::added)
                ++summary.instruments_added;
            else
                ++summary.instruments_unchanged;
            reader.define(instrument);
        } catch (const DefinitionError& error) {
            throw in_file(error, source, path);
        } catch (const Error& error) {
            throw DefinitionError({{source, path, error.what()}});
        }
    };
    const auto take_response = [&](const json& item) {
        const std::size_t index = response_items++;
        if (progress && index % 1000 == 0) {
            if (progress->cancelled())
                throw Cancelled();
            progress->update(static_cast<std::uint64_t>(std::max<std::streamoff>(in.tellg(), 0)), file_size,
                             "importing " + source);
        }
        if (problems.size() >= max_problems)
            return;
        const std::string path = "$.responses[" + std::to_string(index) + "]";
        std::optional<Response> response = reader.read(item, path);
        if (!response)
            return;
        if (!seen.insert(response->uuid).second) {
            problems.push_back({source, path + ".uuid", "response " + response->uuid + " appears twice in the file"});
            return;
        }
        if (const std::optional<Response> stored = store.find_response(response->uuid)) {
            if (same_response(*stored, *response))
                ++summary.responses_skipped;
            else
                problems.push_back({source, path,
                                    "response " + response->uuid + " is stored with different content; nothing was imported"});
            return;
        }
        batch.push_back(std::move(*response));
        if (batch.size() == responses_per_batch)
            write_batch();
    };
    const json::parser_callback_t take = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) {
            member = parsed.get<std::string>();
            if (member == "instruments" || member == "responses" || member == "complaints" || member == "compliments")
                header.check(source);
            return true;
        }
        if (depth == 1 && event == json::parse_event_t::value) {
            if (member == "format" && parsed.is_string())
                header.format = parsed.get<std::string>();
            else if (member == "format_version")
                header.version = parsed;
            else if (member == "identifiable")
                header.identifiable = parsed == json(true);
            return true;
        }
        if (depth != 2 || event != json::parse_event_t::object_end)
            return true;
        if (member == "instruments") {
            take_instrument(parsed);
            return false;
        }
        if (member == "responses") {
            take_response(parsed);
            return false;
        }
        return true; // complaints and compliments are few: read below from the document
    };
    json root;
    try {
        root = json::parse(in, take);
    } catch (const json::exception& error) {
        // Where it went wrong, in lines and columns, from the text (read again only now).
        throw DefinitionError({{source, "", describe_json_error(read_text_file(file), error)}});
    }
    if (!root.is_object())
        throw Error(source + " is not a Chorus JSON export (it is not a JSON object)");
    header.check(source);
    array_member(root, "instruments", source);
    array_member(root, "responses", source);
    write_batch();

    ComplaintLog log(store);
    const std::vector<Complaint> complaints = fresh_records<Complaint>(
        array_member(root, "complaints", source, false), "complaints", source, exporting::read_complaint,
        [&](const std::string& uuid) { return log.find(uuid); }, summary.complaints_skipped, problems);
    const json& compliment_items = array_member(root, "compliments", source, false);
    std::map<std::string, Compliment> stored_compliments;
    if (!compliment_items.empty()) // the log has no look-up by uuid; it is read once
        for (Compliment& compliment : log.list_compliments())
            stored_compliments.emplace(compliment.uuid, std::move(compliment));
    const std::vector<Compliment> compliments = fresh_records<Compliment>(
        compliment_items, "compliments", source, exporting::read_compliment,
        [&](const std::string& uuid) {
            const auto it = stored_compliments.find(uuid);
            return it == stored_compliments.end() ? std::nullopt : std::optional<Compliment>(it->second);
        },
        summary.compliments_skipped, problems);
    if (!problems.empty())
        throw DefinitionError(std::move(problems));

    if (!complaints.empty())
        log.add_all(complaints, actor, source);
    summary.complaints_added = complaints.size();
    if (!compliments.empty())
        log.add_compliments(compliments, actor, source);
    summary.compliments_added = compliments.size();
    store.audit(actor, "import", source,
                "json export; " + std::to_string(summary.instruments_added) + " instrument versions added, "
                    + std::to_string(summary.instruments_unchanged) + " unchanged; "
                    + std::to_string(summary.responses_added) + " responses added, "
                    + std::to_string(summary.responses_skipped) + " already stored; "
                    + std::to_string(summary.complaints_added) + " complaints and "
                    + std::to_string(summary.compliments_added) + " compliments added");
    if (!dry_run)
        transaction.commit();
    return summary;
}

} // namespace chorus
