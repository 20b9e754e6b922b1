// Encryption at rest (docs/encryption.md) on real files: what the bytes on disk hold, the
// passphrase checks, and the conversions (encrypt, decrypt, change the passphrase).
#include "chorus/encryption.hpp"

#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace chorus;

namespace {

// Answers no SQLite page would hold by chance: found in a file's bytes only if stored in clear.
const std::string marker = "Marker-7f3a-they-listened-to-me";

Response response_with_marker(int number)
{
    Response r;
    r.uuid = new_uuid();
    r.instrument_id = "every-type";
    r.instrument_version = 1;
    r.captured_at = "2025-07-01T09:30:00Z";
    r.captured_by = "pw-014";
    r.team = "North locality";
    r.respondent_type = "parent";
    r.answers = {{"agree", std::string("agree")},
                 {"story", marker + " " + std::to_string(number)},
                 {"count", std::int64_t{number}}};
    return r;
}

class EncryptionTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::filesystem::path file = dir / "chorus.db";

    // A plain database with some responses, closed (so everything is in the main file).
    void fill_plain()
    {
        Store store(file);
        store.add_instrument(test::every_type_instrument(), "tester");
        for (int i = 1; i <= 20; ++i)
            store.add_response(response_with_marker(i), "tester");
    }

    static std::vector<Response> responses(Store& store)
    {
        std::vector<Response> result;
        for (const auto& summary : store.list_responses())
            result.push_back(*store.find_response(summary.uuid));
        return result;
    }

    bool file_contains_marker() const
    {
        return test::read_file(file).find(marker) != std::string::npos;
    }
};

void expect_same(const std::vector<Response>& expected, const std::vector<Response>& actual)
{
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(expected[i].uuid, actual[i].uuid);
        EXPECT_EQ(expected[i].team, actual[i].team);
        EXPECT_EQ(expected[i].captured_at, actual[i].captured_at);
        EXPECT_EQ(expected[i].answers, actual[i].answers);
    }
}

} // namespace

TEST_F(EncryptionTest, PlainFileHoldsAnswersInClearEncryptedOneDoesNot)
{
    fill_plain();
    EXPECT_TRUE(file_contains_marker()); // else the check below proves nothing
    EXPECT_FALSE(is_encrypted_database(file));

    encrypt_database(file, "correct horse battery", "tester");
    EXPECT_TRUE(is_encrypted_database(file));
    EXPECT_FALSE(file_contains_marker());
    EXPECT_EQ(test::read_file(file).find("SQLite format 3"), std::string::npos);
    for (const char* leftover : {".converting", ".converting-wal", ".converting-shm", ".converting-journal"})
        EXPECT_FALSE(std::filesystem::exists(file.string() + leftover)) << leftover;
}

TEST_F(EncryptionTest, EncryptKeepsEveryResponseAndIsAuditedWithoutTheSecret)
{
    fill_plain();
    std::vector<Response> before;
    {
        Store store(file);
        before = responses(store);
    }
    encrypt_database(file, "correct horse battery", "admin-1");

    Store store(file, "correct horse battery");
    expect_same(before, responses(store));
    const auto log = store.audit_log(1);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].action, "database.encrypt");
    EXPECT_EQ(log[0].actor, "admin-1");
    for (const auto& entry : store.audit_log(1000))
        EXPECT_EQ((entry.detail + entry.entity + entry.reason).find("horse"), std::string::npos);
    // New writes are encrypted too.
    store.add_response(response_with_marker(99), "tester");
}

TEST_F(EncryptionTest, MissingOrWrongPassphraseIsRefusedClearlyAndChangesNothing)
{
    fill_plain();
    encrypt_database(file, "correct horse battery", "tester");
    const std::string bytes = test::read_file(file);

    for (const std::string given : {"", "wrong horse"}) {
        try {
            Store store(file, given);
            FAIL() << "opened with \"" << given << "\"";
        } catch (const sql::PassphraseError& error) {
            EXPECT_EQ(std::string(error.what()),
                      file.string() + ": the database is encrypted: the passphrase is missing or wrong");
        }
    }
    EXPECT_EQ(test::read_file(file), bytes);
    EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
    Store store(file, "correct horse battery");
    EXPECT_EQ(store.count_responses(), 20);
}

TEST_F(EncryptionTest, PassphraseForPlainDatabaseIsRefused)
{
    fill_plain();
    try {
        Store store(file, "a passphrase");
        FAIL() << "opened a plain database with a passphrase";
    } catch (const sql::PassphraseError& error) {
        EXPECT_EQ(std::string(error.what()), file.string() + ": the database is not encrypted, but a passphrase was given");
    }
    Store store(file);
    EXPECT_EQ(store.count_responses(), 20);
}

TEST_F(EncryptionTest, NewDatabaseOpenedWithPassphraseIsCreatedEncrypted)
{
    {
        Store store(file, "from the start");
        store.add_instrument(test::every_type_instrument(), "tester");
        store.add_response(response_with_marker(1), "tester");
    }
    EXPECT_TRUE(is_encrypted_database(file));
    EXPECT_FALSE(file_contains_marker());
    EXPECT_THROW(Store{file}, sql::PassphraseError);
    Store store(file, "from the start");
    EXPECT_EQ(store.count_responses(), 1);
}

TEST_F(EncryptionTest, ChangePassphraseThenDecrypt)
{
    fill_plain();
    std::vector<Response> before;
    {
        Store store(file);
        before = responses(store);
    }
    encrypt_database(file, "first passphrase", "tester");
    change_passphrase(file, "first passphrase", "second passphrase", "tester");
    EXPECT_THROW(Store(file, "first passphrase"), sql::PassphraseError);
    {
        Store store(file, "second passphrase");
        expect_same(before, responses(store));
        EXPECT_EQ(store.audit_log(1).at(0).action, "database.rekey");
    }
    EXPECT_FALSE(file_contains_marker());

    decrypt_database(file, "second passphrase", "tester");
    EXPECT_FALSE(is_encrypted_database(file));
    EXPECT_TRUE(file_contains_marker());
    Store store(file);
    expect_same(before, responses(store));
    EXPECT_EQ(store.audit_log(1).at(0).action, "database.decrypt");
}

TEST_F(EncryptionTest, FailedConversionLeavesTheOriginalIntact)
{
    fill_plain();
    encrypt_database(file, "right", "tester");
    const std::string bytes = test::read_file(file);

    // A wrong old passphrase, a second conversion of the same kind, an empty new passphrase.
    EXPECT_THROW(change_passphrase(file, "wrong", "new", "tester"), sql::PassphraseError);
    EXPECT_THROW(decrypt_database(file, "wrong", "tester"), sql::PassphraseError);
    EXPECT_THROW(encrypt_database(file, "again", "tester"), Error);
    EXPECT_THROW(change_passphrase(file, "right", "", "tester"), Error);
    EXPECT_EQ(test::read_file(file), bytes);

    // Open elsewhere (another window): refused as locked, and the file is as it was.
    {
        Store other(file, "right");
        other.count_responses();
        try {
            change_passphrase(file, "right", "new", "tester");
            FAIL() << "converted a database that another connection had open";
        } catch (const sql::SqliteError& error) {
            EXPECT_TRUE(error.is_busy()) << error.what();
        }
        EXPECT_EQ(other.count_responses(), 20);
    }
    EXPECT_FALSE(std::filesystem::exists(file.string() + ".converting"));
    Store store(file, "right");
    EXPECT_EQ(store.count_responses(), 20);
}

TEST_F(EncryptionTest, LeftoverOfAConversionCutShortIsReplaced)
{
    fill_plain();
    // What a crash midway leaves: a half-written copy beside the untouched original.
    test::write_file(file.string() + ".converting", "half a copy");
    encrypt_database(file, "after the crash", "tester");
    Store store(file, "after the crash");
    EXPECT_EQ(store.count_responses(), 20);
    EXPECT_FALSE(std::filesystem::exists(file.string() + ".converting"));
}
