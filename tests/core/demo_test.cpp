#include "chorus/demo.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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
