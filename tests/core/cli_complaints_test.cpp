// chorus-cli's complaints, compliments and closure-days commands, run as the real binary
// with the real complaints plugin, which chorus-cli finds in the build tree's plugin folder
// (<build>/lib/chorus/plugins) exactly as an installed chorus-cli finds it. Dates are checked
// against the real calendar of England and Wales.
#include "cli_support.hpp"
#include "test_support.hpp"

#include "chorus/store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::test::CliResult;
using chorus::test::TempDir;
using Json = nlohmann::json;

constexpr const char* reference = "CMP-TEST-7";
constexpr const char* point_text = "Visits were cancelled without notice";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

class CliComplaintsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
#if defined(_WIN32)
        GTEST_SKIP() << "the chorus-cli tests run the binary with posix_spawn";
#endif
    }

    // chorus-cli with --db <temp>/test.db; no CHORUS_PLUGIN_PATH, so only the plugins built
    // with it load.
    CliResult run(const std::vector<std::string>& arguments, const fs::path& program = CHORUS_CLI_PATH)
    {
        return chorus::test::run_on_database(program, arguments, database, temp.path());
    }

    // A statutory complaint received on Friday 20 December 2024: stage 1 is due on
    // Wednesday 8 January 2025 (skipping Christmas Day, Boxing Day and New Year's Day).
    void add_christmas_complaint()
    {
        auto added = run({"complaints", "add", "--received", "20/12/2024", "--complainant-type", "parent",
                          "--service-area", "children_in_need", "--point", point_text, "--point",
                          "Letters arrived late", "--theme", "delay", "--reference", reference});
        ASSERT_EQ(added.status, 0) << added;
        ASSERT_TRUE(contains(added.out, "recorded complaint ")) << added;
        uuid = added.out.substr(std::string("recorded complaint ").size(), 36);
        EXPECT_TRUE(contains(added.out, "Response to the complainant due 2025-01-08 (Stage 1: local resolution)"))
            << added;
    }

    Json register_json(const std::string& today, std::vector<std::string> extra = {})
    {
        std::vector<std::string> arguments{"complaints", "list", "--format", "json", "--today", today};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        auto listed = run(arguments);
        EXPECT_EQ(listed.status, 0) << listed;
        return Json::parse(listed.out);
    }

    std::vector<chorus::AuditEntry> audit_log()
    {
        chorus::Store store(database);
        return store.audit_log(1000);
    }

    TempDir temp;
    fs::path database = temp / "test.db";
    std::string uuid;
};

TEST_F(CliComplaintsTest, AddedComplaintShowsItsDueDateAndWorkingDaysLeft)
{
    add_christmas_complaint();

    auto table = run({"complaints", "list", "--today", "2025-01-06"});
    ASSERT_EQ(table.status, 0) << table;
    EXPECT_TRUE(contains(table.out, "As at 2025-01-06: 1 complaint, 1 open, 0 overdue.")) << table;
    EXPECT_TRUE(contains(table.out, reference)) << table;
    EXPECT_TRUE(contains(table.out, "2025-01-08  2 working days left")) << table;
    EXPECT_TRUE(contains(table.out, "Stage 1")) << table;
    EXPECT_TRUE(contains(table.out, "not decided")) << table;

    const auto json = register_json("2025-01-06");
    ASSERT_EQ(json["complaints"].size(), 1U);
    const auto& entry = json["complaints"][0];
    EXPECT_EQ(entry["uuid"], uuid);
    EXPECT_EQ(entry["reference"], reference);
    EXPECT_EQ(entry["received"], "2024-12-20");
    EXPECT_EQ(entry["stage"], "stage1");
    EXPECT_EQ(entry["next_due"], "2025-01-08");
    EXPECT_EQ(entry["working_days_left"], 2);
    EXPECT_EQ(entry["overdue"], false);
    EXPECT_EQ(entry["open"], true);
    EXPECT_EQ(entry["points"], 2);

    // On the due day itself, and from Friday 27 December (a working day): 30, 31 December, 2, 3, 6, 7, 8 January.
    EXPECT_EQ(register_json("2025-01-08")["complaints"][0]["status"], "due today");
    EXPECT_EQ(register_json("2024-12-27")["complaints"][0]["working_days_left"], 7);
}

TEST_F(CliComplaintsTest, TodayOptionShowsOverdueComplaintsPlainly)
{
    add_christmas_complaint();
    auto table = run({"complaints", "list", "--open", "--today", "2025-01-10"});
    ASSERT_EQ(table.status, 0) << table;
    EXPECT_TRUE(contains(table.out, "As at 2025-01-10: 1 complaint, 1 open, 1 overdue.")) << table;
    EXPECT_TRUE(contains(table.out, "OVERDUE by 2 working days")) << table;

    const auto entry = register_json("2025-01-10")["complaints"][0];
    EXPECT_EQ(entry["overdue"], true);
    EXPECT_EQ(entry["working_days_left"], -2);

    auto shown = run({"complaints", "show", reference, "--today", "2025-01-10"});
    ASSERT_EQ(shown.status, 0) << shown;
    EXPECT_TRUE(contains(shown.out, "Response to the complainant: due 2025-01-08: OVERDUE by 2 working days"))
        << shown;
}

TEST_F(CliComplaintsTest, EscalationIsRefusedUntilStageOneRespondedThenAllowed)
{
    add_christmas_complaint();

    auto early = run({"complaints", "escalate", reference, "--date", "2025-01-06"});
    EXPECT_EQ(early.status, 1) << early;
    EXPECT_TRUE(contains(early.err, "chorus-cli: complaint " + uuid + " cannot be escalated: ")) << early;
    EXPECT_TRUE(contains(early.err, "2025-01-08")) << early;
    EXPECT_FALSE(contains(early.err, reference)) << "no case reference on stderr\n" << early;
    EXPECT_EQ(register_json("2025-01-06")["complaints"][0]["stage"], "stage1") << "nothing changed";

    auto responded = run({"complaints", "respond", uuid.substr(0, 8), "--date", "2025-01-07"});
    ASSERT_EQ(responded.status, 0) << responded;
    EXPECT_TRUE(contains(responded.out, "Response to the complainant on 2025-01-07 (in time: due 2025-01-08)"))
        << responded;

    auto escalated = run({"complaints", "escalate", reference, "--date", "2025-01-13"});
    ASSERT_EQ(escalated.status, 0) << escalated;
    EXPECT_TRUE(contains(escalated.out, "moved to Stage 2: investigation on 2025-01-13")) << escalated;
    // 25 working days from Monday 13 January 2025.
    EXPECT_TRUE(contains(escalated.out, "due 2025-02-17 (Stage 2: investigation)")) << escalated;

    auto shown = run({"complaints", "show", uuid, "--today", "2025-01-20"});
    ASSERT_EQ(shown.status, 0) << shown;
    EXPECT_TRUE(contains(shown.out, "Stage 1: local resolution, started 2024-12-20\n"
                                    "    Response to the complainant: due 2025-01-08, done 2025-01-07\n"))
        << shown;
    EXPECT_TRUE(contains(shown.out, "Stage 2: investigation, started 2025-01-13 (current)")) << shown;
    EXPECT_TRUE(contains(shown.out, "due 2025-02-17: 20 working days left")) << shown;

    // Stage 2 extended: 65 working days (13 weeks, no bank holiday before Easter) instead of 25.
    auto extended = run({"complaints", "extend", reference, "--reason", "Several agencies involved"});
    ASSERT_EQ(extended.status, 0) << extended;
    EXPECT_TRUE(contains(extended.out, "due 2025-04-14 (Stage 2: investigation)")) << extended;
}

TEST_F(CliComplaintsTest, OutcomesAndLearningActionsAreRecorded)
{
    add_christmas_complaint();
    auto recorded = run({"complaints", "outcome", reference, "--point", "1", "--outcome", "upheld"});
    ASSERT_EQ(recorded.status, 0) << recorded;
    EXPECT_TRUE(contains(recorded.out, "point 1: Upheld at Stage 1: local resolution")) << recorded;

    auto missing = run({"complaints", "outcome", reference, "--point", "3", "--outcome", "upheld"});
    EXPECT_EQ(missing.status, 1) << missing;
    EXPECT_TRUE(contains(missing.err, "there is no point 3 (it has 2)")) << missing;

    auto learning = run({"complaints", "learning", reference, "--action", "Confirm visit changes in writing",
                         "--owner", "Team manager", "--due", "2025-03-31"});
    ASSERT_EQ(learning.status, 0) << learning;

    const auto entry = register_json("2025-01-06")["complaints"][0];
    EXPECT_EQ(entry["points_decided"], 1);
    EXPECT_EQ(entry["outcome"], "1 of 2 decided");
    EXPECT_EQ(entry["outcomes"], Json({{"upheld", 1}}));

    auto shown = run({"complaints", "show", reference, "--today", "2025-01-06"});
    ASSERT_EQ(shown.status, 0) << shown;
    EXPECT_TRUE(contains(shown.out, std::string("1. ") + point_text +
                                        "\n     outcome: Upheld at Stage 1: local resolution\n"))
        << shown;
    EXPECT_TRUE(contains(shown.out, "2. Letters arrived late\n     outcome: not decided\n")) << shown;
    EXPECT_TRUE(contains(shown.out, "1. Confirm visit changes in writing\n"
                                    "     owner: Team manager; due 2025-03-31; open"))
        << shown;
    EXPECT_TRUE(contains(shown.out, "themes:            Delay")) << shown;

    // The audit log names the complaint by uuid only: no reference, no free text.
    const auto audit = audit_log();
    ASSERT_GE(audit.size(), 3U);
    for (const auto& row : audit) {
        const std::string text = row.action + " " + row.entity + " " + row.detail;
        EXPECT_FALSE(contains(text, reference)) << text;
        EXPECT_FALSE(contains(text, point_text)) << text;
        EXPECT_FALSE(contains(text, "Confirm visit changes")) << text;
    }
}

TEST_F(CliComplaintsTest, UnknownCodesAreListedWithTheValidOnesAndNothingIsSaved)
{
    auto refused = run({"complaints", "add", "--received", "2025-01-06", "--complainant-type", "mum",
                        "--service-area", "children_in_need", "--point", point_text, "--theme",
                        "Delays in writing to Ms Example"});
    EXPECT_EQ(refused.status, 1) << refused;
    EXPECT_TRUE(contains(refused.err, "chorus-cli: the new complaint cannot be saved\n")) << refused;
    EXPECT_TRUE(contains(refused.err, "  --complainant-type: \"mum\" is not a known code; use one of parent, "
                                      "carer, young_person, child, care_leaver, grandparent, foster_carer, "
                                      "advocate, other_family, professional, other\n"))
        << refused;
    EXPECT_TRUE(contains(refused.err, "  --theme: the value given is not a known code; use one of communication,"))
        << refused;
    EXPECT_FALSE(contains(refused.err, "Ms Example")) << "free text is never repeated\n" << refused;
    EXPECT_TRUE(register_json("2025-01-06")["complaints"].empty());

    auto outcome = run({"compliments", "add", "--received", "2025-01-06", "--source", "neighbour"});
    EXPECT_EQ(outcome.status, 1) << outcome;
    EXPECT_TRUE(contains(outcome.err, "--source: \"neighbour\" is not a known code; use one of parent,")) << outcome;

    auto bad_date = run({"complaints", "list", "--today", "2025-02-30"});
    EXPECT_EQ(bad_date.status, 2) << bad_date;
    EXPECT_TRUE(contains(bad_date.err, "--today: expected a date (YYYY-MM-DD or DD/MM/YYYY), got \"2025-02-30\""))
        << bad_date;
    auto no_point = run({"complaints", "add", "--received", "2025-01-06", "--complainant-type", "parent",
                         "--service-area", "children_in_need"});
    EXPECT_EQ(no_point.status, 2) << no_point;
    auto unknown = run({"complaints", "show", "NO-SUCH-REF"});
    EXPECT_EQ(unknown.status, 1) << unknown;
    EXPECT_FALSE(contains(unknown.err, "NO-SUCH-REF")) << unknown;
}

TEST_F(CliComplaintsTest, ClosureDayMovesTheDueDate)
{
    add_christmas_complaint();
    auto added = run(
        {"closure-days", "add", "27/12/2024", "--reason", "Offices closed between Christmas and New Year"});
    ASSERT_EQ(added.status, 0) << added;
    EXPECT_TRUE(contains(added.out, "added closure day 2024-12-27 (Friday)")) << added;
    EXPECT_EQ(register_json("2025-01-06")["complaints"][0]["next_due"], "2025-01-09");

    auto listed = run({"closure-days", "list"});
    ASSERT_EQ(listed.status, 0) << listed;
    EXPECT_TRUE(contains(listed.out, "2024-12-27  Friday  Offices closed between Christmas and New Year  tester"))
        << listed;

    auto bank_holiday = run({"closure-days", "add", "2024-12-25", "--reason", "Christmas"});
    ASSERT_EQ(bank_holiday.status, 0) << bank_holiday;
    EXPECT_TRUE(contains(bank_holiday.out, "2024-12-25 is a bank holiday")) << bank_holiday;

    ASSERT_EQ(run({"closure-days", "remove", "2024-12-27"}).status, 0);
    EXPECT_EQ(register_json("2025-01-06")["complaints"][0]["next_due"], "2025-01-08");
    auto again = run({"closure-days", "remove", "2024-12-27"});
    EXPECT_EQ(again.status, 1) << again;
}

TEST_F(CliComplaintsTest, ComplimentsAreAddedAndListed)
{
    auto added = run({"compliments", "add", "--received", "2025-02-03", "--source", "foster_carer",
                      "--service-area", "fostering", "--summary", "Thanked the team for support over the summer"});
    ASSERT_EQ(added.status, 0) << added;
    EXPECT_TRUE(contains(added.out, "recorded compliment ")) << added;
    auto listed = run({"compliments", "list", "--from", "2025-02-01"});
    ASSERT_EQ(listed.status, 0) << listed;
    EXPECT_TRUE(contains(listed.out, "1 compliment.")) << listed;
    EXPECT_TRUE(contains(listed.out, "2025-02-03  foster_carer  fostering")) << listed;
    auto none = run({"compliments", "list", "--to", "2025-01-31", "--format", "json"});
    ASSERT_EQ(none.status, 0) << none;
    EXPECT_TRUE(Json::parse(none.out).empty()) << none;
}

TEST_F(CliComplaintsTest, DemoRegisterShowsItsOpenAndOverdueComplaints)
{
    ASSERT_EQ(run({"demo"}).status, 0);
    const auto json = register_json("2026-03-31", {"--open"});
    const auto& entries = json["complaints"];
    ASSERT_FALSE(entries.empty());
    std::size_t overdue = 0;
    for (const auto& entry : entries) {
        EXPECT_EQ(entry["open"], true) << entry;
        overdue += entry["overdue"].get<bool>() ? 1 : 0;
    }
    EXPECT_GT(overdue, 0U) << "the demo has overdue complaints on 2026-03-31";
    EXPECT_LT(overdue, entries.size()) << "and some in time";

    auto table = run({"complaints", "list", "--open", "--today", "2026-03-31"});
    ASSERT_EQ(table.status, 0) << table;
    EXPECT_TRUE(contains(table.out, "As at 2026-03-31: " + std::to_string(entries.size()) + " complaints, " +
                                        std::to_string(entries.size()) + " open, " + std::to_string(overdue) +
                                        " overdue."))
        << table;
    EXPECT_TRUE(contains(table.out, "OVERDUE by ")) << table;
    EXPECT_TRUE(contains(table.out, "working days left")) << table;
    EXPECT_TRUE(contains(table.out, entries[0]["reference"].get<std::string>())) << table;

    auto everything = run({"complaints", "list", "--today", "2026-03-31"});
    ASSERT_EQ(everything.status, 0) << everything;
    EXPECT_LE(chorus::test::widest_line(everything.out), 100U) << "fits a 100-column terminal\n" << everything;
    EXPECT_TRUE(contains(everything.out, "closed")) << everything;
}

TEST_F(CliComplaintsTest, WithoutTheComplaintsPluginTheCommandsSaySo)
{
    const fs::path program = chorus::test::install_without_plugins(CHORUS_CLI_PATH, temp / "install");

    auto listed = run({"complaints", "list"}, program);
    EXPECT_EQ(listed.status, 1) << listed;
    EXPECT_TRUE(contains(listed.err, "chorus-cli: the complaints plugin is not loaded: no plugin offers a "
                                     "complaints procedure\n  no plugin folder was found"))
        << listed;
    EXPECT_FALSE(fs::exists(database)) << "the database is not opened";

    auto closure = run({"closure-days", "list"}, program);
    EXPECT_EQ(closure.status, 0) << "closure days need no plugin\n" << closure;
}

} // namespace
