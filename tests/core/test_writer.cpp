// chorus_test_writer: a separate process that writes to a Chorus database, for the tests
// that kill a writer mid-save or make its writes fail (crash_safety_test, storage_failure_test).
//
//   chorus_test_writer loop DB FIRST        save responses FIRST, FIRST+1, ... until killed
//   chorus_test_writer save DB INDEX [--as-user NAME] [--file-size-limit BYTES]
//                                           save one response; exit 0, or 1 with the error
//   chorus_test_writer hold-lock DB         take the write lock, say "locked", hold it until
//                                           standard input closes
//
// Every response reported on standard output as "saved INDEX UUID" had its save return.
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"
#include "writer_workload.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

using namespace chorus;

namespace {

void report_saved(const Response& response, long index)
{
    std::printf("saved %ld %s\n", index, response.uuid.c_str());
    std::fflush(stdout);
}

[[noreturn]] void loop(const std::string& file, long first)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "writer");
    for (long index = first;; ) {
        // One response on its own, then a batch of three: both ways a response is saved.
        Response single = test::workload_response(index, new_uuid());
        store.add_response(single, "writer");
        report_saved(single, index++);
        std::vector<Response> batch;
        for (int i = 0; i < 3; ++i)
            batch.push_back(test::workload_response(index + i, new_uuid()));
        store.add_responses(batch, "writer", "test batch");
        for (const Response& response : batch)
            report_saved(response, index++);
    }
}

// Root may write any file, so a read-only test as root runs its writer as another user.
void become(const std::string& name)
{
    const passwd* user = getpwnam(name.c_str());
    if (!user)
        throw std::runtime_error("no user " + name);
    if (setgroups(0, nullptr) != 0 || setgid(user->pw_gid) != 0 || setuid(user->pw_uid) != 0)
        throw std::runtime_error("cannot become " + name);
}

// A size limit on every file this process writes: what a full disk looks like to SQLite,
// without needing a small filesystem.
void limit_file_size(rlim_t bytes)
{
    std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of killing the process
    rlimit limit{bytes, bytes};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
        throw std::runtime_error("cannot set the file size limit");
}

int save(const std::string& file, long index, const std::vector<std::string>& options)
{
    for (std::size_t i = 0; i + 1 < options.size(); i += 2) {
        if (options[i] == "--as-user")
            become(options[i + 1]);
        else if (options[i] == "--file-size-limit")
            limit_file_size(std::stoull(options[i + 1]));
        else
            throw std::runtime_error("unknown option " + options[i]);
    }
    try {
        Store store(file);
        Response response = test::workload_response(index, new_uuid());
        store.add_response(response, "writer");
        report_saved(response, index);
        return 0;
    } catch (const Error& error) {
        std::cerr << error.what() << '\n';
        return 1;
    }
}

int hold_lock(const std::string& file)
{
    sql::Connection connection(file, sql::Connection::Mode::read_write);
    sql::Transaction lock(connection);
    std::printf("locked\n");
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "loop")
            loop(args[1], std::stol(args[2]));
        if (args.size() >= 3 && args[0] == "save")
            return save(args[1], std::stol(args[2]), {args.begin() + 3, args.end()});
        if (args.size() == 2 && args[0] == "hold-lock")
            return hold_lock(args[1]);
    } catch (const std::exception& error) {
        std::cerr << "chorus_test_writer: " << error.what() << '\n';
        return 2;
    }
    std::cerr << "usage: chorus_test_writer loop DB FIRST | save DB INDEX [options] | hold-lock DB\n";
    return 2;
}
