#pragma once
// Shared by the survey plugin tests: a plugin's instrument files in the source tree, the
// built plugin loaded by the real PluginHost, and a real Store holding sample responses.
#include "chorus/instrument.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/response.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::test {

// plugins/<plugin>/instruments/*.json in the source tree, in name order.
std::vector<std::filesystem::path> instrument_files(std::string_view plugin);

// Each of those files loaded with load_instrument_file, in name order.
std::vector<Instrument> load_instrument_files(std::string_view plugin);

// The plugin `id` as the real PluginHost loads it from the build's plugin folder
// (CHORUS_PLUGIN_DIR, laid out like an install); nullptr, with a test failure quoting
// every refusal, when it is not loaded.
const LoadedPlugin* load_built_plugin(PluginHost& host, std::string_view id);

const Instrument& find_instrument(const std::vector<Instrument>& instruments, std::string_view id);

// A complete response to `instrument`, as a worker would capture it.
Response sample_response(const Instrument& instrument, const std::string& respondent_type,
                         std::map<std::string, Answer> answers);

// Adds every instrument to a new Store in `database`, then each response, and checks
// each reads back unchanged. Fails the test (with every problem) when anything is refused.
void expect_stored(const std::filesystem::path& database, const std::vector<Instrument>& instruments,
                   const std::vector<Response>& responses);

// The JSON of each instrument (instrument_to_json), in order: for comparing definitions.
std::vector<std::string> definitions(const std::vector<Instrument>& instruments);

// The codes of a question's options, in order.
std::vector<std::string> option_codes(const Question& question);

} // namespace chorus::test
