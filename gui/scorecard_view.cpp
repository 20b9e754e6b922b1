#include "scorecard_view.hpp"

#include "definition_problems.hpp"
#include "measure_set_dialog_ui.hpp"
#include "progress_dialog.hpp"
#include "scorecard_drawing.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/measure_set_file.hpp"
#include "chorus/progress.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace chorus::gui {

namespace {

constexpr const char* config_key = "scorecard/measure_set";

enum MeasureColumn { col_title, col_period, col_value, col_base, col_target, col_rag, col_previous, col_year_before };

const Rag summary_ratings[] = {Rag::green, Rag::amber, Rag::red, Rag::blue, Rag::none};

std::int64_t count_of(const RagCounts& counts, Rag rag)
{
    switch (rag) {
    case Rag::green: return counts.green;
    case Rag::amber: return counts.amber;
    case Rag::red: return counts.red;
    case Rag::blue: return counts.blue;
    case Rag::none: break;
    }
    return counts.none;
}

} // namespace

struct ScorecardView::Loaded {
    std::filesystem::path file;
    std::unique_ptr<MeasureSet> set;
    std::unique_ptr<MeasureCalculator> calculator;
};

ScorecardView::ScorecardView(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    SetName("scorecard");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, "Scorecard");
    title->SetFont(title->GetFont().Scaled(1.4f).Bold());
    sizer->Add(title, 0, wxALL, 12);

    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(new wxStaticText(this, wxID_ANY, "Measure set:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    file_label_ = new wxStaticText(this, wxID_ANY, "none chosen");
    file_label_->SetFont(file_label_->GetFont().Bold());
    bar->Add(file_label_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    auto* open = new wxButton(this, wxID_ANY, "&Open...");
    edit_ = new wxButton(this, wxID_ANY, "&Edit...");
    auto* create = new wxButton(this, wxID_ANY, "Ne&w...");
    for (wxButton* button : {open, edit_, create})
        bar->Add(button, 0, wxRIGHT, 6);
    sizer->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    auto* period_bar = new wxBoxSizer(wxHORIZONTAL);
    period_bar->Add(new wxStaticText(this, wxID_ANY, "Report &period:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    period_ = new wxChoice(this, wxID_ANY);
    period_->SetName("report period");
    period_->SetInitialSize(wxSize(380, -1));
    period_bar->Add(period_, 0);
    sizer->Add(period_bar, 0, wxLEFT | wxRIGHT | wxTOP, 12);

    auto* summary_title = new wxStaticText(this, wxID_ANY, "Plan-area summary (percentages of rated measures)");
    summary_title->SetFont(summary_title->GetFont().Bold());
    sizer->Add(summary_title, 0, wxLEFT | wxTOP, 12);
    summary_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 150), wxLC_REPORT | wxLC_SINGLE_SEL);
    summary_->SetName("summary");
    summary_->AssignImageList(make_scorecard_images(), wxIMAGE_LIST_SMALL);
    summary_->AppendColumn("Plan area", wxLIST_FORMAT_LEFT, 220);
    for (Rag rag : summary_ratings)
        summary_->AppendColumn(wx(rag_word(rag)), wxLIST_FORMAT_LEFT, 95);
    summary_->AppendColumn("In words", wxLIST_FORMAT_LEFT, 420);
    sizer->Add(summary_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    overall_ = new wxStaticText(this, wxID_ANY, "");
    overall_->SetName("overall sentence");
    overall_->SetFont(overall_->GetFont().Scaled(1.15f).Bold());
    sizer->Add(overall_, 0, wxALL, 12);

    measures_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    measures_->SetName("measures");
    measures_->AssignImageList(make_scorecard_images(), wxIMAGE_LIST_SMALL);
    measures_->AppendColumn("Measure", wxLIST_FORMAT_LEFT, 340);
    measures_->AppendColumn("Period", wxLIST_FORMAT_LEFT, 72);
    measures_->AppendColumn("Value", wxLIST_FORMAT_RIGHT, 70);
    measures_->AppendColumn("Base n", wxLIST_FORMAT_RIGHT, 65);
    measures_->AppendColumn("Target", wxLIST_FORMAT_RIGHT, 65);
    measures_->AppendColumn("RAG", wxLIST_FORMAT_LEFT, 105);
    measures_->AppendColumn("Against the period before", wxLIST_FORMAT_LEFT, 255);
    measures_->AppendColumn("Against the same period last year", wxLIST_FORMAT_LEFT, 255);
    sizer->Add(measures_, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);
    note_ = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(note_, 0, wxALL, 12);
    SetSizer(sizer);

    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_measure_set(); });
    edit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_measure_set(false); });
    create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_measure_set(true); });
    period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { period_chosen(); });
    edit_->Disable();
}

ScorecardView::~ScorecardView() = default;

void ScorecardView::reload()
{
    stale_ = true;
}

void ScorecardView::shown()
{
    if (!stale_)
        return;
    stale_ = false;
    load_periods();
    if (set_) {
        if (const auto quarter = period())
            set_period(*quarter);
        return;
    }
    const wxString remembered = wxConfigBase::Get()->Read(config_key, "");
    if (!remembered.empty() && std::filesystem::exists(std::filesystem::path(utf8(remembered))))
        open_measure_set(utf8(remembered));
    else
        note_->SetLabel("Choose a measure set: File > Open measure set..., or Open above.");
}

void ScorecardView::load_periods()
{
    std::optional<Period> kept = period();
    quarters_ = periods_with_responses(session_.store(), Frequency::quarterly);
    period_->Clear();
    for (const Period& quarter : quarters_)
        period_->Append(wx(quarter.description()));
    int chosen = quarters_.empty() ? wxNOT_FOUND : 0; // newest first: the latest quarter with responses
    for (std::size_t i = 0; kept && i < quarters_.size(); ++i)
        if (quarters_[i] == *kept)
            chosen = static_cast<int>(i);
    period_->SetSelection(chosen);
}

std::optional<Period> ScorecardView::period() const
{
    const int chosen = period_->GetSelection();
    if (chosen == wxNOT_FOUND || static_cast<std::size_t>(chosen) >= quarters_.size())
        return std::nullopt;
    return quarters_[static_cast<std::size_t>(chosen)];
}

void ScorecardView::period_chosen()
{
    if (const auto quarter = period())
        set_period(*quarter);
}

bool ScorecardView::set_period(const Period& quarter)
{
    if (quarters_.empty())
        load_periods();
    for (std::size_t i = 0; i < quarters_.size(); ++i)
        if (quarters_[i] == quarter)
            period_->SetSelection(static_cast<int>(i));
    if (!set_)
        return false;
    return report(nullptr, quarter);
}

bool ScorecardView::open_measure_set(const std::filesystem::path& file)
{
    if (quarters_.empty())
        load_periods();
    auto loaded = std::make_unique<Loaded>();
    loaded->file = file;
    const wxString failed = "The measure set " + wx(file.filename().string()) + " was not opened.";
    try {
        loaded->set = std::make_unique<MeasureSet>(load_measure_set(file));
        const bool complaints = counts_complaints(*loaded->set);
        if (complaints && !session_.plugins().case_procedure())
            throw Error(file.string() + ": this set counts complaints, but no loaded plugin offers a complaints "
                                        "procedure (is the complaints plugin installed?)");
        loaded->calculator = std::make_unique<MeasureCalculator>(
            session_.store(), *loaded->set, complaints ? session_.plugins().case_procedure() : nullptr,
            complaints ? session_.complaint_vocabularies() : nullptr);
    } catch (const DefinitionError& error) {
        std::vector<DefinitionProblem> problems = error.problems();
        for (auto& problem : problems)
            problem.source = file.string(); // the calculator names the set, the lead needs the file
        show_definition_problems(this, failed, problems);
        return false;
    } catch (const std::exception& error) {
        show_error(this, failed, error);
        return false;
    }
    const auto quarter = period();
    if (!quarter) {
        wxMessageBox("There are no responses yet, so there is no quarter to report.", "Chorus", wxOK, this);
        return false;
    }
    return report(std::move(loaded), *quarter);
}

// Works the figures out for `loaded` (or the set shown when null); the view changes only
// when that succeeds.
bool ScorecardView::report(std::unique_ptr<Loaded> loaded, const Period& quarter)
{
    MeasureCalculator& calculator = loaded ? *loaded->calculator : *calculator_;
    std::vector<MeasureResult> results;
    try {
        ProgressDialog progress(this, "Chorus: working out the scorecard");
        results = calculator.report(quarter, &progress);
    } catch (const Cancelled&) {
        note_->SetLabel("Cancelled: the figures shown are those worked out before.");
        return false;
    } catch (const std::exception& error) {
        show_error(this, "The scorecard could not be worked out.", error);
        return false;
    }
    if (loaded) {
        file_ = loaded->file;
        calculator_ = std::move(loaded->calculator); // the calculator refers to the set: replace both
        set_ = std::move(loaded->set);
        wxConfigBase::Get()->Write(config_key, wx(file_.string()));
        wxConfigBase::Get()->Flush();
    }
    results_ = std::move(results);
    reported_ = quarter;
    scorecard_ = make_scorecard(results_);
    show_figures();
    return true;
}

void ScorecardView::show_figures()
{
    file_label_->SetLabel(wx(file_.filename().string()) + "  (" + label_text(set_->title) + ")");
    file_label_->SetToolTip(wx(file_.string()));
    edit_->Enable();
    show_summary();
    measures_->Freeze();
    measures_->DeleteAllItems();
    long row = 0;
    for (const ScorecardGroup& group : scorecard_groups(results_)) {
        const long header = measures_->InsertItem(row++, wx(group.plan_area), -1);
        measures_->SetItemFont(header, measures_->GetFont().Bold());
        measures_->SetItemBackgroundColour(header, wxColour(236, 239, 241));
        measures_->SetItemData(header, -1);
        for (const ScorecardRow& each : group.rows) {
            const long item = measures_->InsertItem(row++, "    " + wx(each.title), -1);
            measures_->SetItemData(item, static_cast<long>(each.result - results_.data()));
            measures_->SetItem(item, col_period, wx(each.period));
            measures_->SetItem(item, col_value, wx(each.value));
            measures_->SetItem(item, col_base, wx(each.base));
            measures_->SetItem(item, col_target, wx(each.target));
            measures_->SetItem(item, col_rag, wx(each.rag_word), swatch_image(each.rag));
            measures_->SetItem(item, col_previous, wx(each.against_previous.text), arrow_image(each.against_previous));
            measures_->SetItem(item, col_year_before, wx(each.against_year_before.text),
                               arrow_image(each.against_year_before));
        }
    }
    measures_->Thaw();
    note_->SetLabel(wx(reported_->description()) + ". \"c\": fewer answers than the measure's minimum base, "
                    "so neither the value nor the base is shown.");
    Layout();
}

void ScorecardView::show_summary()
{
    summary_->Freeze();
    summary_->DeleteAllItems();
    std::vector<const RagCounts*> rows;
    for (const RagCounts& area : scorecard_.areas)
        rows.push_back(&area);
    rows.push_back(&scorecard_.overall);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RagCounts& counts = *rows[i];
        const bool overall = rows[i] == &scorecard_.overall;
        const long item = summary_->InsertItem(static_cast<long>(i), overall ? "All measures" : wx(counts.plan_area), -1);
        for (std::size_t r = 0; r < std::size(summary_ratings); ++r) {
            const Rag rag = summary_ratings[r];
            const std::int64_t count = count_of(counts, rag);
            wxString text = wxString::Format("%lld", static_cast<long long>(count));
            if (rag != Rag::none)
                text += " (" + wx(rated_share(count, counts)) + ")";
            summary_->SetItem(item, static_cast<int>(r + 1), text, swatch_image(rag));
        }
        summary_->SetItem(item, static_cast<int>(std::size(summary_ratings) + 1), wx(scorecard_sentence(counts)));
        if (overall)
            summary_->SetItemFont(item, summary_->GetFont().Bold());
    }
    summary_->Thaw();
    overall_->SetLabel(wx(scorecard_sentence(scorecard_.overall)));
}

wxString ScorecardView::overall_sentence() const
{
    return overall_->GetLabel();
}

long ScorecardView::row_of(std::size_t index) const
{
    for (long item = 0; item < measures_->GetItemCount(); ++item)
        if (static_cast<long>(measures_->GetItemData(item)) == static_cast<long>(index))
            return item;
    return -1;
}

void ScorecardView::choose_measure_set()
{
    wxFileDialog dialog(this, "Open a measure set", file_.empty() ? "" : wx(file_.parent_path().string()), "",
                        "Measure sets (*.json)|*.json|All files|*", wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        open_measure_set(utf8(dialog.GetPath()));
}

void ScorecardView::edit_measure_set(bool new_set)
{
    MeasureSet editing;
    if (!new_set && set_)
        editing = *set_;
    else
        editing = MeasureSet{"improvement-plan", "Improvement plan feedback measures", {}};
    MeasureSetDialog dialog(this, session_, std::move(editing), new_set ? std::filesystem::path() : file_);
    dialog.ShowModal();
    if (!dialog.saved_file().empty())
        open_measure_set(dialog.saved_file());
}

} // namespace chorus::gui
