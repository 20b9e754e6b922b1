// The complaints plugin: the complaints and compliments log's rules (the statutory
// children's procedure and the corporate one), its code lists and the bank holidays of
// England and Wales (data/bank-holidays-england-and-wales.txt, compiled in).
#include "bank_holidays.hpp"
#include "complaints_procedure.hpp"
#include "complaints_vocabularies.hpp"
#include "complaints_data_texts.hpp"

#include "chorus/plugin_api.hpp"

#include <boost/dll/alias.hpp> // CHORUS_PLUGIN needs it

#include <string>
#include <vector>

namespace {

using namespace chorus;

std::vector<std::string> bank_holiday_dates() {
    std::vector<std::string> dates;
    for (const auto& file : embedded::complaints_data_texts())
        for (const auto& holiday : complaints::parse_bank_holidays(file.text, file.name))
            dates.push_back(holiday.date);
    return dates;
}

class ComplaintsPlugin final : public plugin::Plugin {
public:
    // A malformed holiday file throws here, and the host refuses the plugin with the line.
    explicit ComplaintsPlugin(plugin::Host& /*host*/)
        : procedure_(bank_holiday_dates(), complaints::complaint_vocabularies()) {}

    plugin::Info info() const override {
        return {"complaints", "Complaints and compliments", "1.0.0",
                "The statutory children's complaints procedure and the corporate one: stages, "
                "working-day deadlines, escalation and late requests; complaint and compliment code lists."};
    }

    std::vector<Instrument> instruments() const override { return {}; }

    std::vector<plugin::Vocabulary> vocabularies() const override { return complaints::complaint_vocabularies(); }

    const CaseProcedure* case_procedure() const override { return &procedure_; }

private:
    complaints::ComplaintsProcedure procedure_;
};

} // namespace

CHORUS_PLUGIN(ComplaintsPlugin)
