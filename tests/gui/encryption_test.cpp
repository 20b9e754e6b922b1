// Opening an encrypted database in the app: Session::open asks for the passphrase until it
// is right, and giving up leaves the database closed; the real passphrase dialog answers it.
#include "session.hpp"
#include "sign_in_dialog_ui.hpp"

#include "chorus/encryption.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/testing.h>
#include <wx/textdlg.h>

#include <algorithm>
#include <filesystem>

using namespace chorus;
using namespace chorus::gui;

namespace {

// Types `value` into the passphrase dialog and presses OK, keeping what the dialog said.
class EnterPassphrase : public wxExpectModalBase<wxPasswordEntryDialog, EnterPassphrase> {
public:
    explicit EnterPassphrase(const wxString& value) : value_(value) {}

protected:
    int OnInvoked(wxPasswordEntryDialog* dialog) const override
    {
        dialog->SetValue(value_);
        return wxID_OK;
    }

private:
    wxString value_;
};

class EncryptionTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-gui-" + new_uuid());
    std::filesystem::path file = folder / "secret.db";
    Session session;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        { Store store(file); }
        encrypt_database(file, "the right one", "setup");
        session.load_plugins(nullptr);
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }
};

} // namespace

TEST_F(EncryptionTest, AWrongPassphraseIsAskedAgainWithTheReason)
{
    std::vector<std::string> problems;
    session.open(file, false, {}, [&](const std::string& problem) -> std::optional<std::string> {
        problems.push_back(problem);
        return problems.size() == 1 ? "not it" : "the right one";
    });
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "");
    EXPECT_EQ(problems[1], "that passphrase is not right");
    ASSERT_TRUE(session.is_open());
    const auto log = session.store().audit_log(1000); // newest first: the plugins were loaded after the conversion
    EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const AuditEntry& entry) { return entry.action == "database.encrypt"; }));
}

TEST_F(EncryptionTest, GivingUpOrNoPromptLeavesItClosed)
{
    try {
        session.open(file, false, {}, [](const std::string&) -> std::optional<std::string> { return std::nullopt; });
        FAIL() << "opened without a passphrase";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), file.string() + ": not opened; no passphrase was given");
    }
    EXPECT_FALSE(session.is_open());
    EXPECT_THROW(session.open(file, false), Error);
    EXPECT_FALSE(session.is_open());
}

TEST_F(EncryptionTest, ThePassphraseDialogOpensTheDatabase)
{
    wxTEST_DIALOG(session.open(file, false, {}, passphrase_prompt(nullptr, file)),
                  EnterPassphrase("wrong"), EnterPassphrase("the right one"));
    EXPECT_TRUE(session.is_open());
}

TEST_F(EncryptionTest, CancelInThePassphraseDialogLeavesItClosed)
{
    wxTEST_DIALOG(EXPECT_THROW(session.open(file, false, {}, passphrase_prompt(nullptr, file)), Error),
                  wxExpectDismissableModal<wxPasswordEntryDialog>(wxID_CANCEL));
    EXPECT_FALSE(session.is_open());
}
