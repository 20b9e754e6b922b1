// chorus-cli encrypt, rekey and decrypt, and the passphrase every command then needs, run as
// the real binary on a real database (POSIX: the CLI tests run processes).
#include "chorus/encryption.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "child_process.hpp"
#include "cli_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using namespace chorus;

namespace {

class CliEncryptionTest : public ::testing::Test {
protected:
    test::TempDir temp;
    fs::path database = temp / "chorus.db";

    // `settings`: NAME=value, e.g. CHORUS_PASSPHRASE=...; CHORUS_USER is tester unless given.
    test::CliResult run(std::vector<std::string> arguments, std::vector<std::string> settings = {})
    {
        arguments.insert(arguments.end(), {"--db", database.string()});
        std::vector<std::string> environment{"CHORUS_DATA_DIR=" + (temp / "data").string(), "CHORUS_PLUGIN_PATH="};
        bool user_given = false;
        for (const auto& setting : settings)
            user_given = user_given || setting.rfind("CHORUS_USER=", 0) == 0;
        if (!user_given)
            environment.push_back("CHORUS_USER=tester");
        environment.insert(environment.end(), settings.begin(), settings.end());
        return test::run_program(CHORUS_CLI_PATH, arguments, environment, temp.path());
    }
};

} // namespace

TEST_F(CliEncryptionTest, EncryptRekeyDecryptKeepTheResponses)
{
    ASSERT_EQ(run({"demo"}).status, 0);
    const auto before = run({"responses", "list", "--format", "json"});
    ASSERT_EQ(before.status, 0) << before;

    const auto encrypted = run({"encrypt"}, {"CHORUS_NEW_PASSPHRASE=first passphrase"});
    ASSERT_EQ(encrypted.status, 0) << encrypted;
    EXPECT_NE(encrypted.out.find("cannot be recovered"), std::string::npos) << encrypted;
    EXPECT_TRUE(is_encrypted_database(database));

    // No terminal and no CHORUS_PASSPHRASE; a wrong one; the right one.
    const auto missing = run({"responses", "list", "--format", "json"});
    EXPECT_EQ(missing.status, 1) << missing;
    EXPECT_NE(missing.err.find("a passphrase is needed: set CHORUS_PASSPHRASE"), std::string::npos) << missing;
    const auto wrong = run({"responses", "list"}, {"CHORUS_PASSPHRASE=wrong"});
    EXPECT_EQ(wrong.status, 1) << wrong;
    EXPECT_EQ(wrong.err, "chorus-cli: " + database.string() +
                             ": the database is encrypted: the passphrase is missing or wrong\n");
    const auto after = run({"responses", "list", "--format", "json"}, {"CHORUS_PASSPHRASE=first passphrase"});
    ASSERT_EQ(after.status, 0) << after;
    EXPECT_EQ(after.out, before.out);

    const auto again = run({"encrypt"}, {"CHORUS_PASSPHRASE=first passphrase", "CHORUS_NEW_PASSPHRASE=x"});
    EXPECT_EQ(again.status, 1) << again;
    EXPECT_NE(again.err.find("already encrypted"), std::string::npos) << again;

    const auto rekeyed = run({"rekey"}, {"CHORUS_PASSPHRASE=first passphrase", "CHORUS_NEW_PASSPHRASE=second one"});
    ASSERT_EQ(rekeyed.status, 0) << rekeyed;
    EXPECT_EQ(run({"responses", "list"}, {"CHORUS_PASSPHRASE=first passphrase"}).status, 1);
    EXPECT_EQ(run({"responses", "list", "--format", "json"}, {"CHORUS_PASSPHRASE=second one"}).out, before.out);

    const auto decrypted = run({"decrypt"}, {"CHORUS_PASSPHRASE=second one"});
    ASSERT_EQ(decrypted.status, 0) << decrypted;
    EXPECT_FALSE(is_encrypted_database(database));
    const auto plain = run({"responses", "list", "--format", "json"});
    ASSERT_EQ(plain.status, 0) << plain;
    EXPECT_EQ(plain.out, before.out);
    for (const auto& output : {encrypted, rekeyed, decrypted, wrong})
        EXPECT_EQ((output.out + output.err).find("first passphrase"), std::string::npos) << "never echoed";
}

TEST_F(CliEncryptionTest, OnlyAnAdminMayEncrypt)
{
    std::vector<std::string> ali{"CHORUS_USER=ali", "CHORUS_PASSWORD=ali's password", "CHORUS_NEW_PASSWORD=ali's password"};
    ASSERT_EQ(run({"users", "add", "ali", "--role", "admin"}, ali).status, 0);
    std::vector<std::string> add_sam{"CHORUS_USER=ali", "CHORUS_PASSWORD=ali's password",
                                     "CHORUS_NEW_PASSWORD=sam's password"};
    ASSERT_EQ(run({"users", "add", "sam", "--role", "lead"}, add_sam).status, 0);

    const auto lead = run({"encrypt"}, {"CHORUS_USER=sam", "CHORUS_PASSWORD=sam's password",
                                        "CHORUS_NEW_PASSPHRASE=a passphrase"});
    EXPECT_EQ(lead.status, 1) << lead;
    EXPECT_FALSE(is_encrypted_database(database));

    auto admin = ali;
    admin.push_back("CHORUS_NEW_PASSPHRASE=a passphrase");
    const auto encrypted = run({"encrypt"}, admin);
    ASSERT_EQ(encrypted.status, 0) << encrypted;
    // Signing in still needs the account's password, after the passphrase.
    const auto listed = run({"users", "list"}, {"CHORUS_USER=ali", "CHORUS_PASSWORD=ali's password",
                                                 "CHORUS_PASSPHRASE=a passphrase"});
    ASSERT_EQ(listed.status, 0) << listed;
    EXPECT_NE(listed.out.find("sam"), std::string::npos);
}

// chorus-cli encrypt killed with SIGKILL at random moments: every time, the database is
// either still plain or wholly encrypted, with every response, never half converted.
TEST_F(CliEncryptionTest, KilledEncryptionLeavesThePlainOrTheEncryptedDatabaseWhole)
{
    ASSERT_EQ(run({"demo"}).status, 0);
    const fs::path original = temp / "original.db";
    fs::copy_file(database, original);
    std::int64_t responses = 0;
    {
        Store store(original);
        responses = store.count_responses();
    }
    ASSERT_GT(responses, 0);

    ::setenv("CHORUS_NEW_PASSPHRASE", "killed midway", 1);
    ::setenv("CHORUS_PLUGIN_PATH", "", 1);
    ::setenv("CHORUS_DATA_DIR", (temp / "data").c_str(), 1);
    const std::vector<std::string> encrypt{CHORUS_CLI_PATH, "encrypt", "--db", database.string()};
    const auto started = std::chrono::steady_clock::now();
    {
        test::ChildProcess whole(encrypt);
        ASSERT_EQ(whole.wait(), 0) << whole.error_output();
    }
    const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

    std::mt19937 random(20261202);
    // The later two thirds: the first is chorus-cli starting and opening the database.
    std::uniform_int_distribution<long> kill_after_ms(duration.count() / 3, duration.count());
    int killed = 0, left_plain = 0, left_encrypted = 0;
    for (int round = 0; round < 16; ++round) {
        SCOPED_TRACE("round " + std::to_string(round + 1));
        for (const char* suffix : {"", "-wal", "-shm", "-journal", ".converting"})
            fs::remove(database.string() + suffix);
        fs::copy_file(original, database);
        test::ChildProcess converter(encrypt);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kill_after_ms(random));
        std::this_thread::sleep_until(deadline);
        converter.kill(SIGKILL);
        killed += converter.wait() == -SIGKILL ? 1 : 0;

        const bool encrypted = is_encrypted_database(database);
        (encrypted ? left_encrypted : left_plain) += 1;
        Store store(database, encrypted ? "killed midway" : "");
        EXPECT_EQ(store.count_responses(), responses);
        auto integrity = store.connection().prepare("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.step());
        EXPECT_EQ(integrity.column_text(0), "ok");
    }
    ::unsetenv("CHORUS_NEW_PASSPHRASE");
    ::unsetenv("CHORUS_PLUGIN_PATH");
    ::unsetenv("CHORUS_DATA_DIR");
    EXPECT_GE(killed, 8) << "most kills must hit a conversion at work";
    RecordProperty("left_plain", left_plain);
    RecordProperty("left_encrypted", left_encrypted);
}
