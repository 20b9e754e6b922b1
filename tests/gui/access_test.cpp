// Signing in to a database with user accounts, and what a worker's main window offers: the
// capture view only, with exports, imports and measure sets switched off.
#include "main_frame.hpp"
#include "session.hpp"

#include "chorus/store.hpp"
#include "chorus/users.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/menu.h>
#include <wx/toolbar.h>
#include <wx/treectrl.h>

#include <filesystem>

using namespace chorus;
using namespace chorus::gui;

namespace {

class AccessTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    std::filesystem::path file = folder / "accounts.db";
    Session session;
    MainFrame* frame = nullptr;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        Store store(file);
        UserDirectory users(store);
        users.add("ali", Role::admin, "ali's password", "setup");
        users.add("sam", Role::worker, "sam's password", "ali");
        session.load_plugins(nullptr);
    }

    void TearDown() override
    {
        if (frame)
            frame->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    std::vector<wxString> tree_labels()
    {
        std::vector<wxString> labels;
        wxTreeCtrl* tree = dynamic_cast<wxTreeCtrl*>(wxWindow::FindWindowByName("navigation", frame));
        std::function<void(const wxTreeItemId&)> walk = [&](const wxTreeItemId& item) {
            wxTreeItemIdValue cookie;
            for (auto child = tree->GetFirstChild(item, cookie); child.IsOk(); child = tree->GetNextChild(item, cookie)) {
                labels.push_back(tree->GetItemText(child));
                walk(child);
            }
        };
        walk(tree->GetRootItem());
        return labels;
    }
};

} // namespace

TEST_F(AccessTest, AWrongPasswordIsAskedAgainWithTheReason)
{
    std::vector<std::string> problems;
    session.open(file, false, [&](const std::string& problem) -> std::optional<std::pair<std::string, std::string>> {
        problems.push_back(problem);
        if (problems.size() == 1)
            return std::make_pair(std::string("sam"), std::string("not it"));
        return std::make_pair(std::string("sam"), std::string("sam's password"));
    });
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "");
    EXPECT_NE(problems[1].find("not right"), std::string::npos);
    EXPECT_EQ(session.actor(), "sam");
    EXPECT_EQ(session.role(), Role::worker);
}

TEST_F(AccessTest, GivingUpOrNoPromptDoesNotOpenTheDatabase)
{
    EXPECT_THROW(session.open(file, false), Error);
    EXPECT_THROW(session.open(file, false, [](const std::string&) { return std::nullopt; }), Error);
    EXPECT_FALSE(session.is_open());
}

TEST_F(AccessTest, AWorkerHasTheCaptureViewOnly)
{
    session.open(file, false, [](const std::string&) {
        return std::optional(std::make_pair(std::string("sam"), std::string("sam's password")));
    });
    frame = new MainFrame(session);
    frame->Show();
    frame->go_to({View::responses, {}});
    EXPECT_EQ(frame->place().view, View::capture) << "a worker cannot open the responses list";
    wxMenuBar* bar = frame->GetMenuBar();
    for (const char* label : {"E&xport...\tCtrl+E", "&Import responses...", "Open &measure set...", "Records &retention..."}) {
        const int id = bar->FindMenuItem("&File", wxString(label).BeforeFirst('\t'));
        ASSERT_NE(id, wxNOT_FOUND) << label;
        EXPECT_FALSE(bar->IsEnabled(id)) << label;
    }
    wxToolBar* tools = frame->GetToolBar();
    for (std::size_t i = 0; i < tools->GetToolsCount(); ++i) {
        const wxToolBarToolBase* tool = tools->GetToolByPos(static_cast<int>(i));
        if (!tool->IsButton())
            continue;
        const bool for_workers = tool->GetLabel() == "Open" || tool->GetLabel() == "Capture"
                                 || tool->GetLabel() == "Child mode";
        EXPECT_EQ(tool->IsEnabled(), for_workers) << tool->GetLabel();
    }
    const auto labels = tree_labels();
    EXPECT_EQ(std::count(labels.begin(), labels.end(), "Complaints register"), 0);
    EXPECT_EQ(std::count(labels.begin(), labels.end(), "Responses"), 0);
    EXPECT_EQ(std::count(labels.begin(), labels.end(), "Scorecard"), 0);
    EXPECT_GT(std::count(labels.begin(), labels.end(), "Capture"), 0);
    EXPECT_NE(frame->GetStatusBar()->GetStatusText(0).Find("signed in as sam (worker)"), wxNOT_FOUND);
}

TEST_F(AccessTest, AnAdminHasEverything)
{
    session.open(file, false, [](const std::string&) {
        return std::optional(std::make_pair(std::string("ali"), std::string("ali's password")));
    });
    frame = new MainFrame(session);
    frame->go_to({View::responses, {}});
    EXPECT_EQ(frame->place().view, View::responses);
    const auto labels = tree_labels();
    EXPECT_EQ(std::count(labels.begin(), labels.end(), "Complaints register"), 1);
}
