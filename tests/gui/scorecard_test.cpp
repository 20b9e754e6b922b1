// The Scorecard on the demo database with a measure set of its own (tests/gui/data): the rows
// show core's figures, a small count shows "c" and never its base, the summary says how many
// are green, amber and red, and a target edited in the measure set dialog is saved to the
// file and changes the RAG.
#include "main_frame.hpp"
#include "measure_form_ui.hpp"
#include "measure_set_dialog_ui.hpp"
#include "scorecard_view.hpp"
#include "session.hpp"

#include "chorus/demo.hpp"
#include "chorus/measures.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace chorus;
using namespace chorus::gui;

namespace {

const std::filesystem::path demo_set = std::filesystem::path(CHORUS_GUI_TEST_DATA_DIR) / "demo-scorecard.json";

std::string text_of(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class ScorecardTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-scorecard-" + new_uuid());
    std::filesystem::path set_file = folder / "plan.json";
    Session session;
    MainFrame* frame = nullptr;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        std::filesystem::copy_file(demo_set, set_file);
        session.load_plugins(nullptr);
        session.open(folder / "demo.db", true);
        frame = new MainFrame(session);
        frame->Show();
        frame->go_to({View::scorecard, {}});
        wxYield();
    }

    void TearDown() override
    {
        frame->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    ScorecardView& view() { return frame->scorecard(); }

    std::size_t index_of(const std::string& id)
    {
        const auto& measures = view().measure_set()->measures;
        for (std::size_t i = 0; i < measures.size(); ++i)
            if (measures[i].id == id)
                return i;
        ADD_FAILURE() << "no measure " << id;
        return 0;
    }

    wxString cell(const std::string& id, int column)
    {
        return view().measures_list().GetItemText(view().row_of(index_of(id)), column);
    }
};

} // namespace

TEST_F(ScorecardTest, RowsShowCoresFiguresAndTheSummarySentence)
{
    ASSERT_TRUE(view().open_measure_set(set_file));
    ASSERT_TRUE(view().set_period(*parse_period("2025-Q3")));
    ASSERT_EQ(view().results().size(), 10u);

    // The same set and period worked out by core alone.
    const MeasureSet set = load_measure_set(set_file);
    MeasureCalculator calculator(session.store(), set, session.plugins().case_procedure(),
                                 session.complaint_vocabularies());
    const auto expected = calculator.report(*parse_period("2025-Q3"));
    bool suppressed_seen = false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& measure = set.measures[i];
        const long row = view().row_of(i);
        ASSERT_GE(row, 0) << measure.id;
        EXPECT_EQ(view().measures_list().GetItemText(row, 2).utf8_string(), display_value(measure, expected[i].current))
            << measure.id;
        EXPECT_EQ(view().measures_list().GetItemText(row, 5).utf8_string(), rag_word(expected[i].rag)) << measure.id;
        if (expected[i].current.suppressed) {
            suppressed_seen = true;
            EXPECT_EQ(view().measures_list().GetItemText(row, 2), "c");
            EXPECT_EQ(view().measures_list().GetItemText(row, 3), wxString::Format("<%lld", (long long)measure.minimum_base))
                << "a suppressed value never shows its base";
        }
    }
    EXPECT_TRUE(suppressed_seen) << "the demo set has a small count that is suppressed";
    EXPECT_EQ(view().overall_sentence().utf8_string(), scorecard_sentence(make_scorecard(expected).overall));
    EXPECT_EQ(view().overall_sentence().rfind("feedback measures: ", 0), 0u) << view().overall_sentence();
    EXPECT_EQ(cell("cin-listened", 1), "2025-Q3");
}

TEST_F(ScorecardTest, ASetWithProblemsListsThemAndKeepsTheSetBefore)
{
    ASSERT_TRUE(view().open_measure_set(set_file));
    std::ofstream(folder / "broken.json") << R"({"id": "broken", "title": "Broken", "measures": [
        {"id": "x", "title": "X", "plan_area": "A", "source": {"type": "survey", "instrument": "no-such-survey",
         "questions": ["q"]}, "positive": ["yes"], "frequency": "quarterly", "polarity": "increase"}]})";
    wxTEST_DIALOG(EXPECT_FALSE(view().open_measure_set(folder / "broken.json")),
                  wxExpectModal<wxMessageDialog>(wxID_OK));
    EXPECT_EQ(view().file(), set_file);
    EXPECT_EQ(view().measure_set()->id, "demo-scorecard");
}

TEST_F(ScorecardTest, EditingATargetSavesTheFileAndChangesTheRag)
{
    ASSERT_TRUE(view().open_measure_set(set_file));
    ASSERT_TRUE(view().set_period(*parse_period("2025-Q3")));
    const std::size_t index = index_of("cin-listened");
    const Rag before = view().results()[index].rag;
    ASSERT_NE(before, Rag::none);
    // A target no figure reaches is red; one every figure reaches is green.
    const wxString new_target = before == Rag::green ? "100" : "1";
    const Rag after = before == Rag::green ? Rag::red : Rag::green;

    MeasureSetDialog dialog(frame, session, *view().measure_set(), set_file);
    MeasureForm form(&dialog, session, dialog.set().measures[index], dialog.plan_areas());
    auto* target = dynamic_cast<wxTextCtrl*>(form.control("target"));
    ASSERT_NE(target, nullptr);
    target->SelectAll();
    target->WriteText(new_target); // as typed: sends the text events a keyboard would
    const auto edited = form.read();
    ASSERT_TRUE(edited.has_value());
    dialog.replace(index, *edited);
    ASSERT_TRUE(dialog.save());
    EXPECT_EQ(dialog.saved_file(), set_file);
    EXPECT_EQ(*load_measure_set(set_file).measures[index].target, std::stod(new_target.utf8_string()));
    EXPECT_NE(text_of(set_file), text_of(demo_set));

    ASSERT_TRUE(view().open_measure_set(dialog.saved_file()));
    EXPECT_EQ(view().results()[index].rag, after);
    EXPECT_EQ(cell("cin-listened", 5).utf8_string(), rag_word(after));
}

TEST_F(ScorecardTest, AnInvalidEditIsNotSavedAndTheFileIsUnchanged)
{
    ASSERT_TRUE(view().open_measure_set(set_file));
    MeasureSetDialog dialog(frame, session, *view().measure_set(), set_file);
    MeasureDefinition wrong = dialog.set().measures[0];
    wrong.questions = {"no_such_question"};
    dialog.replace(0, wrong);
    wxTEST_DIALOG(EXPECT_FALSE(dialog.save()), wxExpectModal<wxMessageDialog>(wxID_OK));
    EXPECT_EQ(text_of(set_file), text_of(demo_set));
    EXPECT_TRUE(dialog.remove(0, true));
    EXPECT_EQ(dialog.set().measures.size(), 9u);
}
