#include "main_frame.hpp"

#include "analysis_view.hpp"
#include "capture_form_ui.hpp"
#include "child_mode_ui.hpp"
#include "complaints_view.hpp"
#include "export_dialog_ui.hpp"
#include "plugins_view.hpp"
#include "response_import_dialog_ui.hpp"
#include "retention_dialog_ui.hpp"
#include "responses_view.hpp"
#include "scorecard_view.hpp"
#include "session.hpp"
#include "sign_in_dialog_ui.hpp"
#include "wx_text.hpp"

#include "chorus/version.hpp"

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/simplebook.h>
#include <wx/splitter.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/toolbar.h>
#include <wx/treectrl.h>

namespace chorus::gui {

namespace {

// Menu ids, one per place the View menu and toolbar reach, plus the commands.
enum MenuId {
    id_view_capture = wxID_HIGHEST + 1,
    id_view_responses,
    id_view_analysis,
    id_view_complaints,
    id_view_compliments,
    id_view_scorecard,
    id_view_plugins,
    id_child_mode,
    id_open_measure_set,
    id_new_measure_set,
    id_edit_measure_set,
    id_import_responses,
    id_export,
    id_retention,
};

class PlaceData : public wxTreeItemData {
public:
    explicit PlaceData(Place where) : place(std::move(where)) {}
    Place place;
};

} // namespace

MainFrame::MainFrame(Session& session)
    : wxFrame(nullptr, wxID_ANY, "Chorus", wxDefaultPosition, wxSize(1360, 860)), session_(session)
{
    wxConfigBase* config = wxConfigBase::Get();
    const int width = static_cast<int>(config->ReadLong("window/width", 1360));
    const int height = static_cast<int>(config->ReadLong("window/height", 860));
    SetSize(wxSize(std::max(800, width), std::max(560, height)));
    if (config->ReadBool("window/maximised", false))
        Maximize();

    build_menus();
    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
    tree_ = new wxTreeCtrl(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_SINGLE | wxTR_FULL_ROW_HIGHLIGHT | wxTR_NO_LINES);
    tree_->SetName("navigation");
    book_ = new wxSimplebook(splitter);
    capture_ = new CapturePanel(book_, session_);
    responses_ = new ResponsesView(book_, session_);
    analysis_ = new AnalysisView(book_, session_);
    complaints_ = new ComplaintsView(book_, session_);
    scorecard_ = new ScorecardView(book_, session_);
    plugins_ = new PluginsView(book_, session_);
    // In the order of go_to()'s pages.
    for (wxWindow* page : std::initializer_list<wxWindow*>{capture_, responses_, analysis_, complaints_, scorecard_, plugins_})
        book_->AddPage(page, page->GetName());
    splitter->SplitVertically(tree_, book_, 300);
    splitter->SetMinimumPaneSize(180);
    CreateStatusBar(2);
    const int widths[] = {-3, -2};
    GetStatusBar()->SetStatusWidths(2, widths);

    capture_->on_saved = [this] {
        SetStatusText("Saved. Ready for the next response.", 0);
        update_status();
    };
    capture_->on_child_mode = [this] { ask_pin_and_enter_child_mode(); };
    tree_->Bind(wxEVT_TREE_SEL_CHANGED, &MainFrame::navigation_chosen, this);
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        save_settings();
        event.Skip();
    });
    reload();
    const auto last = Place::from_key(utf8(config->Read("window/place", "responses")));
    go_to(last ? *last : Place{});
}

void MainFrame::build_menus()
{
    auto* file = new wxMenu;
    file->Append(wxID_NEW, "&New database...\tCtrl+N", "Start an empty Chorus database in a file you choose");
    file->Append(wxID_OPEN, "&Open database...\tCtrl+O", "Open another Chorus database");
    file->AppendSeparator();
    file->Append(id_import_responses, "&Import responses...", "Responses from a CSV or XLSX file, e.g. an online form's export");
    file->AppendSeparator();
    file->Append(id_open_measure_set, "Open &measure set...", "Report a measure set (a JSON file) in the scorecard");
    file->Append(id_new_measure_set, "New measure se&t...", "Define a new set of feedback measures");
    file->Append(id_edit_measure_set, "&Edit measure set...", "Edit the measures of the scorecard's set");
    file->AppendSeparator();
    file->Append(id_export, "E&xport...\tCtrl+E", "Export responses as CSV, XLSX or JSON, or the plan report as HTML or PDF");
    file->AppendSeparator();
    file->Append(id_retention, "Records &retention...", "How long records are kept, legal holds, and purging what is past it");
    file->AppendSeparator();
    file->Append(wxID_EXIT, "&Quit\tCtrl+Q");
    auto* view = new wxMenu;
    view->Append(id_view_capture, "&Capture\tCtrl+1");
    view->Append(id_view_responses, "&Responses\tCtrl+2");
    view->Append(id_view_analysis, "&Analysis\tCtrl+3");
    view->Append(id_view_complaints, "Com&plaints register\tCtrl+4");
    view->Append(id_view_compliments, "Co&mpliments\tCtrl+5");
    view->Append(id_view_scorecard, "&Scorecard\tCtrl+6");
    view->Append(id_view_plugins, "Plu&gins\tCtrl+7");
    auto* capture = new wxMenu;
    capture->Append(id_child_mode, "Hand to a &child...\tCtrl+Shift+C",
                    "Full screen, one question per page; leaving needs your PIN");
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, "&About Chorus");
    auto* bar = new wxMenuBar;
    bar->Append(file, "&File");
    bar->Append(view, "&View");
    bar->Append(capture, "&Capture");
    bar->Append(help, "&Help");
    SetMenuBar(bar);

    wxToolBar* tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_FLAT);
    auto art = [](const wxArtID& id) { return wxArtProvider::GetBitmapBundle(id, wxART_TOOLBAR, wxSize(24, 24)); };
    tools->AddTool(wxID_OPEN, "Open", art(wxART_FILE_OPEN), "Open another database");
    tools->AddSeparator();
    tools->AddTool(id_view_capture, "Capture", art(wxART_EDIT), "Capture a response");
    tools->AddTool(id_view_responses, "Responses", art(wxART_REPORT_VIEW), "Every response, filtered");
    tools->AddTool(id_view_analysis, "Analysis", art(wxART_LIST_VIEW), "Figures per question");
    tools->AddTool(id_view_complaints, "Complaints", art(wxART_WARNING), "The complaints register");
    tools->AddTool(id_view_scorecard, "Scorecard", art(wxART_TIP), "Feedback measures: RAG and direction of travel");
    tools->AddTool(id_child_mode, "Child mode", art(wxART_GO_FORWARD), "Hand the laptop to a child");
    tools->Realize();

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { choose_database(true); }, wxID_NEW);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { choose_database(false); }, wxID_OPEN);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_about(); }, wxID_ABOUT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        ResponseImportDialog dialog(this, session_);
        if (dialog.ShowModal() == wxID_OK)
            reload();
    }, id_import_responses);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        // A report defaults to the measure set the scorecard shows.
        ExportDialog(this, session_, scorecard_->measure_set() ? scorecard_->file() : std::filesystem::path())
            .ShowModal();
    }, id_export);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        RetentionDialog(this, session_).ShowModal();
        reload(); // a purge may have deleted what the views show
    }, id_retention);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ask_pin_and_enter_child_mode(); }, id_child_mode);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        go_to({View::scorecard, {}});
        scorecard_->choose_measure_set();
    }, id_open_measure_set);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        go_to({View::scorecard, {}});
        scorecard_->edit_measure_set(true);
    }, id_new_measure_set);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        go_to({View::scorecard, {}});
        scorecard_->edit_measure_set(scorecard_->measure_set() == nullptr);
    }, id_edit_measure_set);
    const std::pair<int, View> views[] = {{id_view_capture, View::capture},       {id_view_responses, View::responses},
                                          {id_view_analysis, View::analysis},     {id_view_complaints, View::complaints},
                                          {id_view_compliments, View::compliments}, {id_view_scorecard, View::scorecard},
                                          {id_view_plugins, View::plugins}};
    for (const auto& [id, target] : views)
        Bind(wxEVT_MENU, [this, target = target](wxCommandEvent&) { go_to({target, place_.instrument_id}); }, id);
}

// Plugins first, each with its instruments (capture, responses, analysis); then the
// complaints register, the scorecard and the plugin list.
void MainFrame::build_navigation()
{
    tree_->DeleteAllItems();
    nodes_.clear();
    const wxTreeItemId root = tree_->AddRoot("Chorus");
    auto add = [this](const wxTreeItemId& parent, const wxString& label, const Place& place) {
        if (!session_.permits(view_permission(place.view)))
            return parent; // not offered to this role
        const wxTreeItemId node = tree_->AppendItem(parent, label, -1, -1, new PlaceData(place));
        nodes_.emplace(place.key(), node);
        return node;
    };
    const auto instruments = session_.instruments();
    std::map<std::string, std::vector<const InstrumentSummary*>> by_plugin;
    for (const auto& summary : instruments)
        by_plugin[summary.plugin].push_back(&summary);
    auto plugin_name = [this](const std::string& id) -> wxString {
        if (id.empty())
            return "Imported surveys";
        const auto* loaded = session_.plugins().find(id);
        return loaded ? label_text(loaded->info.name) : wx(id);
    };
    for (const auto& [plugin, members] : by_plugin) {
        const wxTreeItemId group = tree_->AppendItem(root, plugin_name(plugin));
        tree_->SetItemBold(group);
        for (const InstrumentSummary* summary : members) {
            const wxTreeItemId item = add(group, label_text(summary->title), {View::capture, summary->id});
            add(item, "Capture", {View::capture, summary->id});
            add(item, "Responses", {View::responses, summary->id});
            add(item, "Analysis", {View::analysis, summary->id});
        }
        tree_->Expand(group);
    }
    if (session_.permits(Permission::manage_complaints)) {
        const wxTreeItemId registers = tree_->AppendItem(root, "Complaints and compliments");
        tree_->SetItemBold(registers);
        add(registers, "Complaints register", {View::complaints, {}});
        add(registers, "Compliments", {View::compliments, {}});
        tree_->Expand(registers);
    }
    if (session_.permits(Permission::analyse)) {
        const wxTreeItemId all = tree_->AppendItem(root, "All surveys");
        tree_->SetItemBold(all);
        add(all, "All responses", {View::responses, {}});
    }
    add(root, "Scorecard", {View::scorecard, {}});
    add(root, "Plugins", {View::plugins, {}});
}

void MainFrame::apply_role()
{
    wxMenuBar* bar = GetMenuBar();
    const std::pair<int, Permission> gated[] = {
        {id_import_responses, Permission::import_data}, {id_open_measure_set, Permission::analyse},
        {id_new_measure_set, Permission::edit_measures}, {id_edit_measure_set, Permission::edit_measures},
        {id_export, Permission::export_data},           {id_retention, Permission::manage_retention},
        {id_view_capture, view_permission(View::capture)},
        {id_view_responses, view_permission(View::responses)}, {id_view_analysis, view_permission(View::analysis)},
        {id_view_complaints, view_permission(View::complaints)},
        {id_view_compliments, view_permission(View::compliments)},
        {id_view_scorecard, view_permission(View::scorecard)}, {id_view_plugins, view_permission(View::plugins)}};
    wxToolBar* tools = GetToolBar();
    for (const auto& [id, permission] : gated) {
        bar->Enable(id, session_.permits(permission));
        if (tools->FindById(id))
            tools->EnableTool(id, session_.permits(permission));
    }
}

void MainFrame::navigation_chosen(wxTreeEvent& event)
{
    if (auto* data = dynamic_cast<PlaceData*>(tree_->GetItemData(event.GetItem())); data && !(data->place == place_))
        go_to(data->place);
}

void MainFrame::go_to(const Place& place)
{
    place_ = place;
    if (!session_.permits(view_permission(place_.view)))
        place_.view = View::capture; // the one view every role has
    const auto instruments = session_.instruments();
    const bool known = std::any_of(instruments.begin(), instruments.end(),
                                   [&](const InstrumentSummary& s) { return s.id == place.instrument_id; });
    if (!known && place_.view == View::capture && !instruments.empty())
        place_.instrument_id = instruments.front().id;
    else if (!known)
        place_.instrument_id.clear();
    try {
        switch (place_.view) {
        case View::capture:
            if (!place_.instrument_id.empty()
                && (!capture_->has_instrument() || capture_->form().instrument().id != place_.instrument_id))
                capture_->show_instrument(session_.store().instrument(place_.instrument_id));
            book_->ChangeSelection(0);
            break;
        case View::responses:
            responses_->show_instrument(place_.instrument_id);
            book_->ChangeSelection(1);
            break;
        case View::analysis:
            if (!place_.instrument_id.empty())
                analysis_->show_instrument(place_.instrument_id);
            book_->ChangeSelection(2);
            break;
        case View::complaints:
        case View::compliments:
            complaints_->show_compliments(place_.view == View::compliments);
            book_->ChangeSelection(3);
            break;
        case View::scorecard:
            book_->ChangeSelection(4);
            scorecard_->shown();
            break;
        case View::plugins:
            book_->ChangeSelection(5);
            break;
        }
    } catch (const std::exception& error) {
        show_error(this, "That view could not be shown.", error);
    }
    if (auto node = nodes_.find(place_.key()); node == nodes_.end())
        tree_->UnselectAll(); // a place with no node of its own (analysis of the survey chosen there)
    else if (tree_->GetSelection() != node->second)
        tree_->SelectItem(node->second);
    GetMenuBar()->Enable(id_child_mode, place_.view == View::capture && capture_->has_instrument());
}

void MainFrame::reload()
{
    apply_role();
    build_navigation();
    const auto instruments = session_.instruments();
    const std::string shown = place_.view == View::capture && !place_.instrument_id.empty()
                                  ? place_.instrument_id : instruments.empty() ? "" : instruments.front().id;
    if (!shown.empty())
        capture_->show_instrument(session_.store().instrument(shown));
    responses_->reload();
    analysis_->reload();
    complaints_->reload();
    scorecard_->reload();
    plugins_->reload();
    update_status();
    SetTitle("Chorus - " + wx(session_.store().file().filename().string()));
}

bool MainFrame::open_database(const std::filesystem::path& file, bool create)
{
    if (!create && !std::filesystem::exists(file)) {
        wxMessageBox(wx(file.string()) + "\n\nThere is no such file.", "Chorus", wxOK | wxICON_ERROR, this);
        return false;
    }
    try {
        session_.open(file, false, sign_in_prompt(this, file), passphrase_prompt(this, file));
        reload();
        go_to(place_);
    } catch (const std::exception& error) {
        show_error(this, "Chorus could not open " + wx(file.filename().string()) + ".", error);
        return false;
    }
    return true;
}

void MainFrame::choose_database(bool create)
{
    wxFileDialog dialog(this, create ? "New Chorus database" : "Open a Chorus database", "", create ? "chorus.db" : "",
                        "Chorus databases (*.db)|*.db|All files|*",
                        create ? wxFD_SAVE | wxFD_OVERWRITE_PROMPT : wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    const std::filesystem::path file(utf8(dialog.GetPath()));
    if (create && std::filesystem::exists(file)) {
        wxMessageBox(wx(file.string()) + "\n\nThis file already exists. Choose Open to use it, or a new name.",
                     "Chorus", wxOK | wxICON_INFORMATION, this);
        return;
    }
    open_database(file, create);
}

ChildModeFrame* MainFrame::enter_child_mode(const std::string& pin)
{
    if (!capture_->has_instrument())
        return nullptr;
    auto* child = new ChildModeFrame(this, session_, capture_->form().instrument(), hash_pin(pin));
    child->on_left = [this] {
        Show();
        Raise();
        update_status();
    };
    Hide(); // nothing of the app behind the child's screen
    child->Show();
    child->ShowFullScreen(true);
    return child;
}

void MainFrame::ask_pin_and_enter_child_mode()
{
    if (!capture_->has_instrument())
        return;
    wxPasswordEntryDialog first(this, "Choose a PIN of 4 to 12 digits. You will need it to leave child mode.",
                                "Hand to a child");
    if (first.ShowModal() != wxID_OK)
        return;
    wxPasswordEntryDialog again(this, "Type the PIN again.", "Hand to a child");
    if (again.ShowModal() != wxID_OK)
        return;
    if (first.GetValue() != again.GetValue()) {
        wxMessageBox("The two PINs are not the same. Child mode was not started.", "Chorus", wxOK | wxICON_INFORMATION, this);
        return;
    }
    try {
        enter_child_mode(utf8(first.GetValue()));
    } catch (const std::exception& error) {
        show_error(this, "Child mode was not started.", error);
    }
}

void MainFrame::show_about()
{
    wxAboutDialogInfo info;
    info.SetName("Chorus");
    info.SetVersion(CHORUS_VERSION_STRING);
    wxString plugins = "Surveys and feedback for children's social care.\n\nPlugins:\n";
    for (const auto& loaded : session_.plugins().loaded())
        plugins += "  " + wx(loaded.info.name) + " " + wx(loaded.info.version) + "\n";
    if (session_.plugins().loaded().empty())
        plugins += "  (none loaded)\n";
    if (!session_.plugins().refused().empty())
        plugins += wxString::Format("%zu refused: see View > Plugins\n", session_.plugins().refused().size());
    plugins += "\nwxWidgets " + wxString(wxVERSION_NUM_DOT_STRING);
    info.SetDescription(plugins);
    wxAboutBox(info, this);
}

void MainFrame::update_status()
{
    wxString where = wx(session_.store().file().string());
    if (session_.has_accounts())
        where += "  -  signed in as " + wx(session_.actor()) + " (" + wx(role_name(session_.role())) + ")";
    SetStatusText(where, 0);
    SetStatusText(wxString::Format("%lld responses", static_cast<long long>(session_.store().count_responses())), 1);
}

void MainFrame::save_settings()
{
    wxConfigBase* config = wxConfigBase::Get();
    config->Write("window/maximised", IsMaximized());
    if (!IsMaximized() && !IsFullScreen()) {
        config->Write("window/width", GetSize().x);
        config->Write("window/height", GetSize().y);
    }
    config->Write("window/place", wx(place_.key()));
    config->Flush();
}

} // namespace chorus::gui
