// Free-text answers and their theme tags.
#include "chorus/themes.hpp"

#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class ThemesTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "themes.db"};

    void SetUp() override { store.add_instrument(test::every_type_instrument(), "tester"); }

    std::string add(const std::string& captured_at, const std::string& team, const std::string& story)
    {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = captured_at;
        r.team = team;
        r.respondent_type = "parent";
        r.answers["agree"] = std::string("agree");
        if (!story.empty())
            r.answers["story"] = story;
        store.add_response(r, "tester");
        return r.uuid;
    }

    StatsQuery story() { return {"every-type", "story", {}}; }
};

} // namespace

TEST_F(ThemesTest, ListsTextAnswersNewestFirstWithFiltersAndPaging)
{
    add("2025-04-02T10:00:00Z", "North", "The worker was kind");
    add("2025-05-02T10:00:00Z", "South", "Meetings kept moving");
    add("2025-08-02T10:00:00Z", "North", "More notice please");
    add("2025-08-03T10:00:00Z", "North", "");

    auto all = list_text_answers(store, story());
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].text, "More notice please");
    EXPECT_EQ(count_text_answers(store, story()), 3);

    StatsQuery q1 = story();
    q1.captured_from = "2025-04-01";
    q1.captured_to = "2025-06-30";
    q1.team = "North";
    auto filtered = list_text_answers(store, q1);
    ASSERT_EQ(filtered.size(), 1u);
    EXPECT_EQ(filtered[0].text, "The worker was kind");
    EXPECT_EQ(count_text_answers(store, q1), 1);

    auto page = list_text_answers(store, story(), 1, 1);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].text, "Meetings kept moving");

    EXPECT_THROW(list_text_answers(store, {"every-type", "agree", {}}), Error) << "not a text question";
    EXPECT_THROW(list_text_answers(store, {"every-type", "nothing", {}}), Error);
}

TEST_F(ThemesTest, TagsAreCountedAuditedWithoutTheirTextAndGoWithTheResponse)
{
    const auto first = add("2025-04-02T10:00:00Z", "North", "Nobody called back");
    const auto second = add("2025-05-02T10:00:00Z", "South", "Late again");
    add_theme_tag(store, first, "story", "  communication ", "lead");
    add_theme_tag(store, first, "story", "communication", "lead"); // twice changes nothing
    add_theme_tag(store, first, "story", "delay", "lead");
    add_theme_tag(store, second, "story", "delay", "lead");

    EXPECT_EQ(list_text_answers(store, story()).back().tags, (std::vector<std::string>{"communication", "delay"}));
    EXPECT_EQ(theme_tag_counts(store, story()),
              (std::vector<std::pair<std::string, std::int64_t>>{{"delay", 2}, {"communication", 1}}));
    StatsQuery south = story();
    south.team = "South";
    EXPECT_EQ(theme_tag_counts(store, south), (std::vector<std::pair<std::string, std::int64_t>>{{"delay", 1}}));

    const auto audit = store.audit_log(10);
    EXPECT_EQ(audit[0].action, "answer.tag");
    EXPECT_EQ(audit[0].entity, second);
    for (const auto& row : audit)
        for (const char* secret : {"delay", "communication", "Late", "Nobody"})
            EXPECT_EQ(row.detail.find(secret), std::string::npos) << secret;
    EXPECT_EQ(std::count_if(audit.begin(), audit.end(), [](const AuditEntry& e) { return e.action == "answer.tag"; }), 3);

    EXPECT_THROW(add_theme_tag(store, first, "story", "   ", "lead"), Error);
    EXPECT_THROW(add_theme_tag(store, first, "story", std::string(61, 'x'), "lead"), Error);
    EXPECT_THROW(add_theme_tag(store, first, "agree", "delay", "lead"), Error) << "not free text";
    EXPECT_THROW(add_theme_tag(store, first, "name", "delay", "lead"), Error) << "not answered";
    EXPECT_THROW(add_theme_tag(store, new_uuid(), "story", "delay", "lead"), Error);

    remove_theme_tag(store, first, "story", "delay", "lead");
    EXPECT_THROW(remove_theme_tag(store, first, "story", "delay", "lead"), Error);
    EXPECT_EQ(store.audit_log(1)[0].action, "answer.untag");

    store.delete_response(second, "lead", "duplicate");
    EXPECT_EQ(theme_tag_counts(store, story()),
              (std::vector<std::pair<std::string, std::int64_t>>{{"communication", 1}}));
}
