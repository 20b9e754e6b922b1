// The app when the database cannot be written (another process holds its write lock): the
// worker is told, the app keeps running with every answer still on screen, and saving works
// once the lock is gone. In child mode the child's answers wait for "Try again".
#include "capture_form_ui.hpp"
#include "child_mode_ui.hpp"
#include "face_button.hpp"
#include "main_frame.hpp"
#include "session.hpp"

#include "../core/child_process.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>

#include <filesystem>

using namespace chorus;
using namespace chorus::gui;
using namespace std::chrono_literals;

namespace {

constexpr const char* cin = "cin-family-feedback";
constexpr const char* young_people = "young-peoples-views-8-11";

void press(wxButton* button)
{
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
}

class StorageErrorTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    std::filesystem::path file = folder / "test.db";
    Session session;
    MainFrame* frame = nullptr;
    std::unique_ptr<test::ChildProcess> holder;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        session.load_plugins(nullptr);
        session.open(file, false);
        session.store().connection().set_busy_timeout(300); // the app waits 5 s; a test need not
        frame = new MainFrame(session);
        frame->Show();
        wxYield();
    }

    void TearDown() override
    {
        holder.reset();
        frame->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    void lock_database()
    {
        holder = std::make_unique<test::ChildProcess>(
            std::vector<std::string>{CHORUS_TEST_WRITER_PATH, "hold-lock", file.string()});
        ASSERT_EQ(holder->read_line(10s), "locked");
    }

    void unlock_database()
    {
        holder->close_input();
        EXPECT_EQ(holder->wait(), 0);
        holder.reset();
    }
};

} // namespace

TEST_F(StorageErrorTest, ALockedDatabaseKeepsTheCapturedAnswersUntilItCanSave)
{
    frame->go_to({View::capture, cin});
    CapturePanel& capture = frame->capture();
    for (const char* key : {"knew_why", "easy_to_talk", "listened", "reliable", "respected"})
        capture.form().set_answer(key, std::string("agree"));
    capture.form().set_respondent_type("parent");

    lock_database();
    bool saved = true;
    wxTEST_DIALOG(saved = capture.save(), wxExpectModal<wxMessageDialog>(wxID_OK));
    EXPECT_FALSE(saved);
    ASSERT_NE(capture.form().answer("listened"), nullptr) << "the answers stay on screen";
    EXPECT_TRUE(frame->IsShown()) << "the app keeps running";
    EXPECT_EQ(session.store().count_responses(cin), 0);

    unlock_database();
    EXPECT_TRUE(capture.save());
    EXPECT_EQ(session.store().count_responses(cin), 1);
}

TEST_F(StorageErrorTest, ChildModeKeepsTheChildsAnswersForTryAgain)
{
    frame->go_to({View::capture, young_people});
    ChildModeFrame* child = frame->enter_child_mode("4821");
    ASSERT_NE(child, nullptr);
    ChildSession& state = child->child();

    lock_database();
    int guard = 0;
    while (!state.finished() && guard++ < 40) {
        if (!child->answer_buttons().empty()) {
            FaceButton* face = child->answer_buttons().back();
            wxCommandEvent pick(wxEVT_BUTTON, face->GetId());
            pick.SetEventObject(face);
            face->ProcessWindowEvent(pick);
        }
        if (state.page() + 1 == state.pages()) {
            // Finish: the save fails and says so.
            wxTEST_DIALOG(press(child->next_button()), wxExpectModal<wxMessageDialog>(wxID_OK));
            break;
        }
        press(child->next_button());
    }
    ASSERT_TRUE(child->has_unsaved_answers());
    EXPECT_EQ(child->responses_saved(), 0);
    EXPECT_FALSE(state.form().metadata().answers.empty()) << "the child's answers are kept";
    EXPECT_EQ(child->next_button()->GetLabel(), "&Try again");

    // Leaving now would lose them: the worker is asked, and staying keeps them.
    wxTEST_DIALOG(EXPECT_TRUE(child->try_leave("4821")), wxExpectModal<wxMessageDialog>(wxID_NO));
    EXPECT_TRUE(child->IsShown());
    EXPECT_TRUE(child->has_unsaved_answers());

    unlock_database();
    const auto answered = state.form().response().answers;
    press(child->next_button()); // Try again
    EXPECT_FALSE(child->has_unsaved_answers());
    EXPECT_EQ(child->responses_saved(), 1);
    ASSERT_EQ(session.store().count_responses(young_people), 1);
    const auto stored = session.store().list_responses({});
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(session.store().find_response(stored.front().uuid)->answers, answered);
    EXPECT_TRUE(child->try_leave("4821"));
}
