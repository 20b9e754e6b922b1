#include "chorus/demo.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

using namespace chorus;

namespace {

std::vector<std::string> uuids(Store& store)
{
    std::vector<std::string> result;
    for (const ResponseSummary& summary : store.list_responses())
        result.push_back(summary.uuid);
    return result;
}

struct TopTwo {
    int positive = 0;
    int valid = 0;
    double share() const { return valid == 0 ? 0.0 : static_cast<double>(positive) / valid; }
};

} // namespace

TEST(Demo, InstrumentsAreTheThreeAndValid)
{
    const std::vector<Instrument> instruments = demo_instruments();
    ASSERT_EQ(instruments.size(), 3u);
    std::set<std::string> ids;
    for (const Instrument& instrument : instruments) {
        ids.insert(instrument.id);
        EXPECT_EQ(instrument.version, 1);
        EXPECT_FALSE(instrument.title.empty());
        const auto problems = validate_instrument(instrument, instrument.id);
        for (const DefinitionProblem& problem : problems)
            ADD_FAILURE() << problem.to_string();
    }
    EXPECT_EQ(ids, (std::set<std::string>{"cin-family-feedback", "young-peoples-views-8-11",
                                          "practitioner-survey"}));

    const Instrument& cin = instruments[0];
    ASSERT_EQ(cin.id, "cin-family-feedback");
    EXPECT_EQ(cin.plugin, "family_feedback");
    const Question* plan_helped = cin.find_question("plan_helped");
    ASSERT_NE(plan_helped, nullptr);
    EXPECT_NE(plan_helped->find_option("na"), nullptr);
    EXPECT_NE(plan_helped->find_option("strongly_agree"), nullptr);
}

TEST(Demo, SeedsOnceWithRealisticVolumes)
{
    test::TempDir tmp;
    Store store(tmp / "demo.db");
    const DemoSummary first = seed_demo(store, "tester");
    EXPECT_TRUE(first.seeded_now);
    EXPECT_EQ(first.instruments, 3u);
    EXPECT_GE(first.responses, 700);
    EXPECT_LE(first.responses, 1000);
    EXPECT_EQ(first.responses, store.count_responses());
    EXPECT_GE(store.count_responses("cin-family-feedback"), 350);
    EXPECT_GE(store.count_responses("young-peoples-views-8-11"), 200);
    EXPECT_GE(store.count_responses("practitioner-survey"), 140);

    const DemoSummary second = seed_demo(store, "tester");
    EXPECT_FALSE(second.seeded_now);
    EXPECT_EQ(second.instruments, 3u);
    EXPECT_EQ(second.responses, first.responses);
    EXPECT_EQ(store.count_responses(), first.responses);
    EXPECT_EQ(store.list_instruments().size(), 3u);
}

TEST(Demo, IsDeterministic)
{
    test::TempDir tmp;
    Store a(tmp / "a.db");
    Store b(tmp / "b.db");
    seed_demo(a, "tester");
    seed_demo(b, "tester");
    const auto first = uuids(a);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first, uuids(b));
    const auto response_a = a.find_response(first.front());
    const auto response_b = b.find_response(first.front());
    ASSERT_TRUE(response_a && response_b);
    EXPECT_EQ(response_a->captured_at, response_b->captured_at);
    EXPECT_EQ(response_a->answers, response_b->answers);
}

TEST(Demo, ListenedImprovesAndDatesAreInRange)
{
    test::TempDir tmp;
    Store store(tmp / "demo.db");
    seed_demo(store, "tester");

    TopTwo first_quarter;
    TopTwo last_quarter;
    std::set<std::string> uuids_seen;
    for (const ResponseSummary& summary : store.list_responses()) {
        EXPECT_TRUE(uuids_seen.insert(summary.uuid).second) << summary.uuid;
        EXPECT_GE(summary.captured_at, "2024-04-01T00:00:00Z") << summary.uuid;
        EXPECT_LE(summary.captured_at, "2026-03-31T23:59:59Z") << summary.uuid;
        if (summary.instrument_id != "cin-family-feedback")
            continue;
        TopTwo* quarter = summary.captured_at < "2024-07-01"   ? &first_quarter
                          : summary.captured_at >= "2026-01-01" ? &last_quarter
                                                                : nullptr;
        if (quarter == nullptr)
            continue;
        const auto response = store.find_response(summary.uuid);
        ASSERT_TRUE(response);
        const auto found = response->answers.find("listened");
        ASSERT_NE(found, response->answers.end()); // required
        const auto* code = std::get_if<std::string>(&found->second);
        ASSERT_NE(code, nullptr);
        if (*code == "na")
            continue;
        ++quarter->valid;
        if (*code == "agree" || *code == "strongly_agree")
            ++quarter->positive;
        // The follow-up is only ever answered when listening went badly.
        if (response->answers.count("listened_better")) {
            EXPECT_TRUE(*code == "disagree" || *code == "strongly_disagree") << summary.uuid;
        }
    }
    EXPECT_GE(first_quarter.valid, 30);
    EXPECT_GE(last_quarter.valid, 30);
    EXPECT_GT(last_quarter.share(), first_quarter.share());
}

TEST(Demo, InterruptedSeedCompletesTheRest)
{
    test::TempDir dir;
    Store store(dir / "partial.db");
    // As if a first seed stopped after the first instrument: its responses stay, the rest arrive.
    const std::vector<Instrument> instruments = demo_instruments();
    store.add_instrument(instruments.front(), "tester");
    Response response;
    response.uuid = "00000000-0000-4000-8000-000000000001";
    response.instrument_id = instruments.front().id;
    response.instrument_version = instruments.front().version;
    response.captured_at = "2025-01-06T10:00:00Z";
    for (const Question& question : instruments.front().questions)
        if (question.required)
            response.answers[question.key] = question.options.front().code;
    store.add_response(response, "tester");

    const DemoSummary summary = seed_demo(store, "tester");
    EXPECT_TRUE(summary.seeded_now);
    EXPECT_EQ(store.count_responses(instruments.front().id), 1) << "an instrument with responses is left alone";
    for (std::size_t i = 1; i < instruments.size(); ++i)
        EXPECT_GT(store.count_responses(instruments[i].id), 100) << instruments[i].id;
    EXPECT_FALSE(seed_demo(store, "tester").seeded_now);
}

namespace {

std::chrono::sys_days day_of(const std::string& date)
{
    using namespace std::chrono;
    return sys_days{year_month_day{year{std::stoi(date.substr(0, 4))},
                                   month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                                   day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}}};
}

// Weekdays after `from` up to and including `to` (bank holidays aside).
int weekdays_between(const std::string& from, const std::string& to)
{
    using namespace std::chrono;
    int count = 0;
    for (sys_days day = day_of(from) + days{1}; day <= day_of(to); day += days{1})
        if (weekday{day} != Saturday && weekday{day} != Sunday)
            ++count;
    return count;
}

} // namespace

TEST(DemoComplaints, AreDeterministicCompleteAndInThePeriod)
{
    const auto complaints = demo_complaints();
    EXPECT_EQ(complaints, demo_complaints());
    EXPECT_EQ(demo_compliments(), demo_compliments());
    EXPECT_EQ(demo_today(), "2026-03-31");
    ASSERT_GE(complaints.size(), 55u);
    ASSERT_LE(complaints.size(), 65u);
    std::set<std::string> uuids;
    std::set<std::string> references;
    for (const Complaint& complaint : complaints) {
        for (const std::string& problem : complaint_problems(complaint))
            ADD_FAILURE() << complaint.reference << ": " << problem;
        EXPECT_TRUE(uuids.insert(complaint.uuid).second) << complaint.uuid;
        EXPECT_TRUE(references.insert(complaint.reference).second) << complaint.reference;
        EXPECT_GE(complaint.received, "2024-04-01") << complaint.reference;
        EXPECT_LE(complaint.received, demo_today()) << complaint.reference;
        EXPECT_LE(complaint.became_aware, complaint.received) << complaint.reference;
        for (const ComplaintStage& stage : complaint.stages) {
            EXPECT_LE(stage.started, demo_today()) << complaint.reference;
            for (const auto& [milestone, date] : stage.milestones) {
                EXPECT_GE(date, stage.started) << complaint.reference << " " << milestone;
                EXPECT_LE(date, demo_today()) << complaint.reference << " " << milestone;
            }
        }
        for (const LearningAction& action : complaint.learning)
            EXPECT_TRUE(action.completed.empty() || action.completed <= demo_today()) << complaint.reference;
    }
    const auto compliments = demo_compliments();
    EXPECT_GE(compliments.size(), 75u);
    EXPECT_LE(compliments.size(), 85u);
    std::set<std::string> sources;
    for (const Compliment& compliment : compliments) {
        EXPECT_TRUE(compliment_problems(compliment).empty()) << compliment.uuid;
        EXPECT_GE(compliment.received, "2024-04-01");
        EXPECT_LE(compliment.received, demo_today());
        EXPECT_FALSE(compliment.summary.empty());
        sources.insert(compliment.source_type);
    }
    EXPECT_GE(sources.size(), 6u);
}

TEST(DemoComplaints, TellTheStoryOfARealYear)
{
    int stage1_only = 0, stage1_in_time = 0, stage1_late = 0, reached_stage2 = 0, reached_stage3 = 0,
        ombudsman = 0, open = 0, overdue = 0, corporate = 0, late_requests = 0, with_learning = 0;
    std::set<std::string> themes, complainants, outcomes, areas;
    for (const Complaint& complaint : demo_complaints()) {
        const ComplaintStage& first = complaint.stages.front();
        ASSERT_EQ(first.stage, "stage1");
        EXPECT_EQ(first.started, complaint.received);
        const auto responded = first.milestones.find("responded");
        if (responded != first.milestones.end()) {
            const int taken = weekdays_between(first.started, responded->second);
            (taken <= (first.extended ? 20 : 10) ? stage1_in_time : stage1_late)++;
        }
        const ComplaintStage& current = complaint.stages.back();
        stage1_only += complaint.stages.size() == 1 ? 1 : 0;
        reached_stage2 += complaint.stages.size() >= 2 ? 1 : 0;
        reached_stage3 += complaint.stages.size() >= 3 ? 1 : 0;
        ombudsman += current.stage == "ombudsman" ? 1 : 0;
        if (current.stage != "ombudsman" && !current.milestones.count("responded")) {
            ++open;
            const int allowed = current.stage == "stage1" ? (current.extended ? 20 : 10) : 25;
            overdue += weekdays_between(current.started, demo_today()) > allowed ? 1 : 0;
            for (const ComplaintPoint& point : complaint.points)
                EXPECT_NE(point.outcome_stage, current.stage) << complaint.reference;
        } else {
            for (const ComplaintPoint& point : complaint.points)
                EXPECT_FALSE(point.outcome.empty()) << complaint.reference;
        }
        corporate += complaint.procedure == "corporate" ? 1 : 0;
        late_requests += day_of(complaint.received) - day_of(complaint.became_aware) > std::chrono::days{365} ? 1 : 0;
        with_learning += complaint.learning.empty() ? 0 : 1;
        themes.insert(complaint.themes.begin(), complaint.themes.end());
        complainants.insert(complaint.complainant_type);
        areas.insert(complaint.service_area);
        for (const ComplaintPoint& point : complaint.points)
            outcomes.insert(point.outcome);
    }
    EXPECT_GE(stage1_only, 45);
    EXPECT_GE(stage1_in_time, 40);
    EXPECT_GE(stage1_late, 5);
    EXPECT_GE(reached_stage2, 5);
    EXPECT_EQ(reached_stage3, 2);
    EXPECT_EQ(ombudsman, 1);
    EXPECT_GE(open, 5);
    EXPECT_GE(overdue, 2);
    EXPECT_LT(overdue, open);
    EXPECT_GE(corporate, 1);
    EXPECT_EQ(late_requests, 1);
    EXPECT_GE(with_learning, 5);
    EXPECT_GE(themes.size(), 8u);
    EXPECT_GE(complainants.size(), 5u);
    EXPECT_GE(areas.size(), 5u);
    EXPECT_GE(outcomes.size(), 6u) << "five outcomes, out of time, and none yet";
}

TEST(DemoComplaints, AreSeededOnceAndAnInterruptedSeedCompletes)
{
    test::TempDir dir;
    Store store(dir / "demo.db");
    const DemoSummary first = seed_demo(store, "tester");
    EXPECT_EQ(first.complaints, static_cast<std::int64_t>(demo_complaints().size()));
    EXPECT_EQ(first.compliments, static_cast<std::int64_t>(demo_compliments().size()));
    ComplaintLog log(store);
    const Complaint sample = demo_complaints()[10];
    EXPECT_EQ(log.complaint(sample.uuid), sample);
    const DemoSummary second = seed_demo(store, "tester");
    EXPECT_FALSE(second.seeded_now);
    EXPECT_EQ(second.complaints, first.complaints);
    EXPECT_EQ(second.compliments, first.compliments);
    std::size_t imports = 0;
    for (const AuditEntry& entry : store.audit_log(1000))
        if (entry.action == "complaints.import" || entry.action == "compliments.import") {
            ++imports;
            EXPECT_EQ(entry.entity, "demo data");
        }
    EXPECT_EQ(imports, 2u);

    // A database seeded before the complaints log existed gains it on the next seed.
    Store older(dir / "older.db");
    seed_demo(older, "tester");
    older.connection().exec("DELETE FROM compliment");
    const DemoSummary completed = seed_demo(older, "tester");
    EXPECT_TRUE(completed.seeded_now);
    EXPECT_EQ(completed.compliments, first.compliments);
    EXPECT_EQ(completed.complaints, first.complaints);
}
