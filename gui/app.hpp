#pragma once
// The application: command line, settings, plugins, the database and the main window.
//   chorus [--db FILE] [--demo] [--view capture|responses|analysis|complaints|compliments|scorecard|plugins]
//          [--measure-set FILE]
// Without --db it opens the database in the user's data folder and seeds the demo data
// on first run; --demo seeds it into FILE too.
#include "navigation.hpp"

#include <wx/app.h>

#include <filesystem>
#include <memory>
#include <optional>

namespace chorus::gui {

class MainFrame;
class Session;

struct AppOptions {
    std::optional<std::filesystem::path> database;
    bool demo = false;
    std::optional<View> view;
    std::optional<std::filesystem::path> measure_set; // opened in the scorecard
};

// Points wxConfig at <user config dir>/chorus/chorus.conf (XDG on Linux).
void use_chorus_settings();

// Loads plugins (with progress), opens the database and shows the main window; on a
// database that cannot be opened, says why (naming the file) and offers another.
// nullptr when the user gives up.
MainFrame* start(Session& session, const AppOptions& options);

class ChorusApp : public wxApp {
public:
    ChorusApp();
    ~ChorusApp() override;
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    AppOptions options_;
    std::unique_ptr<Session> session_;
};

} // namespace chorus::gui
