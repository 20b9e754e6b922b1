// The family feedback plugin: what children, young people, parents and carers say about
// the help they get. Its instruments are the JSON files in instruments/, compiled in.
#include "family_feedback_instrument_texts.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/plugin_api.hpp"

#include <boost/dll/alias.hpp>

#include <string>
#include <vector>

namespace {

class FamilyFeedbackPlugin final : public chorus::plugin::Plugin {
public:
    // Parses the definitions once; a bad one throws, and the host refuses the plugin.
    explicit FamilyFeedbackPlugin(chorus::plugin::Host& /*host*/)
    {
        for (const auto& text : chorus::embedded::family_feedback_instrument_texts())
            instruments_.push_back(chorus::parse_instrument(text.text, std::string(text.name)));
    }

    chorus::plugin::Info info() const override
    {
        return {"family_feedback", "Family feedback surveys", "1.0.0",
                "Child in Need family feedback, child protection conference feedback from "
                "parents, and young people's views for ages 4-7, 8-11 and 11-18."};
    }

    std::vector<chorus::Instrument> instruments() const override { return instruments_; }

private:
    std::vector<chorus::Instrument> instruments_;
};

} // namespace

CHORUS_PLUGIN(FamilyFeedbackPlugin)
