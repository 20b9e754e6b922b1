// What a user sees when the database cannot be written: locked by another process, a
// read-only file, a full disk. Each gives a message naming the file and the problem, the
// responses saved before are all still there, and the database works again once the cause
// is gone.
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "child_process.hpp"
#include "test_support.hpp"
#include "writer_workload.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <fstream>

using namespace chorus;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

class StorageFailureTest : public ::testing::Test {
protected:
    test::TempDir dir;
    fs::path file = dir / "chorus.db";
    std::vector<Response> saved;

    // A database holding `count` responses, closed.
    void make_database(const fs::path& where, int count = 5)
    {
        Store store(where);
        store.add_instrument(test::every_type_instrument(), "setup");
        for (int i = 0; i < count; ++i) {
            saved.push_back(test::workload_response(i, new_uuid()));
            store.add_response(saved.back(), "setup");
        }
    }

    // Every response saved before is there, whole, and the file is sound.
    void expect_nothing_lost(const fs::path& where)
    {
        sql::Connection check(where, sql::Connection::Mode::read_write);
        auto integrity = check.prepare("PRAGMA integrity_check");
        ASSERT_TRUE(integrity.step());
        EXPECT_EQ(integrity.column_text(0), "ok");
        Store store(where);
        EXPECT_EQ(store.count_responses(), static_cast<std::int64_t>(saved.size()));
        for (const Response& response : saved) {
            auto found = store.find_response(response.uuid);
            ASSERT_TRUE(found);
            EXPECT_EQ(found->answers, response.answers);
        }
    }

    // Saves one more response in a writer process with `options`: its exit code and error text.
    std::pair<int, std::string> save_in_writer(const fs::path& where, const std::vector<std::string>& options)
    {
        std::vector<std::string> argv{CHORUS_TEST_WRITER_PATH, "save", where.string(), "1000"};
        argv.insert(argv.end(), options.begin(), options.end());
        test::ChildProcess writer(argv);
        writer.close_input();
        writer.read_remaining_lines();
        const int status = writer.wait();
        return {status, writer.error_output()};
    }
};

} // namespace

TEST_F(StorageFailureTest, ADatabaseLockedByAnotherProcessIsNamedAndWorksOnceReleased)
{
    make_database(file);
    test::ChildProcess holder({CHORUS_TEST_WRITER_PATH, "hold-lock", file.string()});
    ASSERT_EQ(holder.read_line(10s), "locked");

    Store store(file); // reading is not blocked by a writer
    EXPECT_EQ(store.count_responses(), 5);
    store.connection().set_busy_timeout(300); // the app waits 5 s; a test need not
    Response late = test::workload_response(99, new_uuid());
    try {
        store.add_response(late, "tester");
        ADD_FAILURE() << "saved while another process held the lock";
    } catch (const sql::SqliteError& error) {
        EXPECT_TRUE(error.is_busy());
        EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("locked by another program"), std::string::npos) << error.what();
    }
    EXPECT_FALSE(store.find_response(late.uuid));

    holder.close_input();
    EXPECT_EQ(holder.wait(), 0);
    store.add_response(late, "tester"); // the same connection works again
    saved.push_back(late);
    expect_nothing_lost(file);
}

TEST_F(StorageFailureTest, AReadOnlyFileIsNamedAndKeepsItsResponses)
{
    make_database(file);
    fs::permissions(file, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(dir.path(), fs::perms::all); // the writer below may be another user
    std::vector<std::string> options;
    if (geteuid() == 0)
        options = {"--as-user", "nobody"}; // root may write to any file
    const auto [status, message] = save_in_writer(file, options);
    EXPECT_EQ(status, 1) << message;
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("read-only"), std::string::npos) << message;

    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    expect_nothing_lost(file);
}

TEST_F(StorageFailureTest, AFileAtItsSizeLimitSaysThereIsNoRoomAndKeepsItsResponses)
{
    make_database(file);
    // Room for the shared-memory index (32 KiB) but not for the write-ahead log of a save.
    const auto [status, message] = save_in_writer(file, {"--file-size-limit", "32768"});
    EXPECT_EQ(status, 1) << message;
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("no room left"), std::string::npos) << message;
    expect_nothing_lost(file);
}

// A real full filesystem, where the test may mount one (root, and a system that allows it).
TEST_F(StorageFailureTest, AFullDiskSaysSoAndKeepsItsResponses)
{
    const fs::path mount_point = dir / "small-disk";
    fs::create_directory(mount_point);
    if (geteuid() != 0 || mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=2m") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here; the size-limit test covers a full disk";
    struct Unmount {
        fs::path point;
        ~Unmount() { umount2(point.c_str(), MNT_DETACH); }
    } unmount{mount_point};
    const fs::path small = mount_point / "chorus.db";
    make_database(small);
    {
        // Fill the disk, leaving less than a save needs.
        std::ofstream filler(mount_point / "filler", std::ios::binary);
        const std::string block(4096, '\0');
        while (filler.write(block.data(), block.size()))
            filler.flush();
    }
    const auto [status, message] = save_in_writer(small, {});
    EXPECT_EQ(status, 1) << message;
    EXPECT_NE(message.find(small.string()), std::string::npos) << message;
    EXPECT_NE(message.find("no room left"), std::string::npos) << message;
    fs::remove(mount_point / "filler");
    expect_nothing_lost(small);
}
