// The example plugin of docs/plugin-sdk.md: one instrument, written in Chorus's JSON
// instrument format (docs/instrument-format.md) and parsed once when the plugin starts,
// plus one vocabulary of theme tags.
#include "chorus/instrument_json.hpp"
#include "chorus/plugin_api.hpp"

#include <boost/dll/alias.hpp> // CHORUS_PLUGIN needs it

namespace {

constexpr const char* plugin_id = "council_example";

constexpr const char* youth_forum_json = R"({
  "id": "council-example-youth-forum",
  "version": 1,
  "title": "Youth forum feedback",
  "plugin": "council_example",
  "description": "Three questions after a youth forum meeting.",
  "respondent_types": ["child", "young_person"],
  "questions": [
    {"key": "listened", "type": "faces", "faces": 3, "required": true,
     "label": "Did people listen to you today?"},
    {"key": "again", "type": "yes_no_na", "label": "Would you come again?"},
    {"key": "better", "type": "long_text", "label": "What would make it better?"}
  ]
})";

class CouncilExamplePlugin final : public chorus::plugin::Plugin {
public:
    // Throwing here is allowed: the host refuses the plugin and shows the message.
    explicit CouncilExamplePlugin(chorus::plugin::Host& host)
        : youth_forum_(chorus::parse_instrument(youth_forum_json, "council_example youth forum"))
    {
        host.log(plugin_id, "ready");
    }

    chorus::plugin::Info info() const override
    {
        return {plugin_id, "Council example", "1.0.0",
                "A youth forum feedback form: the example from the Chorus plugin guide."};
    }

    std::vector<chorus::Instrument> instruments() const override { return {youth_forum_}; }

    std::vector<chorus::plugin::Vocabulary> vocabularies() const override
    {
        return {{"youth-forum-topics",
                 "Youth forum topics",
                 {{"transport", "Transport"}, {"school", "School"}, {"safety", "Feeling safe"}}}};
    }

private:
    chorus::Instrument youth_forum_;
};

} // namespace

CHORUS_PLUGIN(CouncilExamplePlugin)
