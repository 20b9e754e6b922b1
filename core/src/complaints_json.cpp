#include "complaints_json.hpp"

#include <map>

namespace chorus::exporting {

namespace {

using OrderedJson = nlohmann::ordered_json;
using nlohmann::json;

// Reads the members of one object, noting each one missing or of the wrong kind.
class Fields {
public:
    Fields(const json& object, const std::string& source, const std::string& path,
           std::vector<DefinitionProblem>& problems)
        : object_(object), source_(source), path_(path), problems_(problems)
    {
        if (!object.is_object())
            problem(path, "expected an object");
    }

    std::string text(const char* name)
    {
        const json* value = find(name);
        if (value == nullptr)
            return {};
        if (!value->is_string()) {
            problem(path_ + "." + name, "expected a string");
            return {};
        }
        return value->get<std::string>();
    }

    bool flag(const char* name)
    {
        const json* value = find(name);
        if (value != nullptr && !value->is_boolean())
            problem(path_ + "." + name, "expected true or false");
        return value != nullptr && value->is_boolean() && value->get<bool>();
    }

    // Calls `each` with every item of the array `name` and its path.
    template <typename Each>
    void items(const char* name, Each each)
    {
        const json* value = find(name);
        if (value == nullptr)
            return;
        if (!value->is_array()) {
            problem(path_ + "." + name, "expected an array");
            return;
        }
        for (std::size_t i = 0; i < value->size(); ++i)
            each((*value)[i], path_ + "." + name + "[" + std::to_string(i) + "]");
    }

    std::vector<std::string> texts(const char* name)
    {
        std::vector<std::string> result;
        items(name, [&](const json& item, const std::string& path) {
            if (item.is_string())
                result.push_back(item.get<std::string>());
            else
                problem(path, "expected a string");
        });
        return result;
    }

    std::map<std::string, std::string> text_map(const char* name)
    {
        std::map<std::string, std::string> result;
        const json* value = find(name);
        if (value == nullptr)
            return result;
        if (!value->is_object()) {
            problem(path_ + "." + name, "expected an object");
            return result;
        }
        for (const auto& [key, item] : value->items()) {
            if (item.is_string())
                result[key] = item.get<std::string>();
            else
                problem(path_ + "." + name + "." + key, "expected a string");
        }
        return result;
    }

    void problem(const std::string& path, const std::string& message)
    {
        problems_.push_back({source_, path, message});
    }

private:
    const json* find(const char* name) const
    {
        if (!object_.is_object())
            return nullptr;
        const auto it = object_.find(name);
        return it == object_.end() || it->is_null() ? nullptr : &*it;
    }

    const json& object_;
    const std::string& source_;
    std::string path_;
    std::vector<DefinitionProblem>& problems_;
};

} // namespace

OrderedJson complaint_json(const Complaint& complaint, bool identifiable, bool free_text)
{
    const bool text = identifiable || free_text;
    OrderedJson item{{"uuid", complaint.uuid}};
    if (identifiable)
        item["reference"] = complaint.reference;
    item["received"] = complaint.received;
    item["became_aware"] = complaint.became_aware;
    item["complainant_type"] = complaint.complainant_type;
    item["service_area"] = complaint.service_area;
    item["procedure"] = complaint.procedure;
    item["team"] = complaint.team;
    item["themes"] = complaint.themes;
    item["advocate_offered"] = complaint.advocate_offered;
    OrderedJson points = OrderedJson::array();
    for (const ComplaintPoint& point : complaint.points) {
        OrderedJson entry = OrderedJson::object();
        if (text)
            entry["summary"] = point.summary;
        entry["outcome"] = point.outcome;
        entry["outcome_stage"] = point.outcome_stage;
        points.push_back(std::move(entry));
    }
    item["points"] = std::move(points);
    OrderedJson stages = OrderedJson::array();
    for (const ComplaintStage& stage : complaint.stages) {
        OrderedJson entry{{"stage", stage.stage}, {"started", stage.started}, {"extended", stage.extended}};
        if (text)
            entry["extension_reason"] = stage.extension_reason;
        entry["milestones"] = stage.milestones;
        stages.push_back(std::move(entry));
    }
    item["stages"] = std::move(stages);
    OrderedJson learning = OrderedJson::array();
    for (const LearningAction& action : complaint.learning) {
        OrderedJson entry = OrderedJson::object();
        if (text)
            entry["action"] = action.action;
        entry["owner"] = action.owner;
        entry["due"] = action.due;
        entry["completed"] = action.completed;
        learning.push_back(std::move(entry));
    }
    item["learning"] = std::move(learning);
    if (identifiable)
        item["recorded_by"] = complaint.recorded_by;
    return item;
}

OrderedJson compliment_json(const Compliment& compliment, bool identifiable, bool free_text)
{
    OrderedJson item{{"uuid", compliment.uuid},
                     {"received", compliment.received},
                     {"source_type", compliment.source_type},
                     {"service_area", compliment.service_area},
                     {"team", compliment.team}};
    if (identifiable || free_text)
        item["summary"] = compliment.summary;
    if (identifiable)
        item["recorded_by"] = compliment.recorded_by;
    return item;
}

std::optional<Complaint> read_complaint(const json& item, const std::string& source, const std::string& path,
                                        std::vector<DefinitionProblem>& problems)
{
    const std::size_t before = problems.size();
    Fields fields(item, source, path, problems);
    Complaint complaint;
    complaint.uuid = fields.text("uuid");
    complaint.reference = fields.text("reference");
    complaint.received = fields.text("received");
    complaint.became_aware = fields.text("became_aware");
    complaint.complainant_type = fields.text("complainant_type");
    complaint.service_area = fields.text("service_area");
    complaint.procedure = fields.text("procedure");
    complaint.team = fields.text("team");
    complaint.themes = fields.texts("themes");
    complaint.advocate_offered = fields.flag("advocate_offered");
    fields.items("points", [&](const json& entry, const std::string& at) {
        Fields point(entry, source, at, problems);
        complaint.points.push_back({point.text("summary"), point.text("outcome"), point.text("outcome_stage")});
    });
    fields.items("stages", [&](const json& entry, const std::string& at) {
        Fields stage(entry, source, at, problems);
        complaint.stages.push_back({stage.text("stage"), stage.text("started"), stage.flag("extended"),
                                    stage.text("extension_reason"), stage.text_map("milestones")});
    });
    fields.items("learning", [&](const json& entry, const std::string& at) {
        Fields action(entry, source, at, problems);
        complaint.learning.push_back(
            {action.text("action"), action.text("owner"), action.text("due"), action.text("completed")});
    });
    complaint.recorded_by = fields.text("recorded_by");
    if (complaint.uuid.empty())
        fields.problem(path + ".uuid", "a complaint needs its uuid");
    if (problems.size() != before)
        return std::nullopt;
    return complaint;
}

std::optional<Compliment> read_compliment(const json& item, const std::string& source, const std::string& path,
                                          std::vector<DefinitionProblem>& problems)
{
    const std::size_t before = problems.size();
    Fields fields(item, source, path, problems);
    Compliment compliment{fields.text("uuid"),         fields.text("received"), fields.text("source_type"),
                          fields.text("service_area"), fields.text("team"),     fields.text("summary"),
                          fields.text("recorded_by")};
    if (compliment.uuid.empty())
        fields.problem(path + ".uuid", "a compliment needs its uuid");
    if (problems.size() != before)
        return std::nullopt;
    return compliment;
}

} // namespace chorus::exporting
