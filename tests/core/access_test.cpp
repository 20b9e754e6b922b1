// Roles, user accounts and signing in, on a real database; and chorus-cli refusing what a
// role may not do, run as the real binary.
#include "chorus/access.hpp"
#include "chorus/store.hpp"
#include "chorus/users.hpp"
#include "cli_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace chorus;
namespace fs = std::filesystem;

TEST(Access, EachRoleMayDoWhatTheOneBeforeMayAndMore)
{
    EXPECT_TRUE(permits(Role::worker, Permission::capture));
    EXPECT_TRUE(permits(Role::worker, Permission::see_own_drafts));
    EXPECT_FALSE(permits(Role::worker, Permission::see_all_drafts));
    EXPECT_FALSE(permits(Role::worker, Permission::analyse));
    EXPECT_FALSE(permits(Role::worker, Permission::export_data));
    EXPECT_TRUE(permits(Role::lead, Permission::analyse));
    EXPECT_TRUE(permits(Role::lead, Permission::export_data));
    EXPECT_TRUE(permits(Role::lead, Permission::edit_measures));
    EXPECT_FALSE(permits(Role::lead, Permission::manage_users));
    EXPECT_FALSE(permits(Role::lead, Permission::manage_retention));
    EXPECT_TRUE(permits(Role::admin, Permission::manage_users));
    EXPECT_TRUE(permits(Role::admin, Permission::manage_plugins));
    EXPECT_TRUE(permits(Role::admin, Permission::manage_retention));
    try {
        require("sam", Role::worker, Permission::export_data);
        ADD_FAILURE() << "a worker may not export";
    } catch (const AccessDenied& error) {
        EXPECT_STREQ(error.what(), "sam (a worker) may not export data: that needs a lead or an admin");
    }
    EXPECT_NO_THROW(require("ali", Role::admin, Permission::manage_retention));
}

class UserDirectoryTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "users.db"};
    UserDirectory users{store};
};

TEST_F(UserDirectoryTest, OnlyASaltedArgon2idHashIsKept)
{
    users.add("ali", Role::admin, "correct horse battery", "setup");
    users.add("sam", Role::worker, "correct horse battery", "ali");
    auto rows = store.connection().prepare("SELECT password_hash FROM user_account ORDER BY name");
    std::vector<std::string> hashes;
    while (rows.step())
        hashes.push_back(rows.column_text(0));
    ASSERT_EQ(hashes.size(), 2u);
    EXPECT_EQ(hashes[0].rfind("$argon2id$", 0), 0u) << hashes[0];
    EXPECT_NE(hashes[0], hashes[1]) << "the same password, salted differently";
    EXPECT_EQ(hashes[0].find("correct horse"), std::string::npos);
    for (const AuditEntry& entry : store.audit_log(100))
        EXPECT_EQ((entry.detail + entry.entity + entry.reason).find("horse"), std::string::npos);
}

TEST_F(UserDirectoryTest, TheFirstAccountIsAnAdminAndTheLastAdminStays)
{
    EXPECT_FALSE(users.has_accounts());
    EXPECT_THROW(users.add("sam", Role::worker, "long enough pw", "setup"), Error);
    EXPECT_THROW(users.add("ali", Role::admin, "short", "setup"), Error) << "8 characters at least";
    EXPECT_THROW(users.add("a b", Role::admin, "long enough pw", "setup"), Error);
    users.add("ali", Role::admin, "long enough pw", "setup");
    EXPECT_TRUE(users.has_accounts());
    EXPECT_THROW(users.add("ali", Role::lead, "long enough pw", "ali"), Error) << "names are unique";
    EXPECT_THROW(users.set_role("ali", Role::lead, "ali", "tidy"), Error);
    EXPECT_THROW(users.deactivate("ali", "ali", "leaving"), Error);
    users.add("jo", Role::admin, "long enough pw", "ali");
    users.set_role("ali", Role::lead, "jo", "moved team");
    EXPECT_EQ(users.find("ali")->role, Role::lead);
    EXPECT_EQ(store.audit_log(1).front().reason, "moved team");
}

TEST_F(UserDirectoryTest, SignInNeedsTheRightPasswordAndAnActiveAccountAndIsAudited)
{
    users.add("ali", Role::admin, "long enough pw", "setup");
    users.add("sam", Role::worker, "sam's password", "ali");
    EXPECT_EQ(users.sign_in("sam", "sam's password").role, Role::worker);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(users.sign_in("sam", "wrong password"), SignInError);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500)) << "a failure is slowed";
    EXPECT_THROW(users.sign_in("nobody", "sam's password"), SignInError);
    EXPECT_EQ(store.audit_log(1).front().action, "user.sign_in_failed");

    users.set_password("sam", "a new password", "ali");
    EXPECT_THROW(users.sign_in("sam", "sam's password"), SignInError);
    EXPECT_NO_THROW(users.sign_in("sam", "a new password"));
    users.deactivate("sam", "ali", "left the council");
    EXPECT_THROW(users.sign_in("sam", "a new password"), SignInError);
    EXPECT_FALSE(users.find("sam")->active);
}

class CliAccessTest : public ::testing::Test {
protected:
    test::TempDir temp;
    fs::path database = temp / "access.db";

    test::CliResult run(std::vector<std::string> arguments, const std::string& user, const std::string& password)
    {
        arguments.insert(arguments.end(), {"--db", database.string()});
        std::vector<std::string> environment{"CHORUS_DATA_DIR=" + (temp / "data").string(), "CHORUS_PLUGIN_PATH=",
                                             "CHORUS_USER=" + user, "CHORUS_PASSWORD=" + password,
                                             "CHORUS_NEW_PASSWORD=" + password};
        return test::run_program(CHORUS_CLI_PATH, arguments, environment, temp.path());
    }
};

TEST_F(CliAccessTest, RolesAreEnforcedOnceTheDatabaseHasAccounts)
{
    // Without accounts the database is open; the first account is the admin.
    auto first = run({"users", "add", "ali", "--role", "admin"}, "ali", "ali's password");
    ASSERT_EQ(first.status, 0) << first;
    auto worker = run({"users", "add", "sam", "--role", "worker"}, "ali", "sam's password");
    // ali signs in with CHORUS_PASSWORD, which here is sam's new password: refused.
    EXPECT_EQ(worker.status, 1) << worker;
    EXPECT_NE(worker.err.find("cannot sign in"), std::string::npos) << worker;
    EXPECT_EQ(worker.err.find("sam's password"), std::string::npos) << "never echoes a password";

    auto listed = run({"users", "list"}, "ali", "ali's password");
    ASSERT_EQ(listed.status, 0) << listed;
    EXPECT_NE(listed.out.find("ali"), std::string::npos);

    // A lead is added by the admin (new password given separately).
    std::vector<std::string> environment{"CHORUS_DATA_DIR=" + (temp / "data").string(), "CHORUS_PLUGIN_PATH=",
                                         "CHORUS_USER=ali", "CHORUS_PASSWORD=ali's password",
                                         "CHORUS_NEW_PASSWORD=sam's password"};
    auto added = test::run_program(CHORUS_CLI_PATH, {"users", "add", "sam", "--role", "worker", "--db", database.string()},
                                   environment, temp.path());
    ASSERT_EQ(added.status, 0) << added;

    auto capture = run({"instruments", "list"}, "sam", "sam's password");
    EXPECT_EQ(capture.status, 0) << capture;
    auto exported = run({"export", "--format", "csv", "--instrument", "cin-family-feedback", "--out",
                         (temp / "out.csv").string()}, "sam", "sam's password");
    EXPECT_EQ(exported.status, 1) << exported;
    EXPECT_NE(exported.err.find("sam (a worker) may not export data"), std::string::npos) << exported;
    EXPECT_FALSE(fs::exists(temp / "out.csv"));
    auto purge = run({"purge", "--dry-run"}, "sam", "sam's password");
    EXPECT_EQ(purge.status, 1) << purge;
    EXPECT_NE(purge.err.find("manage records retention"), std::string::npos) << purge;

    // --user picks the account whatever CHORUS_USER says.
    auto as_admin = run({"retention", "list", "--user", "ali"}, "sam", "ali's password");
    EXPECT_EQ(as_admin.status, 0) << as_admin;
}
