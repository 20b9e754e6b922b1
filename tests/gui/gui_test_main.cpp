// GTest owns main; wx starts in a GTest environment, so listing the tests (at build or
// discovery time) never needs a display.
#include "app.hpp"

#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/init.h>
#include <wx/log.h>

#include <cstdlib>
#include <filesystem>

namespace {

class TestApp : public wxApp {
public:
    bool OnInit() override { return true; } // each test opens its own windows
};

class WxEnvironment : public ::testing::Environment {
public:
    WxEnvironment(int& argc, char** argv) : argc_(argc), argv_(argv) {}

    void SetUp() override
    {
        // Settings go to a folder of the run's own, never the user's.
        settings_ = std::filesystem::temp_directory_path() / ("chorus-gui-tests-" + std::to_string(::getpid()));
        std::filesystem::create_directories(settings_);
        ::setenv("XDG_CONFIG_HOME", settings_.c_str(), 1);
        ::setenv("CHORUS_DATA_DIR", settings_.c_str(), 1);
        ASSERT_TRUE(wxEntryStart(argc_, argv_)) << "wx could not start: is there a display (xvfb-run)?";
        ASSERT_TRUE(wxTheApp->CallOnInit());
        // A wx assertion fails the test instead of waiting on a dialog nobody will answer.
        wxSetAssertHandler([](const wxString& file, int line, const wxString& function, const wxString& condition,
                              const wxString& message) {
            ADD_FAILURE_AT(file.utf8_str(), line)
                << "wx assertion " << condition.utf8_str() << " in " << function.utf8_str() << ": " << message.utf8_str();
        });
        wxTheApp->SetAppName("chorus"); // as the app is named, so its settings land in XDG_CONFIG_HOME
        chorus::gui::use_chorus_settings();
        // A logged error goes to the test output, never to a dialog nobody will close.
        delete wxLog::SetActiveTarget(new wxLogStderr);
    }

    void TearDown() override
    {
        wxTheApp->OnExit();
        wxEntryCleanup();
        std::error_code ignored;
        std::filesystem::remove_all(settings_, ignored);
    }

private:
    int& argc_;
    char** argv_;
    std::filesystem::path settings_;
};

} // namespace

wxIMPLEMENT_APP_NO_MAIN(TestApp);

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new WxEnvironment(argc, argv));
    return RUN_ALL_TESTS();
}
