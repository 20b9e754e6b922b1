#include "complaint_forms.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/dates.hpp"

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tokenzr.h>

namespace chorus::gui {

namespace {

void add_field(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, wxWindow* control)
{
    grid->Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    grid->Add(control, 1, wxEXPAND);
}

wxTextCtrl* date_box(wxWindow* parent, const std::string& value)
{
    auto* box = new wxTextCtrl(parent, wxID_ANY, wx(value), wxDefaultPosition, wxSize(140, -1));
    box->SetHint("DD/MM/YYYY");
    return box;
}

void finish(wxDialog* dialog, wxFlexGridSizer* grid)
{
    grid->AddGrowableCol(1);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, 12);
    sizer->Add(dialog->CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    dialog->SetSizerAndFit(sizer);
}

} // namespace

std::string typed_date(const wxTextCtrl* box)
{
    const std::string text = utf8(box->GetValue().Trim().Trim(false));
    auto date = normalise_date(text);
    return date ? *date : text;
}

CodeChoice::CodeChoice(wxWindow* parent, Session& session, std::string_view vocabulary)
    : choice_(new wxChoice(parent, wxID_ANY))
{
    if (const plugin::Vocabulary* terms = session.complaint_vocabulary(vocabulary))
        for (const auto& term : terms->terms) {
            choice_->Append(label_text(term.label.empty() ? term.code : term.label));
            codes_.push_back(term.code);
        }
}

std::string CodeChoice::code() const
{
    const int chosen = choice_->GetSelection();
    return chosen == wxNOT_FOUND ? std::string() : codes_[static_cast<std::size_t>(chosen)];
}

void CodeChoice::select(const std::string& code)
{
    for (std::size_t i = 0; i < codes_.size(); ++i)
        if (codes_[i] == code)
            choice_->SetSelection(static_cast<int>(i));
}

ComplaintDialog::ComplaintDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, "Record a complaint", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      complainant_(this, session, complaint_vocabulary::complainant_types),
      service_area_(this, session, complaint_vocabulary::service_areas),
      procedure_(this, session, complaint_vocabulary::procedures)
{
    auto* grid = new wxFlexGridSizer(2, 8, 10);
    reference_ = new wxTextCtrl(this, wxID_ANY);
    reference_->SetHint("the council's case reference (no names)");
    received_ = date_box(this, local_date());
    became_aware_ = date_box(this, "");
    team_ = new wxTextCtrl(this, wxID_ANY);
    themes_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 130));
    if (const plugin::Vocabulary* terms = session.complaint_vocabulary(complaint_vocabulary::complaint_themes))
        for (const auto& term : terms->terms) {
            themes_->Append(label_text(term.label));
            theme_codes_.push_back(term.code);
        }
    advocate_ = new wxCheckBox(this, wxID_ANY, "An &advocate was offered");
    points_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(460, 110), wxTE_MULTILINE);
    points_->SetHint("one point of complaint per line");
    procedure_.select("statutory");

    add_field(this, grid, "Case &reference:", reference_);
    add_field(this, grid, "Re&ceived:", received_);
    add_field(this, grid, "Complainant became a&ware:", became_aware_);
    add_field(this, grid, "Complainant &is:", complainant_.control());
    add_field(this, grid, "&Service area:", service_area_.control());
    add_field(this, grid, "&Procedure:", procedure_.control());
    add_field(this, grid, "&Team:", team_);
    add_field(this, grid, "T&hemes:", themes_);
    grid->AddSpacer(0);
    grid->Add(advocate_);
    add_field(this, grid, "Points of complai&nt:", points_);
    finish(this, grid);
}

Complaint ComplaintDialog::complaint() const
{
    Complaint complaint;
    complaint.reference = utf8(reference_->GetValue().Trim());
    complaint.received = typed_date(received_);
    complaint.became_aware = typed_date(became_aware_);
    complaint.complainant_type = complainant_.code();
    complaint.service_area = service_area_.code();
    complaint.procedure = procedure_.code();
    complaint.team = utf8(team_->GetValue().Trim());
    for (unsigned i = 0; i < themes_->GetCount(); ++i)
        if (themes_->IsChecked(i))
            complaint.themes.push_back(theme_codes_[i]);
    complaint.advocate_offered = advocate_->GetValue();
    wxStringTokenizer lines(points_->GetValue(), "\n");
    while (lines.HasMoreTokens())
        if (wxString line = lines.GetNextToken().Trim().Trim(false); !line.empty())
            complaint.points.push_back({utf8(line), "", ""});
    return complaint;
}

OutcomeDialog::OutcomeDialog(wxWindow* parent, Session& session, const Complaint& complaint)
    : wxDialog(parent, wxID_ANY, "Record an outcome"), outcome_(this, session, complaint_vocabulary::outcomes)
{
    auto* grid = new wxFlexGridSizer(2, 8, 10);
    point_ = new wxChoice(this, wxID_ANY);
    for (std::size_t i = 0; i < complaint.points.size(); ++i) {
        const auto& point = complaint.points[i];
        wxString summary = wx(point.summary);
        if (summary.length() > 70)
            summary = summary.Left(67) + "...";
        point_->Append(wxString::Format("%zu. ", i + 1) + summary
                       + (point.outcome.empty() ? wxString() : " [" + wx(session.complaint_label(complaint_vocabulary::outcomes, point.outcome)) + "]"));
    }
    for (std::size_t i = 0; i < complaint.points.size(); ++i)
        if (complaint.points[i].outcome.empty()) { // the first point still open
            point_->SetSelection(static_cast<int>(i));
            break;
        }
    add_field(this, grid, "&Point:", point_);
    add_field(this, grid, "&Outcome:", outcome_.control());
    finish(this, grid);
}

std::size_t OutcomeDialog::point() const
{
    return static_cast<std::size_t>(std::max(0, point_->GetSelection()));
}

ComplimentDialog::ComplimentDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, "Add a compliment"),
      source_(this, session, complaint_vocabulary::compliment_sources),
      service_area_(this, session, complaint_vocabulary::service_areas)
{
    auto* grid = new wxFlexGridSizer(2, 8, 10);
    received_ = date_box(this, local_date());
    team_ = new wxTextCtrl(this, wxID_ANY);
    summary_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(420, 90), wxTE_MULTILINE);
    add_field(this, grid, "Re&ceived:", received_);
    add_field(this, grid, "&From:", source_.control());
    add_field(this, grid, "&Service area:", service_area_.control());
    add_field(this, grid, "&Team:", team_);
    add_field(this, grid, "&What they said:", summary_);
    finish(this, grid);
}

Compliment ComplimentDialog::compliment() const
{
    Compliment compliment;
    compliment.received = typed_date(received_);
    compliment.source_type = source_.code();
    compliment.service_area = service_area_.code();
    compliment.team = utf8(team_->GetValue().Trim());
    compliment.summary = utf8(summary_->GetValue().Trim());
    return compliment;
}

} // namespace chorus::gui
