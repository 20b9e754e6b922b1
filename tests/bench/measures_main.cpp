// chorus-bench-measures: times the MeasureCalculator on a measure set for every period of two
// financial years (2024-25 and 2025-26: 8 quarters, 24 months, 4 halves, 2 years) against the
// floor: the plain SQL that gives the same counts (per month, question and option, responses
// per month and version, and distinct respondents for multiple-choice measures), run by the
// same SQLite on the same database. Prints the medians, their ratio and the peak memory.
#include "chorus/measures.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace chorus;
using Clock = std::chrono::steady_clock;

constexpr const char* usage =
    "usage: chorus-bench-measures --db FILE --set FILE [--runs N]\n"
    "  --db FILE   a database made by chorus-bench-generate\n"
    "  --set FILE  the measure set (tests/bench/bench-measures.json)\n"
    "  --runs N    timed runs of each side (default 5); the median is reported\n";

constexpr const char* first_day = "2024-04-01";
constexpr const char* last_day = "2026-03-31";

std::vector<Period> periods_of(Frequency frequency)
{
    std::vector<Period> periods;
    for (Period period = period_containing(first_day, frequency); period.first_day() <= last_day; period = period.next())
        periods.push_back(period);
    return periods;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// The floor's statements: what someone counting these measures by hand in sqlite3 would run.
std::vector<std::string> floor_statements(Store& store, const MeasureSet& set)
{
    auto& connection = store.connection();
    const std::string month_of = "substr(r.captured_at, 1, 7)";
    const std::string range = "r.captured_at >= '" + std::string(first_day) + "' AND r.captured_at < '2026-04-01'";
    std::set<std::string> instruments;
    for (const auto& measure : set.measures)
        instruments.insert(measure.instrument);
    std::vector<std::string> statements;
    for (const std::string& instrument : instruments) {
        std::vector<std::string> versions;
        auto rows = connection.prepare("SELECT id FROM instrument_version WHERE instrument = ?");
        rows.bind(1, instrument);
        while (rows.step())
            versions.push_back(std::to_string(rows.column_int64(0)));
        // One range per month keeps each GROUP BY small: faster than one GROUP BY over the
        // whole range, so the floor is the quickest plain SQL found, not a straw man.
        for (const Period& month : periods_of(Frequency::monthly)) {
            const std::string where = "r.instrument_version_id IN (" + joined(versions) + ") AND r.captured_at >= '"
                                    + month.first_day() + "' AND r.captured_at < '" + month.next().first_day() + "'";
            // Each response's chosen options are a JSON array in its row (docs/storage.md).
            statements.push_back("SELECT a.value, count(*) FROM response r, json_each(r.choices) a WHERE " + where
                                 + " GROUP BY 1");
            statements.push_back("SELECT r.instrument_version_id, count(*) FROM response r WHERE " + where
                                 + " GROUP BY 1");
        }
        const std::string where = "r.instrument_version_id IN (" + joined(versions) + ") AND " + range;
        for (const auto& measure : set.measures) {
            if (measure.instrument != instrument)
                continue;
            std::vector<std::string> keys, positive;
            for (const auto& key : measure.questions)
                keys.push_back(quoted(key));
            for (const auto& code : measure.positive)
                positive.push_back(quoted(code));
            const std::string questions = "SELECT q.id FROM question q WHERE q.instrument_version_id IN ("
                                        + joined(versions) + ") AND q.key IN (" + joined(keys) + ")";
            auto type = connection.prepare("SELECT count(*) FROM question q WHERE q.type = 'multiple_choice' AND q.id IN ("
                                           + questions + ")");
            type.step();
            if (type.column_int64(0) == 0)
                continue;
            statements.push_back("SELECT " + month_of + ", count(DISTINCT CASE WHEN c.code IN (" + joined(positive)
                                 + ") THEN r.id END), count(DISTINCT r.id) FROM response r "
                                   "JOIN json_each(r.choices) a JOIN choice c ON c.id = a.value "
                                   "WHERE " + where + " AND c.question_id IN (" + questions + ") GROUP BY 1");
        }
    }
    return statements;
}

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::string db, set_file;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i], value = argv[i + 1];
        if (option == "--db")
            db = value;
        else if (option == "--set")
            set_file = value;
        else if (option == "--runs")
            runs = std::max(1, std::stoi(value));
    }
    if (db.empty() || set_file.empty() || argc % 2 == 0) {
        std::cerr << usage;
        return 2;
    }
    try {
        Store store(db);
        const MeasureSet set = load_measure_set(set_file);
        MeasureCalculator calculator(store, set);
        std::vector<std::vector<Period>> periods;
        std::size_t figures_per_run = 0;
        for (const auto& measure : set.measures) {
            periods.push_back(periods_of(measure.frequency));
            figures_per_run += periods.back().size();
        }
        const std::vector<std::string> statements = floor_statements(store, set);

        std::vector<double> chorus_times, floor_times, floor_count_times;
        std::int64_t checksum = 0;
        for (int run = 0; run < runs; ++run) {
            auto start = Clock::now();
            const auto figures = calculator.figures(periods);
            chorus_times.push_back(seconds_since(start));
            checksum = 0;
            for (const auto& row : figures)
                for (const auto& figure : row)
                    checksum += figure.base + figure.positive;

            start = Clock::now();
            double distinct_seconds = 0;
            for (const std::string& statement : statements) {
                const auto statement_start = Clock::now();
                auto rows = store.connection().prepare(statement);
                while (rows.step()) {
                }
                if (statement.find("DISTINCT") != std::string::npos)
                    distinct_seconds += seconds_since(statement_start);
            }
            floor_times.push_back(seconds_since(start));
            floor_count_times.push_back(floor_times.back() - distinct_seconds);
        }
        rusage usage_now{};
        getrusage(RUSAGE_SELF, &usage_now);
        const double chorus = median(chorus_times), floor = median(floor_times);
        std::printf("measures: %zu, figures per run: %zu (checksum %lld)\n", set.measures.size(), figures_per_run,
                    static_cast<long long>(checksum));
        std::printf("chorus MeasureCalculator: median %.3f s over %d runs\n", chorus, runs);
        std::printf("floor (plain SQL, %zu statements): median %.3f s over %d runs\n", statements.size(), floor, runs);
        std::printf("  of which counts per month, question and option, and responses per month: median %.3f s\n",
                    median(floor_count_times));
        std::printf("ratio chorus / floor: %.2f (target 1.5 or less)\n", chorus / floor);
        std::printf("peak memory (RSS): %.1f MB (target under 200 MB)\n", static_cast<double>(usage_now.ru_maxrss) / 1024.0);
    } catch (const std::exception& error) {
        std::cerr << "chorus-bench-measures: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
