// chorus-cli's retention, holds, purge and erase commands on the demo database, run as the
// real binary: deleting needs --yes, a dry run deletes nothing, and what goes is audited.
#include "chorus/store.hpp"
#include "cli_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace fs = std::filesystem;
using chorus::test::CliResult;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

class CliRetentionTest : public ::testing::Test {
protected:
    chorus::test::TempDir temp;
    fs::path database = temp / "demo.db";

    CliResult run(const std::vector<std::string>& arguments)
    {
        return chorus::test::run_on_database(CHORUS_CLI_PATH, arguments, database, temp.path());
    }

    void SetUp() override { ASSERT_EQ(run({"demo"}).status, 0); }

    std::int64_t responses()
    {
        chorus::Store store(database);
        return store.count_responses();
    }
};

} // namespace

TEST_F(CliRetentionTest, PurgeNeedsYesCountsInADryRunAndAuditsWhatItDeletes)
{
    auto set = run({"retention", "set", "responses", "--months", "24", "--reason", "schedule 4.2"});
    ASSERT_EQ(set.status, 0) << set;
    EXPECT_EQ(set.out, "responses are kept for 24 months\n");
    auto listed = run({"retention", "list"});
    EXPECT_TRUE(contains(listed.out, "24 months")) << listed;
    EXPECT_TRUE(contains(listed.out, "until deleted")) << listed;

    const auto before = responses();
    auto unconfirmed = run({"purge", "--reason", "quarterly", "--today", "2026-10-01"});
    EXPECT_EQ(unconfirmed.status, 2) << unconfirmed;
    EXPECT_TRUE(contains(unconfirmed.err, "cannot be undone")) << unconfirmed;
    auto dry = run({"purge", "--dry-run", "--today", "2026-10-01"});
    ASSERT_EQ(dry.status, 0) << dry;
    EXPECT_TRUE(contains(dry.out, "would delete")) << dry;
    EXPECT_TRUE(contains(dry.out, "(older than 2024-10-01)")) << dry;
    EXPECT_EQ(responses(), before) << "a dry run deletes nothing";

    auto purged = run({"purge", "--yes", "--reason", "quarterly", "--today", "2026-10-01"});
    ASSERT_EQ(purged.status, 0) << purged;
    EXPECT_TRUE(contains(purged.out, "deleted ")) << purged;
    const auto after = responses();
    EXPECT_LT(after, before);
    EXPECT_GT(after, 0);
    chorus::Store store(database);
    const auto log = store.audit_log(100000);
    const auto deletions = std::count_if(log.begin(), log.end(), [](const chorus::AuditEntry& e) {
        return e.action == "response.purge";
    });
    EXPECT_EQ(deletions, before - after);
    EXPECT_EQ(log.front().action, "purge");
    EXPECT_EQ(log.front().reason, "quarterly");
}

TEST_F(CliRetentionTest, AHeldComplaintIsKeptAndAReferenceErasesOneComplainantsComplaints)
{
    auto listed = run({"complaints", "list", "--format", "json", "--today", "2026-03-31"});
    ASSERT_EQ(listed.status, 0) << listed;
    auto complaints = nlohmann::json::parse(listed.out)["complaints"];
    ASSERT_FALSE(complaints.empty());
    const std::string uuid = complaints.front()["uuid"];
    auto held = run({"holds", "place", "complaint", uuid, "--reason", "ombudsman enquiry"});
    ASSERT_EQ(held.status, 0) << held;
    auto holds = run({"holds", "list"});
    EXPECT_TRUE(contains(holds.out, uuid)) << holds;

    auto refused = run({"erase", "complaints", uuid, "--yes", "--reason", "request 7"});
    EXPECT_EQ(refused.status, 1) << refused;
    EXPECT_TRUE(contains(refused.err, "legal hold")) << refused;

    auto released = run({"holds", "release", "complaint", uuid, "--reason", "enquiry closed"});
    ASSERT_EQ(released.status, 0) << released;
    auto dry = run({"erase", "complaints", uuid, "--dry-run"});
    EXPECT_TRUE(contains(dry.out, "would erase 1 complaint")) << dry;
    auto erased = run({"erase", "complaints", uuid, "--yes", "--reason", "request 7"});
    ASSERT_EQ(erased.status, 0) << erased;
    auto shown = run({"complaints", "show", uuid});
    EXPECT_EQ(shown.status, 1) << shown;
}
