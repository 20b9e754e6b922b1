// chorus-bench-generate: the benchmark data. Writes N responses to the benchmark survey
// into a new Chorus database (through Store::BulkWriter, as an import does) and/or into a
// CSV file that `chorus-cli responses import FILE --instrument bench-family-feedback` accepts.
#include "bench_instrument_texts.hpp"
#include "bench_responses.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace chorus;

constexpr const char* usage =
    "usage: chorus-bench-generate [--responses N] [--db FILE] [--csv FILE] [--seed N]\n"
    "  --responses N  how many responses (default 1000000)\n"
    "  --db FILE      write them into this new Chorus database (refused if the file exists)\n"
    "  --csv FILE     write them as CSV for `chorus-cli responses import` (replaced if it exists)\n"
    "  --seed N       the random seed (default 20240401): the same seed gives the same data\n"
    "At least one of --db and --csv is needed.\n";

struct Options {
    std::uint64_t responses = 1'000'000;
    std::optional<fs::path> db;
    std::optional<fs::path> csv;
    std::uint32_t seed = 20240401;
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::uint64_t number(std::string_view option, const std::string& text, std::uint64_t max)
{
    std::size_t end = 0;
    std::uint64_t value = 0;
    try {
        value = std::stoull(text, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    if (end != text.size() || text.empty() || text.front() == '-' || value > max)
        throw UsageError(std::string(option) + ": expected a whole number up to " + std::to_string(max) +
                         ", got \"" + text + "\"");
    return value;
}

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::cout << usage;
            std::exit(0);
        }
        if (i + 1 >= argc)
            throw UsageError(std::string(option) + ": unknown option or missing value");
        const std::string value = argv[++i];
        if (option == "--responses")
            options.responses = number(option, value, 100'000'000);
        else if (option == "--db")
            options.db = value;
        else if (option == "--csv")
            options.csv = value;
        else if (option == "--seed")
            options.seed = static_cast<std::uint32_t>(number(option, value, UINT32_MAX));
        else
            throw UsageError(std::string(option) + ": unknown option");
    }
    if (!options.db && !options.csv)
        throw UsageError("give --db FILE, --csv FILE or both");
    if (options.db && fs::exists(*options.db))
        throw UsageError(options.db->string() + ": already exists; the generator writes a new database");
    return options;
}

// RFC 4180: quoted when it holds a separator, a quote or a line break.
std::string csv_field(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    return quoted + '"';
}

std::string csv_answer(const Answer& answer)
{
    if (auto codes = std::get_if<std::vector<std::string>>(&answer)) {
        std::string joined;
        for (const auto& code : *codes)
            joined += (joined.empty() ? "" : ";") + code;
        return joined;
    }
    return csv_field(std::get<std::string>(answer)); // the survey has only codes and text
}

class CsvWriter {
public:
    CsvWriter(const fs::path& file, const Instrument& instrument) : out_(file, std::ios::binary), instrument_(instrument)
    {
        if (!out_)
            throw std::runtime_error(file.string() + ": cannot be written");
        out_ << "uuid,captured_at,captured_by,team,respondent_type";
        for (const auto& question : instrument.questions)
            out_ << ',' << question.key;
        out_ << '\n';
    }

    void write(const Response& response)
    {
        line_ = response.uuid + ',' + response.captured_at + ',' + csv_field(response.captured_by) + ',' +
                csv_field(response.team) + ',' + response.respondent_type;
        for (const auto& question : instrument_.questions) {
            line_ += ',';
            if (auto it = response.answers.find(question.key); it != response.answers.end())
                line_ += csv_answer(it->second);
        }
        line_ += '\n';
        out_ << line_;
    }

    void close(const fs::path& file)
    {
        out_.close();
        if (!out_)
            throw std::runtime_error(file.string() + ": writing failed (is the disk full?)");
    }

private:
    std::ofstream out_;
    const Instrument& instrument_;
    std::string line_;
};

Instrument bench_instrument()
{
    const auto& text = embedded::bench_instrument_texts().front();
    return parse_instrument(text.text, std::string(text.name));
}

void report(std::uint64_t done, std::uint64_t total, std::chrono::steady_clock::time_point start)
{
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::fprintf(stderr, "chorus-bench-generate: %llu of %llu responses (%.1f s)\n",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), elapsed.count());
}

void generate(const Options& options)
{
    const Instrument instrument = bench_instrument();
    std::optional<Store> store;
    std::optional<Store::BulkWriter> writer;
    if (options.db) {
        store.emplace(*options.db);
        store->add_instrument(instrument, "chorus-bench");
        writer.emplace(*store, instrument.id, instrument.version);
        writer->expect(options.responses);
    }
    std::optional<CsvWriter> csv;
    if (options.csv)
        csv.emplace(*options.csv, instrument);

    bench::ResponseMaker maker(instrument, options.seed);
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t report_every = std::max<std::uint64_t>(options.responses / 10, 1);
    for (std::uint64_t i = 0; i < options.responses; ++i) {
        const Response response = maker.next();
        if (writer) {
            if (auto problems = writer->add(response); !problems.empty())
                throw InvalidResponse("generated response " + response.uuid, std::move(problems));
        }
        if (csv)
            csv->write(response);
        if ((i + 1) % report_every == 0)
            report(i + 1, options.responses, start);
    }
    if (csv)
        csv->close(*options.csv);
    if (writer) {
        std::fprintf(stderr, "chorus-bench-generate: committing %s\n", options.db->string().c_str());
        writer->commit("chorus-bench", "chorus-bench-generate");
    }
    report(options.responses, options.responses, start);
}

} // namespace

int main(int argc, char** argv)
{
    try {
        generate(parse(argc, argv));
        return 0;
    } catch (const UsageError& error) {
        std::cerr << "chorus-bench-generate: " << error.what() << '\n' << usage;
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "chorus-bench-generate: " << error.what() << '\n';
        return 1;
    }
}
