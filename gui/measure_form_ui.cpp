#include "measure_form_ui.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/measure_set_file.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <array>

namespace chorus::gui {

namespace {

constexpr std::array<std::pair<MeasureSource, const char*>, 5> sources{{
    {MeasureSource::survey, "Survey answers"},
    {MeasureSource::complaints_within_timescale, "Complaints answered within timescale"},
    {MeasureSource::complaint_outcomes, "Complaint outcomes"},
    {MeasureSource::complaints_received, "Complaints received (count)"},
    {MeasureSource::compliments_received, "Compliments received (count)"},
}};
constexpr Frequency frequencies[] = {Frequency::monthly, Frequency::quarterly, Frequency::six_monthly, Frequency::annual};
constexpr Polarity polarities[] = {Polarity::increase, Polarity::decrease, Polarity::maintain};

wxString number_text(std::optional<double> value)
{
    return value ? wxString::FromCDouble(*value) : wxString();
}

// nullopt with `bad` set when the box holds something that is not a number; "" is nullopt.
std::optional<double> number_in(const wxTextCtrl* box, bool& bad)
{
    const wxString text = box->GetValue().Trim().Trim(false);
    double value = 0;
    if (text.empty())
        return std::nullopt;
    if (!text.ToCDouble(&value)) {
        bad = true;
        return std::nullopt;
    }
    return value;
}

template <typename Value, std::size_t N>
int index_of(const Value (&values)[N], Value value)
{
    for (std::size_t i = 0; i < N; ++i)
        if (values[i] == value)
            return static_cast<int>(i);
    return 0;
}

} // namespace

MeasureForm::MeasureForm(wxWindow* parent, Session& session, const MeasureDefinition& measure,
                         const std::vector<std::string>& plan_areas)
    : wxDialog(parent, wxID_ANY, "Measure", wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session), initial_(measure)
{
    SetName("measure");
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxFlexGridSizer(2, 6, 8);
    auto* right = new wxFlexGridSizer(2, 6, 8);
    left->AddGrowableCol(1);
    right->AddGrowableCol(1);
    auto add = [this](wxFlexGridSizer* grid, const wxString& label, wxWindow* control, const wxString& property) {
        control->SetName(property);
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
        grid->Add(control, 1, wxEXPAND);
    };
    auto text = [this](const wxString& value) { return new wxTextCtrl(this, wxID_ANY, value, wxDefaultPosition, wxSize(320, -1)); };

    id_ = text(wx(measure.id));
    title_ = text(wx(measure.title));
    wxArrayString areas;
    for (const auto& area : plan_areas)
        areas.Add(wx(area));
    plan_area_ = new wxComboBox(this, wxID_ANY, wx(measure.plan_area), wxDefaultPosition, wxDefaultSize, areas);
    source_ = new wxChoice(this, wxID_ANY);
    for (const auto& [source, label] : sources)
        source_->Append(label);
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (sources[i].first == measure.source)
            source_->SetSelection(static_cast<int>(i));
    instrument_ = new wxChoice(this, wxID_ANY);
    for (const auto& summary : session_.instruments()) {
        instrument_->Append(label_text(summary.title));
        instrument_ids_.push_back(summary.id);
        if (summary.id == measure.instrument)
            instrument_->SetSelection(static_cast<int>(instrument_ids_.size() - 1));
    }
    questions_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(320, 110));
    positive_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(320, 90));
    default_out_of_base_ = new wxCheckBox(this, wxID_ANY, "Leave out the usual codes (not applicable, don't know)");
    default_out_of_base_->SetValue(!measure.out_of_base.has_value());
    out_of_base_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(320, 90));
    blank_in_base_ = new wxCheckBox(this, wxID_ANY, "Count blank answers in the base");
    blank_in_base_->SetValue(measure.blank_in_base);
    stage_ = new wxChoice(this, wxID_ANY);
    procedure_ = new wxChoice(this, wxID_ANY);
    for (const char* procedure : {"Any procedure", "Statutory", "Corporate"})
        procedure_->Append(procedure);
    procedure_->SetSelection(measure.procedure == "statutory" ? 1 : measure.procedure == "corporate" ? 2 : 0);
    theme_ = new wxChoice(this, wxID_ANY);
    source_type_ = new wxChoice(this, wxID_ANY);
    fill_vocabulary(stage_, stage_codes_, complaint_vocabulary::stages, measure.stage);
    fill_vocabulary(theme_, theme_codes_, complaint_vocabulary::complaint_themes, measure.theme);
    fill_vocabulary(source_type_, source_type_codes_, complaint_vocabulary::compliment_sources, measure.source_type);

    add(left, "&Id:", id_, "id");
    add(left, "&Title:", title_, "title");
    add(left, "Plan &area:", plan_area_, "plan_area");
    add(left, "&Counts:", source_, "source.type");
    add(left, "&Survey:", instrument_, "source.instrument");
    add(left, "&Questions:", questions_, "source.questions");
    add(left, "&Positive:", positive_, "positive");
    left->AddSpacer(0);
    left->Add(default_out_of_base_);
    add(left, "&Left out of base:", out_of_base_, "out_of_base");
    left->AddSpacer(0);
    left->Add(blank_in_base_);
    blank_in_base_->SetName("blank_in_base");
    add(left, "Sta&ge:", stage_, "source.stage");
    add(left, "P&rocedure:", procedure_, "source.procedure");
    add(left, "T&heme:", theme_, "source.theme");
    add(left, "Compliment so&urce:", source_type_, "source.source_type");

    frequency_ = new wxChoice(this, wxID_ANY);
    for (Frequency frequency : frequencies)
        frequency_->Append(wx(to_string(frequency)));
    frequency_->SetSelection(index_of(frequencies, measure.frequency));
    collection_method_ = text(wx(measure.collection_method));
    baseline_ = text(number_text(measure.baseline));
    baseline_period_ = text(wx(measure.baseline_period));
    baseline_period_->SetHint("e.g. 2024-Q4");
    target_ = text(number_text(measure.target));
    polarity_ = new wxChoice(this, wxID_ANY);
    for (const char* polarity : {"Figure will increase", "Figure will decrease", "Figure will be maintained"})
        polarity_->Append(polarity);
    polarity_->SetSelection(index_of(polarities, measure.polarity));
    tolerance_mode_ = new wxChoice(this, wxID_ANY);
    for (const char* mode : {"Percentage points (or units of a count)", "Percent of the target"})
        tolerance_mode_->Append(mode);
    tolerance_mode_->SetSelection(measure.tolerance.mode == ToleranceMode::points ? 0 : 1);
    tolerance_ = text(wxString::FromCDouble(measure.tolerance.amount));
    no_change_band_ = text(wxString::FromCDouble(measure.no_change_band));
    decimals_ = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 3,
                               measure.decimals);
    minimum_base_ = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 100000,
                                   static_cast<int>(measure.minimum_base));
    complete_ = new wxCheckBox(this, wxID_ANY, "Complete (rated Blue)");
    complete_->SetValue(measure.complete);

    add(right, "&Frequency:", frequency_, "frequency");
    add(right, "Collection &method:", collection_method_, "collection_method");
    add(right, "&Baseline:", baseline_, "baseline");
    add(right, "Baseline pe&riod:", baseline_period_, "baseline_period");
    add(right, "Tar&get:", target_, "target");
    add(right, "Pola&rity:", polarity_, "polarity");
    add(right, "Tolerance &in:", tolerance_mode_, "tolerance.mode");
    add(right, "T&olerance:", tolerance_, "tolerance");
    add(right, "&No-change band:", no_change_band_, "no_change_band");
    add(right, "&Decimals shown:", decimals_, "decimals");
    add(right, "Minimum &base:", minimum_base_, "minimum_base");
    right->AddSpacer(0);
    right->Add(complete_);
    complete_->SetName("complete");

    columns->Add(left, 1, wxEXPAND | wxALL, 12);
    columns->Add(right, 1, wxEXPAND | wxALL, 12);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(columns, 1, wxEXPAND);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(sizer);

    source_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { source_changed(); });
    instrument_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { instrument_changed(); });
    questions_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { questions_changed(); });
    default_out_of_base_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        out_of_base_->Enable(!default_out_of_base_->GetValue() && positive_->IsEnabled());
    });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
        wxString problem;
        if (read(&problem))
            event.Skip();
        else
            wxMessageBox(problem, "Chorus", wxOK | wxICON_INFORMATION, this);
    }, wxID_OK);

    // Fill the pickers with what the measure had checked.
    instrument_changed();
    for (std::size_t i = 0; i < question_keys_.size(); ++i)
        questions_->Check(static_cast<unsigned>(i), std::find(measure.questions.begin(), measure.questions.end(),
                                                              question_keys_[i]) != measure.questions.end());
    source_changed();
}

MeasureSource MeasureForm::chosen_source() const
{
    const int chosen = source_->GetSelection();
    return chosen < 0 ? MeasureSource::survey : sources[static_cast<std::size_t>(chosen)].first;
}

void MeasureForm::fill_vocabulary(wxChoice* choice, std::vector<std::string>& codes, std::string_view vocabulary,
                                  const std::string& chosen)
{
    choice->Append("Any");
    choice->SetSelection(0);
    if (const plugin::Vocabulary* terms = session_.complaint_vocabulary(vocabulary))
        for (const Option& term : terms->terms) {
            choice->Append(wx(term.label.empty() ? term.code : term.label));
            codes.push_back(term.code);
            if (term.code == chosen)
                choice->SetSelection(static_cast<int>(codes.size()));
        }
}

std::vector<std::string> MeasureForm::checked(const wxCheckListBox* list, const std::vector<std::string>& codes) const
{
    std::vector<std::string> result;
    for (std::size_t i = 0; i < codes.size(); ++i)
        if (list->IsChecked(static_cast<unsigned>(i)))
            result.push_back(codes[i]);
    return result;
}

void MeasureForm::fill_codes(wxCheckListBox* list, std::vector<std::string>& codes, const std::vector<Option>& options,
                             const std::vector<std::string>& checked_codes)
{
    list->Clear();
    codes.clear();
    for (const Option& option : options) {
        list->Append(wx(option.label.empty() ? option.code : option.label + " (" + option.code + ")"));
        codes.push_back(option.code);
        if (std::find(checked_codes.begin(), checked_codes.end(), option.code) != checked_codes.end())
            list->Check(static_cast<unsigned>(codes.size() - 1));
    }
}

void MeasureForm::source_changed()
{
    const MeasureSource source = chosen_source();
    const bool survey = source == MeasureSource::survey;
    const bool codes = survey || source == MeasureSource::complaint_outcomes;
    instrument_->Enable(survey);
    questions_->Enable(survey);
    blank_in_base_->Enable(survey);
    positive_->Enable(codes);
    default_out_of_base_->Enable(codes);
    out_of_base_->Enable(codes && !default_out_of_base_->GetValue());
    stage_->Enable(!survey && source != MeasureSource::compliments_received);
    procedure_->Enable(!survey && source != MeasureSource::compliments_received);
    theme_->Enable(source == MeasureSource::complaints_received);
    source_type_->Enable(source == MeasureSource::compliments_received);
    questions_changed();
}

void MeasureForm::instrument_changed()
{
    const std::vector<std::string> kept = checked(questions_, question_keys_);
    questions_->Clear();
    question_keys_.clear();
    const int chosen = instrument_->GetSelection();
    if (chosen >= 0) {
        const Instrument instrument = session_.store().instrument(instrument_ids_[static_cast<std::size_t>(chosen)]);
        for (const Question* question : measurable_questions(instrument)) {
            questions_->Append(label_text(question->label));
            question_keys_.push_back(question->key);
            if (std::find(kept.begin(), kept.end(), question->key) != kept.end())
                questions_->Check(static_cast<unsigned>(question_keys_.size() - 1));
        }
    }
    questions_changed();
}

void MeasureForm::questions_changed()
{
    const std::vector<std::string> positive = positive_codes_.empty() ? initial_.positive : checked(positive_, positive_codes_);
    const std::vector<std::string> out = out_codes_.empty() ? initial_.out_of_base.value_or(std::vector<std::string>{})
                                                            : checked(out_of_base_, out_codes_);
    std::vector<Option> options;
    if (chosen_source() == MeasureSource::survey && instrument_->GetSelection() >= 0) {
        const Instrument instrument =
            session_.store().instrument(instrument_ids_[static_cast<std::size_t>(instrument_->GetSelection())]);
        options = options_of_questions(instrument, checked(questions_, question_keys_));
    } else if (chosen_source() == MeasureSource::complaint_outcomes) {
        if (const plugin::Vocabulary* outcomes = session_.complaint_vocabulary(complaint_vocabulary::outcomes))
            options = outcomes->terms;
    }
    fill_codes(positive_, positive_codes_, options, positive);
    fill_codes(out_of_base_, out_codes_, options, out);
}

std::optional<MeasureDefinition> MeasureForm::read(wxString* problem) const
{
    MeasureDefinition measure;
    measure.id = utf8(id_->GetValue().Trim().Trim(false));
    measure.title = utf8(title_->GetValue().Trim().Trim(false));
    measure.plan_area = utf8(plan_area_->GetValue().Trim().Trim(false));
    measure.source = chosen_source();
    auto code_in = [](const wxChoice* choice, const std::vector<std::string>& codes) {
        const int chosen = choice->GetSelection();
        return chosen > 0 ? codes[static_cast<std::size_t>(chosen - 1)] : std::string();
    };
    if (measure.source == MeasureSource::survey) {
        if (instrument_->GetSelection() >= 0)
            measure.instrument = instrument_ids_[static_cast<std::size_t>(instrument_->GetSelection())];
        measure.questions = checked(questions_, question_keys_);
        measure.blank_in_base = blank_in_base_->GetValue();
    } else if (measure.source != MeasureSource::compliments_received) {
        measure.stage = code_in(stage_, stage_codes_);
        const int procedure = procedure_->GetSelection();
        measure.procedure = procedure == 1 ? "statutory" : procedure == 2 ? "corporate" : "";
        if (measure.source == MeasureSource::complaints_received)
            measure.theme = code_in(theme_, theme_codes_);
    } else {
        measure.source_type = code_in(source_type_, source_type_codes_);
    }
    if (measure.source == MeasureSource::survey || measure.source == MeasureSource::complaint_outcomes) {
        measure.positive = checked(positive_, positive_codes_);
        if (!default_out_of_base_->GetValue())
            measure.out_of_base = checked(out_of_base_, out_codes_);
    }
    measure.frequency = frequencies[std::max(0, frequency_->GetSelection())];
    measure.collection_method = utf8(collection_method_->GetValue().Trim().Trim(false));
    measure.baseline_period = utf8(baseline_period_->GetValue().Trim().Trim(false));
    measure.polarity = polarities[std::max(0, polarity_->GetSelection())];
    measure.decimals = decimals_->GetValue();
    measure.minimum_base = minimum_base_->GetValue();
    measure.complete = complete_->GetValue();

    bool bad = false;
    wxString which;
    auto number = [&](const wxTextCtrl* box, const wxString& name) {
        bool this_bad = false;
        auto value = number_in(box, this_bad);
        if (this_bad && !bad)
            which = name;
        bad = bad || this_bad;
        return value;
    };
    measure.baseline = number(baseline_, "Baseline");
    measure.target = number(target_, "Target");
    const auto tolerance = number(tolerance_, "Tolerance");
    const auto band = number(no_change_band_, "No-change band");
    if (!bad && (!tolerance || !band)) {
        bad = true;
        which = !tolerance ? "Tolerance" : "No-change band";
    }
    if (bad) {
        if (problem)
            *problem = which + " must be a number, such as 85 or 2.5.";
        return std::nullopt;
    }
    measure.tolerance = {tolerance_mode_->GetSelection() == 1 ? ToleranceMode::relative_percent : ToleranceMode::points,
                         *tolerance};
    measure.no_change_band = *band;
    return measure;
}

} // namespace chorus::gui
