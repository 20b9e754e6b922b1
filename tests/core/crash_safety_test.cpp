// A writer process saving responses in a loop is killed with SIGKILL at random moments, 60
// times over one database. After every kill the file must pass SQLite's integrity and
// foreign key checks, every response the writer reported as saved must be there, whole,
// and nothing half-written may be there either.
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "child_process.hpp"
#include "test_support.hpp"
#include "writer_workload.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <thread>

using namespace chorus;
using namespace std::chrono_literals;

namespace {

struct Saved {
    long index;
    std::string uuid;
};

std::optional<Saved> parse_saved(const std::string& line)
{
    std::istringstream in(line);
    std::string word;
    Saved saved{};
    if (in >> word >> saved.index >> saved.uuid && word == "saved")
        return saved;
    return std::nullopt;
}

std::vector<std::string> column_of(sql::Connection& connection, const std::string& query)
{
    auto statement = connection.prepare(query);
    std::vector<std::string> rows;
    while (statement.step())
        rows.push_back(statement.column_text(0));
    return rows;
}

// The index a stored response was made from: its story starts "Response N:".
long workload_index(const Response& response)
{
    const auto& story = std::get<std::string>(response.answers.at("story"));
    return std::stol(story.substr(std::string("Response ").size()));
}

unsigned crash_seed()
{
    if (const char* seed = std::getenv("CHORUS_CRASH_SEED"))
        return static_cast<unsigned>(std::stoul(seed));
    return std::random_device{}();
}

} // namespace

TEST(CrashSafety, KilledWriterLeavesEverySavedResponseWholeAndTheFileIntact)
{
    const unsigned seed = crash_seed();
    SCOPED_TRACE("CHORUS_CRASH_SEED=" + std::to_string(seed) + " repeats this run");
    std::mt19937 random(seed);
    // Every other kill lands at a random moment from the start, so some hit the writer as it
    // opens and migrates; the rest land a random moment after its first save, so they hit it at
    // work however slowly it starts (under a sanitizer on a busy machine, 150 ms may not reach
    // the loop at all).
    std::uniform_int_distribution<int> kill_after_start_ms(0, 150);
    std::uniform_int_distribution<int> kill_after_first_save_ms(0, 50);

    test::TempDir dir;
    const auto file = dir / "killed.db";
    std::map<std::string, long> reported; // uuid -> index
    long next_index = 0;
    int kills_while_saving = 0;
    constexpr int kills = 60;
    for (int kill = 0; kill < kills; ++kill) {
        SCOPED_TRACE("kill " + std::to_string(kill + 1));
        test::ChildProcess writer({CHORUS_TEST_WRITER_PATH, "loop", file.string(), std::to_string(next_index)});
        std::vector<std::string> lines;
        const bool after_first_save = kill % 2 == 1;
        if (after_first_save) {
            auto first = writer.read_line(30s);
            ASSERT_TRUE(first) << "the writer saved nothing in 30 s";
            lines.push_back(*first);
        }
        const auto deadline = std::chrono::steady_clock::now()
                              + std::chrono::milliseconds(after_first_save ? kill_after_first_save_ms(random)
                                                                           : kill_after_start_ms(random));
        while (std::chrono::steady_clock::now() < deadline)
            if (auto line = writer.read_line(std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())))
                lines.push_back(*line);
        writer.kill(SIGKILL);
        for (std::string& line : writer.read_remaining_lines())
            lines.push_back(std::move(line));
        const int status = writer.wait();
        ASSERT_EQ(status, -SIGKILL) << "the writer ended by itself: " << writer.error_output();
        if (!lines.empty())
            ++kills_while_saving;
        for (const std::string& line : lines) {
            auto saved = parse_saved(line);
            ASSERT_TRUE(saved) << "unexpected output: " << line;
            reported[saved->uuid] = saved->index;
            next_index = std::max(next_index, saved->index + 1);
        }
        // Indexes of responses saved but killed before being reported are not reused either.
        next_index += 100;

        if (!std::filesystem::exists(file))
            continue; // killed before it created the file
        {
            sql::Connection check(file, sql::Connection::Mode::read_write);
            ASSERT_EQ(column_of(check, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
            ASSERT_TRUE(column_of(check, "PRAGMA foreign_key_check").empty());
        }
        Store store(file);
        for (const auto& [uuid, index] : reported) {
            auto found = store.find_response(uuid);
            ASSERT_TRUE(found) << "response " << index << " was reported saved and is missing";
            Response expected = test::workload_response(index, uuid);
            EXPECT_EQ(found->captured_at, expected.captured_at);
            EXPECT_EQ(found->team, expected.team);
            EXPECT_EQ(found->answers, expected.answers) << "response " << index << " is not whole";
        }
        // Saved but not yet reported when killed: still whole.
        for (const ResponseSummary& summary : store.list_responses({})) {
            if (reported.count(summary.uuid))
                continue;
            auto found = store.find_response(summary.uuid);
            ASSERT_TRUE(found);
            EXPECT_EQ(found->answers, test::workload_response(workload_index(*found), summary.uuid).answers);
        }
    }
    // Half the kills were made to hit a writer at work; a writer that reported nothing before
    // those would have failed above.
    EXPECT_GE(kills_while_saving, kills / 2);
    EXPECT_GE(reported.size(), 100u);
}
