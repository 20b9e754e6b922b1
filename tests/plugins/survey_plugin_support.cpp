#include "survey_plugin_support.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace chorus::test {

std::vector<std::filesystem::path> instrument_files(std::string_view plugin)
{
    const std::filesystem::path folder =
        std::filesystem::path(CHORUS_PLUGINS_SOURCE_DIR) / plugin / "instruments";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

const LoadedPlugin* load_built_plugin(PluginHost& host, std::string_view id)
{
    host.load_folders({std::filesystem::path(CHORUS_PLUGIN_DIR)});
    const LoadedPlugin* plugin = host.find(id);
    if (plugin == nullptr) {
        ADD_FAILURE() << id << " was not loaded from " << CHORUS_PLUGIN_DIR;
        for (const RefusedPlugin& refused : host.refused())
            ADD_FAILURE() << "refused " << refused.file << ": " << refused.reason;
    }
    return plugin;
}

std::vector<Instrument> load_instrument_files(std::string_view plugin)
{
    std::vector<Instrument> instruments;
    for (const auto& file : instrument_files(plugin))
        instruments.push_back(load_instrument_file(file));
    return instruments;
}

const Instrument& find_instrument(const std::vector<Instrument>& instruments, std::string_view id)
{
    const auto found = std::find_if(instruments.begin(), instruments.end(),
                                    [id](const Instrument& x) { return x.id == id; });
    if (found == instruments.end())
        throw std::runtime_error("no instrument " + std::string(id));
    return *found;
}

Response sample_response(const Instrument& instrument, const std::string& respondent_type,
                         std::map<std::string, Answer> answers)
{
    Response response;
    response.uuid = new_uuid();
    response.instrument_id = instrument.id;
    response.instrument_version = instrument.version;
    response.captured_at = "2025-06-12T14:05:00Z";
    response.captured_by = "pw-021";
    response.team = "East locality";
    response.respondent_type = respondent_type;
    response.answers = std::move(answers);
    return response;
}

void expect_stored(const std::filesystem::path& database, const std::vector<Instrument>& instruments,
                   const std::vector<Response>& responses)
{
    Store store(database);
    for (const Instrument& instrument : instruments)
        EXPECT_EQ(store.add_instrument(instrument, "test"), AddOutcome::added) << instrument.id;
    for (const Response& response : responses) {
        const Instrument stored = store.instrument(response.instrument_id, response.instrument_version);
        for (const AnswerProblem& problem : validate_response(stored, response, ValidationMode::complete))
            ADD_FAILURE() << response.instrument_id << ": " << problem.question_key << ": " << problem.message;
        try {
            store.add_response(response, "test");
        } catch (const std::exception& error) {
            ADD_FAILURE() << response.instrument_id << ": " << error.what();
            continue;
        }
        const auto read_back = store.find_response(response.uuid);
        ASSERT_TRUE(read_back.has_value()) << response.instrument_id;
        EXPECT_EQ(read_back->answers, response.answers) << response.instrument_id;
        EXPECT_EQ(read_back->respondent_type, response.respondent_type) << response.instrument_id;
    }
    EXPECT_EQ(store.count_responses(), static_cast<std::int64_t>(responses.size()));
}

std::vector<std::string> definitions(const std::vector<Instrument>& instruments)
{
    std::vector<std::string> texts;
    for (const Instrument& instrument : instruments)
        texts.push_back(instrument_to_json(instrument));
    return texts;
}

std::vector<std::string> option_codes(const Question& question)
{
    std::vector<std::string> codes;
    for (const Option& option : question.options)
        codes.push_back(option.code);
    return codes;
}

} // namespace chorus::test
