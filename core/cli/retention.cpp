// retention list | set | remove, holds list | place | release, purge and erase: how long
// records are kept, what is kept past that, and deleting on schedule or on request.
#include "commands.hpp"
#include "complaints_plugin.hpp"
#include "table.hpp"

#include "chorus/complaint_register.hpp"
#include "chorus/retention.hpp"

#include <ostream>

namespace chorus::cli {

namespace {

RecordType record_type_operand(const std::string& word)
{
    if (auto type = parse_record_type(word))
        return *type;
    throw UsageError("\"" + word + "\" is not a kind of record: responses, drafts, complaints or compliments");
}

// A complaint is named by uuid or case reference, as in the complaints commands; other
// records by uuid.
std::string record_id(Context& context, RecordType type, const std::string& id)
{
    if (type != RecordType::complaint)
        return id;
    ComplaintLog log(context.store());
    return find_complaint(log, id);
}

std::string plural_name(RecordType type)
{
    return std::string(record_type_name(type)) + "s";
}

// Deleting cannot be undone: --yes says it is meant, --dry-run shows what it would do.
void require_confirmation(const Arguments& arguments, const std::string& what)
{
    if (!arguments.has("yes") && !arguments.has("dry-run"))
        throw UsageError(what + " cannot be undone: add --yes to go ahead, or --dry-run to see what it would delete");
}

} // namespace

int retention_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    RecordsRetention retention(context.store());
    const auto rules = retention.rules();
    if (format == "json") {
        auto list = OrderedJson::array();
        for (RecordType type : all_record_types()) {
            const auto rule = retention.rule(type);
            list.push_back({{"records", plural_name(type)},
                            {"months", rule ? OrderedJson(rule->months) : OrderedJson(nullptr)},
                            {"set_by", rule ? rule->set_by : ""},
                            {"set_at", rule ? rule->set_at : ""}});
        }
        print_json(context.out(), list);
        return 0;
    }
    Table table({{"Records"}, {"Kept for", Align::right}, {"Set by"}, {"Set at"}});
    for (RecordType type : all_record_types()) {
        const auto rule = retention.rule(type);
        table.add_row({plural_name(type), rule ? count_noun(rule->months, "month", "months") : "until deleted",
                       rule ? rule->set_by : "", rule ? rule->set_at : ""});
    }
    table.print(context.out());
    const auto holds = retention.holds().size();
    context.out() << '\n' << count_noun(static_cast<std::int64_t>(holds), "record", "records") << " on legal hold"
                  << (holds ? " (chorus-cli holds list)" : "") << ".\n";
    return 0;
}

int retention_set(const Arguments& arguments, Context& context)
{
    const RecordType type = record_type_operand(arguments.operands().front());
    const auto given = arguments.integer("months", 1, 1200);
    if (!given)
        throw UsageError("missing --months");
    const int months = static_cast<int>(*given);
    RecordsRetention retention(context.store());
    retention.set_rule(type, months, context.actor(), arguments.required("reason"));
    context.out() << plural_name(type) << " are kept for " << count_noun(months, "month", "months") << '\n';
    return 0;
}

int retention_remove(const Arguments& arguments, Context& context)
{
    const RecordType type = record_type_operand(arguments.operands().front());
    RecordsRetention retention(context.store());
    retention.remove_rule(type, context.actor(), arguments.required("reason"));
    context.out() << plural_name(type) << " are kept until deleted\n";
    return 0;
}

int holds_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    RecordsRetention retention(context.store());
    const auto holds = retention.holds();
    if (format == "json") {
        auto list = OrderedJson::array();
        for (const LegalHold& hold : holds)
            list.push_back({{"record", record_type_name(hold.type)},
                            {"uuid", hold.uuid},
                            {"reason", hold.reason},
                            {"placed_by", hold.placed_by},
                            {"placed_at", hold.placed_at}});
        print_json(context.out(), list);
        return 0;
    }
    context.out() << count_noun(static_cast<std::int64_t>(holds.size()), "record", "records") << " on legal hold"
                  << (holds.empty() ? ".\n" : ".\n\n");
    if (holds.empty())
        return 0;
    Table table({{"Record"}, {"Uuid"}, {"Placed by"}, {"Placed at"}, {"Reason"}});
    for (const LegalHold& hold : holds)
        table.add_row({std::string(record_type_name(hold.type)), hold.uuid, hold.placed_by, hold.placed_at,
                       shortened(hold.reason, 40)});
    table.print(context.out());
    return 0;
}

int holds_place(const Arguments& arguments, Context& context)
{
    const RecordType type = record_type_operand(arguments.operands()[0]);
    const std::string uuid = record_id(context, type, arguments.operands()[1]);
    RecordsRetention retention(context.store());
    retention.place_hold(type, uuid, context.actor(), arguments.required("reason"));
    context.out() << record_type_name(type) << ' ' << uuid << " is on legal hold: purges keep it\n";
    return 0;
}

int holds_release(const Arguments& arguments, Context& context)
{
    const RecordType type = record_type_operand(arguments.operands()[0]);
    const std::string uuid = record_id(context, type, arguments.operands()[1]);
    RecordsRetention retention(context.store());
    retention.release_hold(type, uuid, context.actor(), arguments.required("reason"));
    context.out() << record_type_name(type) << ' ' << uuid << " is no longer on legal hold\n";
    return 0;
}

int purge(const Arguments& arguments, Context& context)
{
    require_confirmation(arguments, "a purge");
    const std::string today = arguments.date("today").value_or(local_date());
    RecordsRetention retention(context.store());
    // Only the complaints procedure knows whether a complaint is still open, and an open
    // one is never purged: without the plugin, complaints are not purged at all.
    std::optional<ComplaintsPlugin> plugin;
    std::optional<ComplaintRegister> complaints;
    RecordsRetention::OpenComplaint open;
    if (retention.rule(RecordType::complaint)) {
        plugin.emplace(complaints_plugin(context));
        complaints.emplace(context.store(), plugin->procedure());
        open = [&](const std::string& uuid) { return complaints->is_open(uuid, today); };
    }
    const bool dry_run = arguments.has("dry-run");
    const PurgePlan plan = dry_run ? retention.plan_purge(today, open)
                                   : retention.purge(today, context.actor(), arguments.required("reason"), open);
    context.out() << (dry_run ? "would delete" : "deleted");
    bool first = true;
    for (const RetentionRule& rule : retention.rules()) {
        context.out() << (first ? " " : ", ")
                      << count_noun(static_cast<std::int64_t>(plan.count(rule.type)), record_type_name(rule.type),
                                    plural_name(rule.type))
                      << " (older than " << months_before(today, rule.months) << ")";
        first = false;
    }
    if (first)
        context.out() << " nothing: no retention rules (chorus-cli retention set)";
    context.out() << "\nkept: " << plan.kept_on_hold << " on legal hold, " << plan.kept_open
                  << " complaints still open\n";
    return 0;
}

int erase(const Arguments& arguments, Context& context)
{
    require_confirmation(arguments, "erasing");
    const auto& operands = arguments.operands();
    const RecordType type = record_type_operand(operands.front());
    RecordsRetention retention(context.store());
    std::vector<std::string> uuids;
    for (std::size_t i = 1; i < operands.size(); ++i) {
        if (type == RecordType::complaint) {
            // One complainant's complaints share their case reference.
            auto same_person = retention.complaints_with_reference(operands[i]);
            if (!same_person.empty()) {
                uuids.insert(uuids.end(), same_person.begin(), same_person.end());
                continue;
            }
        }
        uuids.push_back(record_id(context, type, operands[i]));
    }
    if (arguments.has("dry-run")) {
        context.out() << "would erase " << count_noun(static_cast<std::int64_t>(uuids.size()),
                                                      record_type_name(type), plural_name(type)) << ":\n";
        for (const std::string& uuid : uuids)
            context.out() << "  " << uuid << '\n';
        return 0;
    }
    retention.erase(type, uuids, context.actor(), arguments.required("reason"));
    context.out() << "erased " << count_noun(static_cast<std::int64_t>(uuids.size()), record_type_name(type),
                                             plural_name(type)) << '\n';
    return 0;
}

} // namespace chorus::cli
