// The app's windows driven as a worker would: a survey captured by clicks and keys shows
// in the responses list and the analysis counts; child mode is not left without the PIN;
// an overdue complaint is marked.
#include "analysis_view.hpp"
#include "capture_form_ui.hpp"
#include "chart.hpp"
#include "child_mode_ui.hpp"
#include "complaints_view.hpp"
#include "face_button.hpp"
#include "main_frame.hpp"
#include "responses_view.hpp"
#include "session.hpp"

#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/listctrl.h>
#include <wx/testing.h>
#include <wx/textdlg.h>
#include <wx/tglbtn.h>
#include <wx/uiaction.h>

#include <filesystem>
#include <functional>

using namespace chorus;
using namespace chorus::gui;

namespace {

constexpr const char* cin = "cin-family-feedback";

// Lets the window system catch up until `done`, as simulated input arrives asynchronously.
bool settle_until(const std::function<bool()>& done, int tries = 40)
{
    for (int i = 0; i < tries; ++i) {
        wxYield();
        if (done())
            return true;
        wxMilliSleep(25);
    }
    return done();
}

// A click at the middle of a control, retried: under Xvfb a click can be lost while a
// window is still being mapped.
bool click(wxWindow* control, const std::function<bool()>& done)
{
    wxUIActionSimulator simulator;
    for (int attempt = 0; attempt < 5; ++attempt) {
        settle_until([&] { return control->IsShownOnScreen(); }, 10);
        const wxRect rect = control->GetScreenRect();
        simulator.MouseMove(rect.GetLeft() + rect.GetWidth() / 2, rect.GetTop() + rect.GetHeight() / 2);
        wxYield();
        simulator.MouseClick();
        if (settle_until(done, 10))
            return true;
    }
    return false;
}

void choose(wxToggleButton* toggle)
{
    toggle->SetValue(true);
    wxCommandEvent event(wxEVT_TOGGLEBUTTON, toggle->GetId());
    event.SetEventObject(toggle);
    event.SetInt(1);
    toggle->ProcessWindowEvent(event);
}

class GuiTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    Session session;
    MainFrame* frame = nullptr;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        session.load_plugins(nullptr);
        session.open(folder / "test.db", false);
        frame = new MainFrame(session);
        frame->Show();
        settle_until([&] { return frame->IsShownOnScreen(); });
    }

    void TearDown() override
    {
        frame->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    wxToggleButton* option(const std::string& key, std::size_t index)
    {
        return dynamic_cast<wxToggleButton*>(frame->capture().answer_control(key, index));
    }
};

} // namespace

TEST_F(GuiTest, SurveyCapturedByClicksAndKeysShowsInResponsesAndAnalysis)
{
    frame->go_to({View::capture, cin});
    CapturePanel& capture = frame->capture();
    ASSERT_EQ(capture.form().instrument().id, cin);

    // "Disagree" on listened shows the follow-up question; "Agree" hides it again.
    ASSERT_FALSE(capture.is_shown("listened_better"));
    ASSERT_TRUE(click(option("listened", 1), [&] { return capture.is_shown("listened_better"); }))
        << "clicking Disagree should show the follow-up question";
    ASSERT_TRUE(click(option("listened", 3), [&] { return !capture.is_shown("listened_better"); }));
    EXPECT_TRUE(option("listened", 3)->GetValue());
    EXPECT_FALSE(option("listened", 1)->GetValue()) << "one answer per question";

    // Ctrl+S before the other required answers: nothing saved, a message beside each.
    wxUIActionSimulator keys;
    option("listened", 3)->SetFocus();
    keys.Char('s', wxMOD_CONTROL);
    ASSERT_TRUE(settle_until([&] { return !capture.problem_text("knew_why").empty(); }));
    EXPECT_EQ(session.store().count_responses(cin), 0);

    for (const char* key : {"knew_why", "easy_to_talk", "reliable", "respected"})
        choose(option(key, 4)); // strongly agree
    auto* respondent = dynamic_cast<wxChoice*>(wxWindow::FindWindowByName("respondent type", &capture));
    ASSERT_NE(respondent, nullptr);
    respondent->SetSelection(0); // parent
    wxCommandEvent chosen(wxEVT_CHOICE, respondent->GetId());
    chosen.SetEventObject(respondent);
    respondent->ProcessWindowEvent(chosen);
    EXPECT_TRUE(capture.problem_text("knew_why").empty());

    option("respected", 4)->SetFocus();
    keys.Char('s', wxMOD_CONTROL);
    ASSERT_TRUE(settle_until([&] { return session.store().count_responses(cin) == 1; })) << "Ctrl+S saves";
    EXPECT_FALSE(option("listened", 3)->GetValue()) << "a fresh form for the next respondent";

    frame->go_to({View::responses, cin});
    frame->responses().reload();
    EXPECT_EQ(frame->responses().list().total(), 1);
    EXPECT_EQ(frame->responses().list().GetItemCount(), 1);

    frame->go_to({View::analysis, cin});
    frame->analysis().reload();
    frame->analysis().show_instrument(cin);
    frame->analysis().show_question("listened");
    const auto& stats = frame->analysis().chart().stats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->question_key, "listened");
    EXPECT_EQ(stats->base, 1);
    for (const auto& counted : stats->options)
        EXPECT_EQ(counted.count, counted.code == "agree" ? 1 : 0) << counted.code;
}

TEST_F(GuiTest, ChildModeCannotBeLeftWithoutThePin)
{
    frame->go_to({View::capture, "young-peoples-views-8-11"});
    ChildModeFrame* child = frame->enter_child_mode("4821");
    ASSERT_NE(child, nullptr);
    settle_until([&] { return child->IsShownOnScreen(); });
    EXPECT_FALSE(frame->IsShown()) << "nothing of the app behind the child's screen";
    EXPECT_TRUE(child->IsFullScreen());

    // Closing asks for the PIN; cancelling the question leaves the child where they are.
    wxTEST_DIALOG(child->Close(); settle_until([] { return false; }, 5),
                  wxExpectDismissableModal<wxPasswordEntryDialog>(wxID_CANCEL));
    EXPECT_TRUE(child->IsShown());
    EXPECT_FALSE(child->try_leave("1234"));
    EXPECT_FALSE(child->try_leave(""));
    EXPECT_TRUE(child->IsShown());

    // A child answers with the face buttons: big, drawn, one question per page.
    ChildSession& session_state = child->child();
    int guard = 0;
    int faces_picked = 0;
    while (!session_state.finished() && guard++ < 40) {
        if (!child->answer_buttons().empty()) {
            FaceButton* face = child->answer_buttons().back();
            ++faces_picked;
            wxCommandEvent pick(wxEVT_BUTTON, face->GetId());
            pick.SetEventObject(face);
            face->ProcessWindowEvent(pick);
        }
        wxCommandEvent next(wxEVT_BUTTON, child->next_button()->GetId());
        next.SetEventObject(child->next_button());
        child->next_button()->ProcessWindowEvent(next);
        if (child->responses_saved() == 1)
            break;
    }
    EXPECT_GT(faces_picked, 0);
    EXPECT_EQ(child->responses_saved(), 1);
    EXPECT_EQ(session.store().count_responses("young-peoples-views-8-11"), 1);
    EXPECT_TRUE(session_state.form().metadata().answers.empty()) << "the next child starts with nothing";

    EXPECT_TRUE(child->try_leave("4821"));
    settle_until([&] { return frame->IsShown(); });
    EXPECT_TRUE(frame->IsShown());
}

TEST_F(GuiTest, OverdueComplaintIsMarkedByColourIconAndText)
{
    ComplaintRegister* complaints = session.complaints();
    ASSERT_NE(complaints, nullptr) << "the complaints plugin should load from the build tree";
    auto record = [&](const std::string& reference, const std::string& received) {
        Complaint complaint;
        complaint.reference = reference;
        complaint.received = received;
        complaint.complainant_type = "parent";
        complaint.service_area = "children_in_need";
        complaint.procedure = "statutory";
        complaint.points.push_back({"point", "", ""});
        complaints->record(complaint, "tester");
    };
    record("LATE-1", "2026-03-02"); // stage 1 due 16/03/2026: overdue on 31/03
    record("NEW-1", "2026-03-30");

    frame->go_to({View::complaints, {}});
    frame->complaints().reload();
    frame->complaints().set_status_date("2026-03-31");
    const auto& entries = frame->complaints().entries();
    ASSERT_EQ(entries.size(), 2u);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const bool late = entries[i].complaint.reference == "LATE-1";
        EXPECT_EQ(entries[i].status.overdue, late);
        EXPECT_EQ(frame->complaints().row_marked_overdue(static_cast<long>(i)), late) << entries[i].complaint.reference;
    }
}

TEST_F(GuiTest, DeletingAResponseNeedsAReasonAndLeavesTheList)
{
    frame->go_to({View::capture, cin});
    CapturePanel& capture = frame->capture();
    for (const char* key : {"knew_why", "easy_to_talk", "listened", "reliable", "respected"})
        choose(option(key, 3));
    ASSERT_TRUE(capture.save());
    frame->go_to({View::responses, cin});
    frame->responses().reload();
    ResponsesList& list = frame->responses().list();
    ASSERT_EQ(list.total(), 1);
    list.SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    wxTEST_DIALOG(EXPECT_FALSE(frame->responses().delete_selected("", true)),
                  wxExpectModal<wxMessageDialog>(wxID_OK)); // "needs a reason", shown as an error
    EXPECT_EQ(list.total(), 1);
    EXPECT_TRUE(frame->responses().delete_selected("entered twice", true));
    EXPECT_EQ(list.total(), 0);
    EXPECT_EQ(session.store().audit_log(1).front().action, "response.delete");
}
