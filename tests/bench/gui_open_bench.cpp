// Desktop app on a big database (docs/benchmarks.md, "Desktop app on 1,000,000 responses"):
//   chorus-gui-open-bench --db FILE [--runs 5] [--step 2500]
// under a display (xvfb-run). It is a program of its own, not a mode of the app, so the app
// carries no benchmark code; it starts the app's own code (chorus_gui's start(): plugins,
// the database, the main window on the responses view) in a fresh process per run, because
// opening is only honest from a cold process: from the parent's spawn to the child's first
// idle event with the window shown. The median of the runs is reported. Then, in one more
// process, it scrolls the responses list from top to bottom in steps of `--step` rows and
// times each step (the page fetch from SQLite and the repaint it causes): max and 99th
// percentile, and whether every step stayed under 100 ms (no stall).
// The database is opened as the app opens it (migrated when older); use a copy.
#include "app.hpp"
#include "main_frame.hpp"
#include "responses_view.hpp"
#include "session.hpp"

#include <wx/app.h>
#include <wx/cmdline.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::system_clock; // shared by the parent and its children

double milliseconds_since(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::int64_t now_microseconds()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// The child: the app's start-up, then either "ready <microseconds since the epoch>" at the
// first idle with the window shown, or the scroll through the list.
class BenchApp : public wxApp {
public:
    bool OnInit() override
    {
        SetAppName("chorus");
        chorus::gui::use_chorus_settings();
        const std::string mode = argv[1].ToStdString();
        step_ = argc > 4 ? std::atol(argv[4].ToStdString().c_str()) : 2500;
        chorus::gui::AppOptions options;
        options.database = std::filesystem::path(argv[2].ToStdString());
        options.view = chorus::gui::View::responses;
        frame_ = chorus::gui::start(session_, options);
        if (!frame_)
            return false;
        Bind(wxEVT_IDLE, [this, mode](wxIdleEvent&) {
            if (done_ || !frame_->IsShownOnScreen())
                return;
            done_ = true;
            if (mode == "--open")
                std::printf("ready %lld\n", static_cast<long long>(now_microseconds()));
            else
                scroll();
            std::fflush(stdout);
            frame_->Destroy();
            ExitMainLoop();
        });
        return true;
    }

private:
    void scroll()
    {
        chorus::gui::ResponsesList& list = frame_->responses().list();
        const std::int64_t total = list.total();
        std::vector<double> steps;
        for (std::int64_t row = 0;; row = std::min(total - 1, row + step_)) {
            const auto start = Clock::now();
            list.EnsureVisible(static_cast<long>(row));
            list.Update(); // paints now: the rows shown ask for their page
            steps.push_back(milliseconds_since(start));
            if (row >= total - 1)
                break;
        }
        const double slowest = *std::max_element(steps.begin(), steps.end());
        std::printf("scroll %lld rows in %zu steps of %lld: max %.1f ms, p99 %.1f ms, median %.1f ms, %s\n",
                    static_cast<long long>(total), steps.size(), static_cast<long long>(step_), slowest,
                    percentile(steps, 0.99), percentile(steps, 0.5),
                    slowest < 100 ? "no stall (every step under 100 ms)" : "STALL (a step took 100 ms or more)");
    }

    chorus::gui::Session session_;
    chorus::gui::MainFrame* frame_ = nullptr;
    std::int64_t step_ = 2500;
    bool done_ = false;
};

// Runs this program as a child; returns its output.
std::string run_child(const std::vector<std::string>& arguments)
{
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0)
        throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
    std::vector<char*> argv;
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    pid_t child = 0;
    if (posix_spawn(&child, "/proc/self/exe", &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + arguments[0]);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_ends[1]);
    std::string output;
    char buffer[512];
    for (ssize_t got; (got = read(pipe_ends[0], buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(got));
    close(pipe_ends[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(arguments[0] + " " + arguments[1] + " failed: " + output);
    return output;
}

} // namespace

wxIMPLEMENT_APP_NO_MAIN(BenchApp);

int main(int argc, char** argv)
{
    if (argc >= 3 && (std::string(argv[1]) == "--open" || std::string(argv[1]) == "--scroll"))
        return wxEntry(argc, argv);
    std::string database;
    int runs = 5;
    std::string step = "2500";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--db")
            database = argv[i + 1];
        else if (name == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (name == "--step")
            step = argv[i + 1];
    }
    if (database.empty()) {
        std::cerr << "usage: chorus-gui-open-bench --db FILE [--runs 5] [--step 2500]   (under a display)\n";
        return 2;
    }
    // Settings of the benchmark's own: the window opens on the responses view, as asked.
    const auto settings = std::filesystem::temp_directory_path() / ("chorus-bench-settings-" + std::to_string(getpid()));
    setenv("XDG_CONFIG_HOME", settings.c_str(), 1);
    try {
        const std::string self = argv[0];
        run_child({self, "--open", database, "warm-up"}); // migrates an older file once; not timed
        std::vector<double> opens;
        for (int run = 0; run < runs; ++run) {
            const auto spawned = Clock::now();
            const std::string output = run_child({self, "--open", database, "timed"});
            const long long ready = std::atoll(output.substr(output.find("ready ") + 6).c_str());
            opens.push_back(static_cast<double>(ready - std::chrono::duration_cast<std::chrono::microseconds>(
                                                            spawned.time_since_epoch()).count()) / 1000.0);
            std::printf("open run %d: %.0f ms\n", run + 1, opens.back());
        }
        std::printf("open to a usable window (responses view, idle): median %.0f ms of %d runs (max %.0f ms)\n",
                    percentile(opens, 0.5), runs, *std::max_element(opens.begin(), opens.end()));
        std::fputs(run_child({self, "--scroll", database, "timed", step}).c_str(), stdout);
    } catch (const std::exception& error) {
        std::cerr << "chorus-gui-open-bench: " << error.what() << "\n";
        std::filesystem::remove_all(settings);
        return 1;
    }
    std::filesystem::remove_all(settings);
    return 0;
}
