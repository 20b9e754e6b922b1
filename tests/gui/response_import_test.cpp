// File > Import responses...: a Google Forms export mapped, previewed, changed per column and
// imported; a bad file leaves Import disabled and imports nothing.
#include "response_import_dialog_ui.hpp"
#include "session.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/listctrl.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace chorus;
using namespace chorus::gui;

namespace {

const std::filesystem::path data_dir = CHORUS_CORE_TEST_DATA_DIR;

std::string read_text(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class ResponseImportDialogTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        session.open(folder / "test.db", false);
        session.store().add_instrument(
            parse_instrument(read_text(data_dir / "youth-event-feedback.json"), "youth-event-feedback.json"), "tester");
        dialog = new ResponseImportDialog(nullptr, session);
        ASSERT_TRUE(dialog->choose_instrument("youth-event-feedback"));
    }

    void TearDown() override
    {
        dialog->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    wxButton* import_button() const { return dynamic_cast<wxButton*>(dialog->FindWindow(wxID_OK)); }
    wxListCtrl* preview_rows() const { return dynamic_cast<wxListCtrl*>(dialog->FindWindowByName("preview rows", dialog)); }

    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    Session session;
    ResponseImportDialog* dialog = nullptr;
};

} // namespace

TEST_F(ResponseImportDialogTest, MapsPreviewsChangesAColumnAndImports)
{
    ASSERT_TRUE(dialog->open_file(data_dir / "google-forms-youth-event.csv"));
    const ColumnMapping& mapping = dialog->mapping();
    EXPECT_EQ(mapping.columns.at(mapping.find("Timestamp")).target, ColumnTarget::captured_at);
    EXPECT_EQ(mapping.columns.at(mapping.find("Email address")).matched_by, MatchedBy::identifying);
    EXPECT_EQ(dialog->preview().would_import(), 4u);
    EXPECT_EQ(preview_rows()->GetItemCount(), 4);
    ASSERT_NE(import_button(), nullptr);
    EXPECT_TRUE(import_button()->IsEnabled());

    auto has_preview_column = [&](const wxString& heading) {
        for (int i = 0; i < preview_rows()->GetColumnCount(); ++i) {
            wxListItem item;
            item.SetMask(wxLIST_MASK_TEXT);
            preview_rows()->GetColumn(i, item);
            if (item.GetText() == heading)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(has_preview_column("better"));
    dialog->set_target(mapping.find("What could we do better?"), "");
    EXPECT_FALSE(has_preview_column("better"));

    ASSERT_TRUE(dialog->import(false));
    EXPECT_EQ(dialog->result().imported, 4u);
    EXPECT_EQ(session.store().count_responses("youth-event-feedback"), 4);
}

TEST_F(ResponseImportDialogTest, ABadRowDisablesImportAndImportsNothing)
{
    const auto file = folder / "bad.csv";
    std::ofstream(file) << "Timestamp,I enjoyed the event,I felt listened to\n"
                           "03/10/2025 14:22:10,Agree,Agree\n03/10/2025 14:25:41,Sometimes,Agree\n";
    ASSERT_TRUE(dialog->open_file(file));
    EXPECT_EQ(dialog->preview().problem_count, 1u);
    EXPECT_EQ(dialog->preview().problems.at(0).line, 3u);
    EXPECT_FALSE(import_button()->IsEnabled());
    EXPECT_FALSE(dialog->import(false));
    EXPECT_EQ(session.store().count_responses(), 0);
}

TEST_F(ResponseImportDialogTest, OpeningAFileChoosesTheInstrumentItAnswers)
{
    session.store().add_instrument(parse_instrument(R"({"id": "aaa-first", "version": 1, "title": "A first survey",
        "questions": [{"key": "liked", "type": "agree_scale", "label": "I liked it"}]})", "aaa-first.json"), "tester");
    auto* fresh = new ResponseImportDialog(nullptr, session); // starts on "A first survey", by title
    ASSERT_TRUE(fresh->open_file(data_dir / "google-forms-youth-event.csv"));
    EXPECT_EQ(fresh->mapping().question_columns(), 7u);
    EXPECT_EQ(fresh->preview().would_import(), 4u);
    fresh->Destroy();
}
