#pragma once
// Shared by the survey plugin tests: reading a plugin's instrument files from the source
// tree, and storing instruments with sample responses in a real Store.
#include "chorus/instrument.hpp"
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

const Instrument& find_instrument(const std::vector<Instrument>& instruments, std::string_view id);

// A complete response to the latest version of `instrument`, as a worker would capture it.
Response sample_response(const Instrument& instrument, const std::string& respondent_type,
                         std::map<std::string, Answer> answers);

// Adds every instrument to a new Store in `database`, then each response, and checks
// each reads back unchanged. Fails the test (with every problem) when anything is refused.
void expect_stored(const std::filesystem::path& database, const std::vector<Instrument>& instruments,
                   const std::vector<Response>& responses);

// The codes of a question's options, in order.
std::vector<std::string> option_codes(const Question& question);

} // namespace chorus::test
