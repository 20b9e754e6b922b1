#include "app.hpp"

#include "main_frame.hpp"
#include "progress_dialog.hpp"
#include "scorecard_view.hpp"
#include "session.hpp"
#include "sign_in_dialog_ui.hpp"
#include "wx_text.hpp"

#include "chorus/paths.hpp"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filedlg.h>
#include <wx/stdpaths.h>

namespace chorus::gui {

void use_chorus_settings()
{
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
    // The file named in full (<user config dir>/chorus/chorus.conf), and its folder made:
    // wxFileConfig does not create it, and the first save would fail (and log) without it.
    const std::filesystem::path file =
        std::filesystem::path(utf8(wxStandardPaths::Get().GetUserConfigDir())) / "chorus" / "chorus.conf";
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);
    delete wxConfigBase::Set(new wxFileConfig("chorus", "", wx(file.string()), "", wxCONFIG_USE_LOCAL_FILE));
}

MainFrame* start(Session& session, const AppOptions& options)
{
    {
        ProgressDialog progress(nullptr, "Chorus: loading plugins");
        session.load_plugins(&progress);
    }
    std::filesystem::path file = options.database ? *options.database : default_database_path();
    const bool seed = !options.database || options.demo;
    for (;;) {
        try {
            session.open(file, seed && file == (options.database ? *options.database : default_database_path()),
                         sign_in_prompt(nullptr, file), passphrase_prompt(nullptr, file));
            break;
        } catch (const std::exception& error) {
            show_error(nullptr, "Chorus could not open " + wx(file.filename().string()) + ".", error);
        }
        wxFileDialog dialog(nullptr, "Open a Chorus database", "", "", "Chorus databases (*.db)|*.db|All files|*",
                            wxFD_OPEN);
        if (dialog.ShowModal() != wxID_OK)
            return nullptr;
        file = utf8(dialog.GetPath());
    }
    auto* frame = new MainFrame(session);
    if (options.view)
        frame->go_to({*options.view, frame->place().instrument_id});
    frame->Show();
    if (options.measure_set) {
        frame->go_to({View::scorecard, {}});
        frame->scorecard().open_measure_set(*options.measure_set);
    }
    return frame;
}

ChorusApp::ChorusApp() = default;
ChorusApp::~ChorusApp() = default;

void ChorusApp::OnInitCmdLine(wxCmdLineParser& parser)
{
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "db", "the Chorus database to open (default: the one in your data folder)");
    parser.AddSwitch("", "demo", "seed the demo data into --db FILE when it has none");
    parser.AddOption("", "measure-set", "a measure set (JSON) to report in the scorecard");
    parser.AddOption("", "view", "the view to open: capture, responses, analysis, complaints, compliments, scorecard, plugins");
}

bool ChorusApp::OnCmdLineParsed(wxCmdLineParser& parser)
{
    if (!wxApp::OnCmdLineParsed(parser))
        return false;
    wxString value;
    if (parser.Found("db", &value))
        options_.database = std::filesystem::path(utf8(value));
    options_.demo = parser.Found("demo");
    if (parser.Found("measure-set", &value))
        options_.measure_set = std::filesystem::path(utf8(value));
    if (parser.Found("view", &value)) {
        options_.view = view_from_name(utf8(value));
        if (!options_.view) {
            wxMessageOutputStderr().Printf("chorus: unknown view \"%s\"\n", value);
            return false;
        }
    }
    return true;
}

bool ChorusApp::OnInit()
{
    if (!wxApp::OnInit())
        return false;
    SetAppName("chorus");
    SetAppDisplayName("Chorus");
    use_chorus_settings();
    session_ = std::make_unique<Session>();
    return start(*session_, options_) != nullptr;
}

} // namespace chorus::gui
