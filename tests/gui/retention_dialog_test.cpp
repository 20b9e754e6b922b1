// The records retention dialog on the demo database: rules saved with a reason and audited,
// a purge counted, confirmed and audited, and refused without a reason.
#include "retention_dialog_ui.hpp"
#include "session.hpp"

#include "chorus/retention.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>

#include <filesystem>

using namespace chorus;
using namespace chorus::gui;

namespace {

class RetentionDialogTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    Session session;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        session.load_plugins(nullptr);
        session.open(folder / "demo.db", true);
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }
};

} // namespace

TEST_F(RetentionDialogTest, RulesNeedAReasonAndAreSaved)
{
    RetentionDialog dialog(nullptr, session);
    dialog.set_months(RecordType::response, 24);
    bool saved = true;
    wxTEST_DIALOG(saved = dialog.save_rules(), wxExpectModal<wxMessageDialog>(wxID_OK));
    EXPECT_FALSE(saved) << "no reason given";
    EXPECT_FALSE(RecordsRetention(session.store()).rule(RecordType::response));

    dialog.set_reason("retention schedule 4.2");
    EXPECT_TRUE(dialog.save_rules());
    EXPECT_EQ(RecordsRetention(session.store()).rule(RecordType::response)->months, 24);
    EXPECT_EQ(session.store().audit_log(1).front().reason, "retention schedule 4.2");

    dialog.set_months(RecordType::response, 0); // back to "until deleted by hand"
    EXPECT_TRUE(dialog.save_rules());
    EXPECT_FALSE(RecordsRetention(session.store()).rule(RecordType::response));
}

TEST_F(RetentionDialogTest, APurgeIsConfirmedFirstAndKeepingThemDeletesNothing)
{
    RetentionDialog dialog(nullptr, session);
    dialog.set_months(RecordType::response, 24);
    dialog.set_reason("quarterly purge");
    ASSERT_TRUE(dialog.save_rules());
    const auto before = session.store().count_responses();

    bool purged = true;
    wxTEST_DIALOG(purged = dialog.purge("2026-10-01"), wxExpectModal<wxMessageDialog>(wxID_NO));
    EXPECT_FALSE(purged);
    EXPECT_EQ(session.store().count_responses(), before);

    wxTEST_DIALOG(purged = dialog.purge("2026-10-01"), wxExpectModal<wxMessageDialog>(wxID_YES));
    EXPECT_TRUE(purged);
    EXPECT_LT(session.store().count_responses(), before);
    EXPECT_EQ(session.store().audit_log(1).front().action, "purge");
}
