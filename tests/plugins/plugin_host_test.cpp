// The plugin host, loading real fixture plugins built into CHORUS_PLUGIN_FIXTURE_DIR/<case>/
// (tests/plugins/fixtures) and the SDK example (docs/plugin-sdk/example).
#include "test_support.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/progress.hpp"
#include "chorus/store.hpp"
#include "chorus/version.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::LoadedPlugin;
using chorus::PluginHost;
using chorus::RefusedPlugin;
using chorus::test::TempDir;

const fs::path fixtures = CHORUS_PLUGIN_FIXTURE_DIR;

fs::path fixture(const std::string& case_name, const std::string& file)
{
    return fixtures / case_name / (file + ".so");
}

std::string refusal_of(const std::string& case_name, const std::string& file)
{
    PluginHost host;
    EXPECT_EQ(host.load_file(fixture(case_name, file)), nullptr);
    EXPECT_TRUE(host.loaded().empty());
    if (host.refused().size() != 1) {
        ADD_FAILURE() << "expected one refusal for " << file;
        return {};
    }
    EXPECT_EQ(host.refused().front().file, fixture(case_name, file));
    return host.refused().front().reason;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// Sets an environment variable for one test and restores it afterwards.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const std::string& value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnvironment()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

class CancellingProgress : public chorus::Progress {
public:
    explicit CancellingProgress(std::uint64_t allowed_updates) : allowed_(allowed_updates) {}
    void update(std::uint64_t, std::uint64_t total, std::string_view stage) override
    {
        ++updates;
        last_total = total;
        last_stage = stage;
    }
    bool cancelled() const override { return updates >= allowed_; }

    std::uint64_t updates = 0;
    std::uint64_t last_total = 0;
    std::string last_stage;

private:
    std::uint64_t allowed_;
};

// Packagers strip what they install (dh_strip, rpmbuild, CPack): the static symbol table goes,
// and the entry points must still be found, in the dynamic one.
TEST(PluginHostTest, LoadsAStrippedPlugin)
{
    chorus::test::TempDir dir;
    const fs::path stripped = dir / "fixture_good.so";
    fs::copy_file(fixture("good", "fixture_good"), stripped);
    ASSERT_EQ(std::system(("strip --strip-all '" + stripped.string() + "'").c_str()), 0);
    PluginHost host;
    EXPECT_NE(host.load_file(stripped), nullptr) << (host.refused().empty() ? "" : host.refused().front().reason);
    // A stripped library without the entry points is still refused for that.
    const fs::path no_entry = dir / "missing_entry.so";
    fs::copy_file(fixture("missing_entry", "missing_entry"), no_entry);
    ASSERT_EQ(std::system(("strip --strip-all '" + no_entry.string() + "'").c_str()), 0);
    EXPECT_EQ(host.load_file(no_entry), nullptr);
    ASSERT_EQ(host.refused().size(), 1U);
    EXPECT_NE(host.refused().front().reason.find("is not a Chorus plugin"), std::string::npos)
        << host.refused().front().reason;
}

TEST(PluginHostTest, LoadsAGoodPluginWithItsInstrumentsVocabulariesAndMessages)
{
    PluginHost host;
    host.load_folders({fixtures / "good"});
    ASSERT_TRUE(host.refused().empty()) << host.refused().front().reason;
    ASSERT_EQ(host.loaded().size(), 1U);
    const LoadedPlugin& plugin = host.loaded().front();
    EXPECT_EQ(plugin.info.id, "fixture_good");
    EXPECT_EQ(plugin.info.name, "Fixture plugin");
    EXPECT_EQ(plugin.info.version, "1.2.3");
    EXPECT_EQ(plugin.file, fixture("good", "fixture_good"));
    EXPECT_EQ(host.find("fixture_good"), &plugin);
    EXPECT_EQ(host.find("absent"), nullptr);
    EXPECT_EQ(host.case_procedure(), nullptr);

    ASSERT_EQ(plugin.instruments.size(), 1U);
    const auto& instrument = plugin.instruments.front();
    EXPECT_EQ(instrument.id, "fixture_good-survey");
    EXPECT_EQ(instrument.plugin, "fixture_good");
    // Left without options by the plugin, the scale gets the defaults, as in a JSON file.
    EXPECT_EQ(instrument.questions.front().options.size(),
              chorus::default_options(chorus::QuestionType::agree_scale, 0).size());
    EXPECT_FALSE(instrument.questions.front().options.empty());
    EXPECT_TRUE(chorus::validate_instrument(instrument, "test").empty());
    EXPECT_EQ(host.instruments().size(), 1U);

    ASSERT_EQ(plugin.vocabularies.size(), 1U);
    EXPECT_EQ(plugin.vocabularies.front().id, "fixture-themes");
    EXPECT_EQ(plugin.vocabularies.front().terms.size(), 2U);

    EXPECT_EQ(host.messages(), std::vector<std::string>{std::string("fixture_good: started for host ")
                                                        + chorus::version_string});
}

TEST(PluginHostTest, RefusesAFileThatIsNotASharedLibrary)
{
    TempDir temp;
    chorus::test::write_file(temp / "bad.so", "this is a text file, not a plugin\n");
    chorus::test::write_file(temp / "tiny.so", "x");
    PluginHost host;
    host.load_folders({temp.path()});
    EXPECT_TRUE(host.loaded().empty());
    ASSERT_EQ(host.refused().size(), 2U);
    EXPECT_EQ(host.refused()[0].file, temp / "bad.so");
    EXPECT_EQ(host.refused()[0].reason.rfind("bad.so is not a shared library", 0), 0U)
        << host.refused()[0].reason;
    EXPECT_EQ(host.refused()[1].reason.rfind("tiny.so is not a shared library", 0), 0U)
        << host.refused()[1].reason;
}

TEST(PluginHostTest, RefusesAMissingEntryPointNamingIt)
{
    const auto reason = refusal_of("missing_entry", "missing_entry");
    EXPECT_EQ(reason, "missing_entry.so is not a Chorus plugin: it does not export the entry "
                      "point chorus_plugin_destroy (a plugin exports them with CHORUS_PLUGIN)");
}

TEST(PluginHostTest, RefusesALibraryThatCannotBeLoadedWithTheLoadersReason)
{
    const auto reason = refusal_of("missing_dependency", "missing_dependency");
    EXPECT_EQ(reason, "missing_dependency.so cannot be loaded: libfixture_dependency.so: cannot "
                      "open shared object file: No such file or directory");
}

TEST(PluginHostTest, RefusesAWrongApiVersionBeforeCallingAnythingElse)
{
    // The fixture's factory and destroy abort: reaching this line means neither ran.
    const auto reason = refusal_of("wrong_version", "wrong_version");
    EXPECT_EQ(reason, "wrong_version.so is built for plugin API version 999; this Chorus "
                      "supports version 1 (rebuild the plugin against this Chorus's headers)");
}

TEST(PluginHostTest, RefusesAPluginWhoseFactoryThrows)
{
    const auto reason = refusal_of("factory_throws", "factory_throws");
    EXPECT_EQ(reason, "factory_throws.so failed to start: its factory threw: bank holiday data "
                      "is missing");
}

TEST(PluginHostTest, RefusesInvalidPluginInfo)
{
    const auto reason = refusal_of("bad_info", "bad_info");
    EXPECT_EQ(reason, "bad_info.so gives invalid plugin info: its id \"Fixture Info\" is not "
                      "valid (use a lower-case letter, then letters, digits or '_')");
}

TEST(PluginHostTest, RefusesASecondPluginWithTheSameId)
{
    PluginHost host;
    host.load_folders({fixtures / "duplicate_id"});
    ASSERT_EQ(host.loaded().size(), 1U);
    EXPECT_EQ(host.loaded().front().file, fixture("duplicate_id", "duplicate_a"));
    ASSERT_EQ(host.refused().size(), 1U);
    EXPECT_EQ(host.refused().front().file, fixture("duplicate_id", "duplicate_b"));
    EXPECT_EQ(host.refused().front().reason,
              "duplicate_b.so has the plugin id \"fixture_duplicate\", which "
                  + fixture("duplicate_id", "duplicate_a").string() + " already provides");
}

TEST(PluginHostTest, RefusesInvalidInstrumentDefinitionsListingEveryProblem)
{
    const auto reason = refusal_of("invalid_instrument", "invalid_instrument");
    EXPECT_EQ(reason.rfind("invalid_instrument.so contributes instrument definitions that fail "
                           "validation: ",
                           0),
              0U)
        << reason;
    EXPECT_TRUE(contains(reason, "instrument untitled-survey: $.title: ")) << reason;
    EXPECT_TRUE(contains(reason, "instrument untitled-survey: $.questions[0] (Bad Key).key: ")) << reason;
    EXPECT_TRUE(contains(reason, "instrument borrowed-survey: its plugin field is "
                                 "\"family_feedback\", not this plugin's id \"fixture_invalid\""))
        << reason;
    EXPECT_TRUE(contains(reason, "instrument repeated-codes: $.questions[1] (pick).options[1].code: "
                                 "duplicate option code \"a\""))
        << reason;
}

TEST(PluginHostTest, RefusesAnInstrumentIdAnotherPluginAlreadyContributes)
{
    PluginHost host;
    host.load_folders({fixtures / "good", fixtures / "instrument_clash"});
    ASSERT_EQ(host.loaded().size(), 1U);
    ASSERT_EQ(host.refused().size(), 1U);
    EXPECT_EQ(host.refused().front().reason,
              "instrument_clash.so contributes instrument definitions that fail validation: "
              "instrument fixture_good-survey: already contributed by plugin fixture_good ("
                  + fixture("good", "fixture_good").string() + ")");
}

TEST(PluginHostTest, ABadPluginNeverBlocksTheGoodOnes)
{
    TempDir temp;
    chorus::test::write_file(temp / "a_text.so", "not a library");
    fs::copy_file(fixture("missing_entry", "missing_entry"), temp / "b_missing_entry.so");
    fs::copy_file(fixture("wrong_version", "wrong_version"), temp / "c_wrong_version.so");
    fs::copy_file(fixture("factory_throws", "factory_throws"), temp / "d_factory_throws.so");
    fs::copy_file(fixture("invalid_instrument", "invalid_instrument"), temp / "e_invalid.so");
    fs::copy_file(fixture("good", "fixture_good"), temp / "f_good.so");
    chorus::test::write_file(temp / "notes.txt", "not a library name: ignored");

    PluginHost host;
    host.load_folders({temp / "missing-folder", temp.path(), temp.path()});
    ASSERT_EQ(host.loaded().size(), 1U);
    EXPECT_EQ(host.loaded().front().info.id, "fixture_good");
    ASSERT_EQ(host.refused().size(), 5U) << "a folder given twice is loaded once";
    const std::vector<std::string> expected_starts{"a_text.so is not a shared library",
                                                   "b_missing_entry.so is not a Chorus plugin",
                                                   "c_wrong_version.so is built for plugin API",
                                                   "d_factory_throws.so failed to start",
                                                   "e_invalid.so contributes instrument"};
    for (std::size_t i = 0; i < expected_starts.size(); ++i)
        EXPECT_EQ(host.refused()[i].reason.rfind(expected_starts[i], 0), 0U)
            << host.refused()[i].reason;
}

TEST(PluginHostTest, TheLibraryStaysLoadedWhileAnObjectFromItLives)
{
    std::shared_ptr<chorus::plugin::Plugin> kept;
    {
        PluginHost host;
        ASSERT_NE(host.load_file(fixture("good", "fixture_good")), nullptr);
        kept = host.loaded().front().plugin;
    }
    // The host is gone; the plugin's code (its vtable and info()) must still be mapped.
    const auto info = kept->info();
    EXPECT_EQ(info.id, "fixture_good");
    EXPECT_EQ(kept->instruments().front().id, "fixture_good-survey");
    kept.reset(); // runs the plugin's own chorus_plugin_destroy, then unloads
}

TEST(PluginHostTest, DefaultFoldersAreThePluginFolderNextToTheExecutableThenThePluginPath)
{
    TempDir temp;
    const fs::path good = fixtures / "good";
    ScopedEnvironment path("CHORUS_PLUGIN_PATH", (temp / "missing").string() + ":" + good.string()
                                                     + "::" + good.string() + "/");
    const auto folders = PluginHost::default_folders();
    ASSERT_EQ(folders.size(), 2U) << "missing folders are skipped, a folder given twice kept once";
    EXPECT_TRUE(fs::equivalent(folders[0], CHORUS_PLUGIN_DIR)) << folders[0];
    EXPECT_TRUE(fs::equivalent(folders[1], good)) << folders[1];

    PluginHost host;
    host.load_folders(folders);
    EXPECT_NE(host.find("fixture_good"), nullptr);
}

TEST(PluginHostTest, ReportsProgressPerFileAndCancellingChangesNothing)
{
    CancellingProgress unlimited(1000);
    PluginHost host;
    host.load_folders({fixtures / "duplicate_id"}, &unlimited);
    EXPECT_EQ(unlimited.updates, 3U) << "one per file, then done";
    EXPECT_EQ(unlimited.last_total, 2U);

    CancellingProgress at_once(0);
    EXPECT_THROW(host.load_folders({fixtures / "good"}, &at_once), chorus::Cancelled);
    CancellingProgress after_one(1);
    EXPECT_THROW(host.load_folders({fixtures / "good", fixtures / "example"}, &after_one),
                 chorus::Cancelled);
    EXPECT_EQ(after_one.last_stage, "Loading plugin fixture_good.so");
    EXPECT_EQ(host.loaded().size(), 1U) << "a cancelled load leaves the host as it was";
    EXPECT_EQ(host.find("fixture_good"), nullptr);
    EXPECT_EQ(host.refused().size(), 1U);
}

TEST(PluginHostTest, RegistersPluginInstrumentsAndReportsAConflictWithoutThrowing)
{
    TempDir temp;
    chorus::Store store(temp / "chorus.db");
    PluginHost host;
    host.load_folders({fixtures / "good", fixtures / "duplicate_id"});
    ASSERT_EQ(host.loaded().size(), 2U);

    // A different definition of fixture_duplicate-survey version 1 is already stored.
    auto clashing = host.find("fixture_duplicate")->instruments.front();
    clashing.title = "Changed without a new version";
    store.add_instrument(clashing, "tester");

    const auto conflicts = host.register_instruments(store, "tester");
    ASSERT_EQ(conflicts.size(), 1U);
    EXPECT_EQ(conflicts.front(),
              "plugin fixture_duplicate (duplicate_a.so): instrument fixture_duplicate-survey "
              "version 1 differs from the definition already stored, so it was not added; a "
              "changed definition needs a new version number");
    EXPECT_EQ(store.instrument("fixture_duplicate-survey").title, "Changed without a new version");

    const auto stored = store.instrument("fixture_good-survey");
    EXPECT_EQ(stored.plugin, "fixture_good");
    EXPECT_EQ(chorus::instrument_to_json(stored),
              chorus::instrument_to_json(host.find("fixture_good")->instruments.front()));

    const auto audit_rows = store.audit_log(1000).size();
    EXPECT_EQ(host.register_instruments(store, "tester").size(), 1U) << "the same conflict again";
    EXPECT_EQ(store.audit_log(1000).size(), audit_rows) << "registering again changes nothing";
    // The first registration recorded which plugins were loaded, and the refusal.
    std::size_t loads = 0, refusals = 0;
    for (const chorus::AuditEntry& entry : store.audit_log(1000)) {
        loads += entry.action == "plugin.load";
        refusals += entry.action == "plugin.refuse";
        if (entry.action == "plugin.load") {
            EXPECT_NE(entry.detail.find(".so"), std::string::npos) << entry.detail;
        }
    }
    EXPECT_EQ(loads, host.loaded().size());
    EXPECT_EQ(refusals, host.refused().size());
}

TEST(PluginHostTest, TheSdkExamplePluginLoadsAndItsInstrumentStores)
{
    PluginHost host;
    host.load_folders({fixtures / "example"});
    ASSERT_TRUE(host.refused().empty()) << host.refused().front().reason;
    const LoadedPlugin* example = host.find("council_example");
    ASSERT_NE(example, nullptr);
    EXPECT_EQ(example->info.name, "Council example");
    ASSERT_EQ(example->instruments.size(), 1U);
    const auto& instrument = example->instruments.front();
    EXPECT_TRUE(chorus::validate_instrument(instrument, "example").empty());
    EXPECT_EQ(instrument.questions.size(), 3U);
    ASSERT_EQ(example->vocabularies.size(), 1U);
    EXPECT_EQ(example->vocabularies.front().id, "youth-forum-topics");
    EXPECT_EQ(host.messages(), std::vector<std::string>{"council_example: ready"});

    TempDir temp;
    chorus::Store store(temp / "chorus.db");
    EXPECT_TRUE(host.register_instruments(store, "tester").empty());
    const auto stored = store.instrument("council-example-youth-forum");
    EXPECT_EQ(stored.plugin, "council_example");
    EXPECT_EQ(stored.title, "Youth forum feedback");
    EXPECT_EQ(stored.questions.front().options.size(), 3U);
}

} // namespace
