#pragma once
// The main window: navigation by plugin and instrument on the left, the chosen view on
// the right, menus, toolbar and status bar. Remembers its size and last place.
#include "navigation.hpp"

#include <wx/frame.h>

#include <filesystem>
#include <map>

class wxSimplebook;
class wxTreeCtrl;
class wxTreeEvent;
class wxTreeItemId;

namespace chorus::gui {

class AnalysisView;
class CapturePanel;
class ChildModeFrame;
class ComplaintsView;
class PluginsView;
class ResponsesView;
class ScorecardView;
class Session;

class MainFrame : public wxFrame {
public:
    explicit MainFrame(Session& session);

    // Shows a place; an instrument that is not in the database falls back to the first one.
    void go_to(const Place& place);
    const Place& place() const { return place_; }
    // Opens another database; on failure shows the error naming the file and keeps the
    // database open before. True when opened.
    bool open_database(const std::filesystem::path& file, bool create);
    // Reloads every view from the database (after opening one).
    void reload();
    // Child mode for the capture view's instrument, guarded by the PIN's hash.
    ChildModeFrame* enter_child_mode(const std::string& pin);

    CapturePanel& capture() { return *capture_; }
    ResponsesView& responses() { return *responses_; }
    AnalysisView& analysis() { return *analysis_; }
    ComplaintsView& complaints() { return *complaints_; }
    PluginsView& plugins() { return *plugins_; }
    ScorecardView& scorecard() { return *scorecard_; }

private:
    void build_menus();
    void build_navigation();
    // Enables the menu items the signed-in role may use (access.hpp).
    void apply_role();
    void navigation_chosen(wxTreeEvent& event);
    void choose_database(bool create);
    void ask_pin_and_enter_child_mode();
    void show_about();
    void update_status();
    void save_settings();

    Session& session_;
    Place place_;
    wxTreeCtrl* tree_ = nullptr;
    wxSimplebook* book_ = nullptr;
    CapturePanel* capture_ = nullptr;
    ResponsesView* responses_ = nullptr;
    AnalysisView* analysis_ = nullptr;
    ComplaintsView* complaints_ = nullptr;
    PluginsView* plugins_ = nullptr;
    ScorecardView* scorecard_ = nullptr;
    std::map<std::string, wxTreeItemId> nodes_; // Place::key() -> its tree node
};

} // namespace chorus::gui
