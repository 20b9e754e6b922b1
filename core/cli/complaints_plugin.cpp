#include "complaints_plugin.hpp"

#include "table.hpp"

#include "chorus/dates.hpp"
#include "chorus/uuid.hpp"

#include <algorithm>
#include <ctime>
#include <set>

namespace chorus::cli {

namespace {

// A value is repeated in a message only when it looks like a code: free text typed into
// the wrong option could identify someone.
std::string shown(const std::string& value)
{
    const bool code_like = !value.empty() && value.size() <= 40 &&
                           std::all_of(value.begin(), value.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                      c == '_' || c == '-';
                           });
    return code_like ? "\"" + value + "\"" : std::string("the value given");
}

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
    std::string joined;
    for (const auto& item : items)
        joined += (joined.empty() ? "" : std::string(separator)) + item;
    return joined;
}

std::string lower_first(std::string text)
{
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

std::string working_days(int count)
{
    return std::to_string(count) + (count == 1 ? " working day" : " working days");
}

} // namespace

const plugin::Vocabulary* ComplaintsPlugin::find(std::string_view vocabulary) const
{
    const auto found = std::find_if(vocabularies_.begin(), vocabularies_.end(),
                                    [&](const plugin::Vocabulary& v) { return v.id == vocabulary; });
    return found == vocabularies_.end() ? nullptr : &*found;
}

void ComplaintsPlugin::check_code(std::vector<std::string>& problems, std::string_view option,
                                  std::string_view vocabulary, const std::string& code) const
{
    const plugin::Vocabulary* terms = find(vocabulary);
    if (terms == nullptr || std::any_of(terms->terms.begin(), terms->terms.end(),
                                        [&](const Option& term) { return term.code == code; }))
        return;
    std::vector<std::string> known;
    for (const auto& term : terms->terms)
        known.push_back(term.code);
    problems.push_back("--" + std::string(option) + ": " + shown(code) + " is not a known code; use one of " +
                       join(known, ", "));
}

std::string ComplaintsPlugin::label(std::string_view vocabulary, const std::string& code) const
{
    if (const plugin::Vocabulary* terms = find(vocabulary))
        for (const auto& term : terms->terms)
            if (term.code == code && !term.label.empty())
                return term.label;
    return code;
}

std::string ComplaintsPlugin::stage_label(const std::string& procedure, const std::string& stage) const
{
    for (const auto& rule : procedure_.stages(procedure))
        if (rule.code == stage)
            return rule.label;
    return stage;
}

ComplaintsPlugin complaints_plugin(Context& context)
{
    const PluginHost& host = context.plugins();
    if (const CaseProcedure* procedure = host.case_procedure())
        for (const auto& loaded : host.loaded())
            if (loaded.plugin->case_procedure() == procedure)
                return {*procedure, loaded.vocabularies};

    std::vector<std::string> details;
    std::vector<std::string> folders;
    for (const auto& folder : PluginHost::default_folders())
        folders.push_back(folder.string());
    details.push_back(folders.empty() ? "no plugin folder was found; set CHORUS_PLUGIN_PATH to the folder of "
                                        "complaints.so"
                                      : "looked in: " + join(folders, ", "));
    if (const auto refused = host.refused().size(); refused > 0)
        details.push_back(count_noun(static_cast<std::int64_t>(refused), "plugin was", "plugins were") +
                          " refused; run chorus-cli plugins for the reason");
    throw ListedError("the complaints plugin is not loaded: no plugin offers a complaints procedure",
                      std::move(details));
}

std::string today_option(const Arguments& arguments)
{
    auto today = arguments.date("today");
    return today ? *today : local_date();
}

std::string date_operand(const std::string& text, std::string_view what)
{
    auto date = normalise_date(text);
    if (!date)
        throw UsageError(std::string(what) + ": expected a date (YYYY-MM-DD or DD/MM/YYYY), got \"" + text + "\"");
    return *date;
}

std::string find_complaint(ComplaintLog& log, const std::string& id)
{
    if (is_uuid(id)) {
        if (!log.find(id))
            throw Error("no complaint " + id);
        return id;
    }
    // The start of a uuid, as the register table shows for a complaint without a reference.
    const bool uuid_start = id.size() >= 8 && std::all_of(id.begin(), id.end(), [](char c) {
                                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-';
                            });
    std::vector<std::string> matches;
    for (const auto& complaint : log.list())
        if (complaint.reference == id || (uuid_start && complaint.uuid.rfind(id, 0) == 0))
            matches.push_back(complaint.uuid);
    if (matches.empty())
        throw Error("no complaint has the uuid or case reference given");
    if (matches.size() > 1)
        throw ListedError("more than one complaint matches the case reference or uuid start given; name one by "
                          "its uuid",
                          matches);
    return matches.front();
}

std::string status_text(const ComplaintStatus& status)
{
    if (!status.open)
        return "closed";
    if (status.overdue)
        return status.working_days_left < 0 ? "OVERDUE by " + working_days(-status.working_days_left) : "OVERDUE";
    if (status.next_due.empty()) // every deadline met, or none at this stage (the ombudsman)
        return status.deadlines.empty() ? "no council deadline" : "outcomes to record";
    if (status.working_days_left == 0)
        return "due today";
    return working_days(status.working_days_left) + " left";
}

std::string short_stage_name(const ComplaintStatus& status)
{
    const std::string& label = status.stage_label;
    if (const auto colon = label.find(':'); colon != std::string::npos)
        return label.substr(0, colon);
    if (label.size() <= 12)
        return label.empty() ? status.stage : label;
    std::string initials; // "Local Government and Social Care Ombudsman" -> "LGSCO"
    for (std::size_t i = 0; i < label.size(); ++i)
        if ((i == 0 || label[i - 1] == ' ') && label[i] >= 'A' && label[i] <= 'Z')
            initials += label[i];
    return initials.size() > 1 ? initials : status.stage;
}

std::string outcome_summary(const Complaint& complaint, const ComplaintsPlugin& plugin)
{
    std::set<std::string> decided_outcomes;
    std::size_t decided = 0;
    for (const auto& point : complaint.points)
        if (!point.outcome.empty()) {
            decided_outcomes.insert(point.outcome);
            ++decided;
        }
    if (decided == 0)
        return "not decided";
    if (decided < complaint.points.size())
        return std::to_string(decided) + " of " + std::to_string(complaint.points.size()) + " decided";
    if (decided_outcomes.size() > 1)
        return "mixed"; // the points' outcomes are in `complaints show` and the JSON
    return lower_first(plugin.label(outcomes, *decided_outcomes.begin()));
}

} // namespace chorus::cli
