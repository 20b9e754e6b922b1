// What every survey plugin (family_feedback, staff_survey) must satisfy, checked on its
// definition files in the source folder and on the built plugin loaded by the real
// PluginHost. Each plugin's own test file checks its particular instruments.
#include "survey_plugin_support.hpp"
#include "test_support.hpp"

#include "chorus/demo.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <vector>

using namespace chorus;
using chorus::test::find_instrument;

namespace {

struct SurveyPlugin {
    const char* id;
    std::set<std::string> instrument_ids;
    std::size_t demo_instruments; // how many of the demo's instruments it owns
};

void PrintTo(const SurveyPlugin& plugin, std::ostream* out) { *out << plugin.id; }

class SurveyPluginFiles : public ::testing::TestWithParam<SurveyPlugin> {};

class SurveyPluginLoaded : public ::testing::TestWithParam<SurveyPlugin> {
protected:
    void SetUp() override
    {
        plugin = test::load_built_plugin(host, GetParam().id);
        ASSERT_NE(plugin, nullptr);
    }

    PluginHost host;
    const LoadedPlugin* plugin = nullptr;
};

const std::vector<SurveyPlugin> survey_plugins{
    {"family_feedback",
     {"cin-family-feedback", "cp-conference-parent-feedback", "young-peoples-views-4-7",
      "young-peoples-views-8-11", "young-peoples-views-11-18"},
     2},
    {"staff_survey",
     {"practitioner-survey", "training-feedback", "meeting-model-partner-feedback", "three-houses"},
     1},
};

std::string plugin_name(const ::testing::TestParamInfo<SurveyPlugin>& info) { return info.param.id; }

} // namespace

TEST_P(SurveyPluginFiles, EveryDefinitionLoadsAndNamesThePlugin)
{
    const SurveyPlugin& expected = GetParam();
    std::set<std::string> ids;
    for (const auto& file : test::instrument_files(expected.id)) {
        const Instrument instrument = load_instrument_file(file); // throws on any problem
        EXPECT_EQ(instrument.plugin, expected.id) << file;
        EXPECT_EQ(file.filename().string(), instrument.id + ".json") << "file named after its id";
        EXPECT_EQ(instrument.version, 1) << file;
        EXPECT_FALSE(instrument.respondent_types.empty()) << instrument.id << " says who it is for";
        ids.insert(instrument.id);
    }
    EXPECT_EQ(ids, expected.instrument_ids);
}

TEST_P(SurveyPluginFiles, DemoInstrumentsAreThePluginsOwnFiles)
{
    std::size_t compared = 0;
    for (const Instrument& demo : demo_instruments()) {
        if (demo.plugin != GetParam().id)
            continue;
        const auto file = std::filesystem::path(CHORUS_PLUGINS_SOURCE_DIR) / GetParam().id / "instruments" /
                          (demo.id + ".json");
        EXPECT_EQ(instrument_to_json(load_instrument_file(file)), instrument_to_json(demo)) << demo.id;
        ++compared;
    }
    EXPECT_EQ(compared, GetParam().demo_instruments);
}

TEST_P(SurveyPluginLoaded, OffersEveryDefinitionFileValid)
{
    const auto files = test::instrument_files(GetParam().id);
    ASSERT_EQ(plugin->instruments.size(), files.size()) << "each file in instruments/ is compiled in";
    for (const Instrument& instrument : plugin->instruments) {
        EXPECT_EQ(instrument.plugin, GetParam().id) << instrument.id;
        for (const DefinitionProblem& problem : validate_instrument(instrument, instrument.id))
            ADD_FAILURE() << problem.to_string();
        const auto file = files.front().parent_path() / (instrument.id + ".json");
        EXPECT_EQ(instrument_to_json(instrument), instrument_to_json(load_instrument_file(file)));
    }
    EXPECT_EQ(test::definitions(plugin->plugin->instruments()), test::definitions(plugin->instruments));
}

TEST_P(SurveyPluginLoaded, DemoInstrumentsAreThePluginsOwn)
{
    std::size_t compared = 0;
    for (const Instrument& demo : demo_instruments()) {
        if (demo.plugin != GetParam().id)
            continue;
        EXPECT_EQ(instrument_to_json(find_instrument(plugin->instruments, demo.id)), instrument_to_json(demo));
        ++compared;
    }
    EXPECT_EQ(compared, GetParam().demo_instruments);
}

// A council that opened the demo and then installed the plugin: nothing conflicts.
TEST_P(SurveyPluginLoaded, RegistersIntoADemoDatabaseWithoutConflict)
{
    test::TempDir dir;
    Store store(dir / "chorus.db");
    seed_demo(store, "test");
    EXPECT_EQ(host.register_instruments(store, "test"), std::vector<std::string>{});
    for (const Instrument& instrument : plugin->instruments) {
        const auto stored = store.find_instrument(instrument.id, instrument.version);
        ASSERT_TRUE(stored.has_value()) << instrument.id;
        EXPECT_EQ(instrument_to_json(*stored), instrument_to_json(instrument));
    }
}

INSTANTIATE_TEST_SUITE_P(SurveyPlugins, SurveyPluginFiles, ::testing::ValuesIn(survey_plugins), plugin_name);
INSTANTIATE_TEST_SUITE_P(SurveyPlugins, SurveyPluginLoaded, ::testing::ValuesIn(survey_plugins), plugin_name);
