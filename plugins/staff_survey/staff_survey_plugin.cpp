// The staff survey plugin: what practitioners and partner agencies say about supervision,
// training, meetings and their service. Its instruments are the JSON files in
// instruments/, compiled in.
#include "staff_survey_instrument_texts.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/plugin_api.hpp"

#include <boost/dll/alias.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// The three-houses themes are the options of that form's "themes" question, so the
// vocabulary and the question are one list and cannot drift apart.
chorus::plugin::Vocabulary three_houses_themes(const std::vector<chorus::Instrument>& instruments)
{
    const auto form = std::find_if(instruments.begin(), instruments.end(),
                                   [](const chorus::Instrument& x) { return x.id == "three-houses"; });
    const chorus::Question* themes = form == instruments.end() ? nullptr : form->find_question("themes");
    if (themes == nullptr)
        throw std::logic_error("staff_survey: three-houses.json has no \"themes\" question");
    return {"three-houses-themes", "Three houses themes", themes->options};
}

class StaffSurveyPlugin final : public chorus::plugin::Plugin {
public:
    // Parses the definitions once; a bad one throws, and the host refuses the plugin.
    explicit StaffSurveyPlugin(chorus::plugin::Host& /*host*/)
    {
        for (const auto& text : chorus::embedded::staff_survey_instrument_texts())
            instruments_.push_back(chorus::parse_instrument(text.text, std::string(text.name)));
        vocabularies_.push_back(three_houses_themes(instruments_));
    }

    chorus::plugin::Info info() const override
    {
        return {"staff_survey", "Staff surveys", "1.0.0",
                "Practitioner survey, training and newsletter feedback, partner feedback on "
                "the meeting model, and the three houses with its themes."};
    }

    std::vector<chorus::Instrument> instruments() const override { return instruments_; }

    std::vector<chorus::plugin::Vocabulary> vocabularies() const override { return vocabularies_; }

private:
    std::vector<chorus::Instrument> instruments_;
    std::vector<chorus::plugin::Vocabulary> vocabularies_;
};

} // namespace

CHORUS_PLUGIN(StaffSurveyPlugin)
