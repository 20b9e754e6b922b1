// compliments add | list, and closure-days list | add | remove: the council's local
// closure days, which every complaint deadline skips like a bank holiday.
#include "commands.hpp"
#include "complaints_plugin.hpp"
#include "table.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/dates.hpp"

#include <algorithm>
#include <limits>
#include <ostream>

namespace chorus::cli {

namespace {

constexpr std::string_view weekday_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};

std::string weekday_of(const std::string& date)
{
    return std::string(weekday_names[iso_weekday(*day_number(date)) - 1]);
}

} // namespace

int compliments_add(const Arguments& arguments, Context& context)
{
    Compliment compliment;
    const auto received = arguments.date("received");
    if (!received)
        throw UsageError("missing --received");
    compliment.received = *received;
    compliment.source_type = arguments.required("source");
    compliment.service_area = arguments.value_or("service-area", "");
    compliment.team = arguments.value_or("team", "");
    compliment.summary = arguments.value_or("summary", "");

    const ComplaintsPlugin plugin = complaints_plugin(context);
    std::vector<std::string> problems;
    plugin.check_code(problems, "source", compliment_sources, compliment.source_type);
    if (!compliment.service_area.empty())
        plugin.check_code(problems, "service-area", service_areas, compliment.service_area);
    if (const std::string today = local_date(); compliment.received > today)
        problems.push_back("--received: " + compliment.received + " is after today (" + today + ")");
    if (!problems.empty())
        throw ListedError("the compliment cannot be saved", problems);

    ComplaintLog log(context.store());
    context.out() << "recorded compliment " << log.add_compliment(compliment, context.actor()) << '\n';
    return 0;
}

int compliments_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    ComplimentFilter filter;
    filter.received_from = arguments.date("from").value_or("");
    filter.received_to = arguments.date("to").value_or("");
    filter.limit = arguments.integer("limit", 1, std::numeric_limits<std::int64_t>::max()).value_or(-1);
    ComplaintLog log(context.store());
    const auto compliments = log.list_compliments(filter);
    if (format == "json") {
        auto list = OrderedJson::array();
        for (const auto& compliment : compliments)
            list.push_back({{"uuid", compliment.uuid},
                            {"received", compliment.received},
                            {"source", compliment.source_type},
                            {"service_area", compliment.service_area},
                            {"team", compliment.team},
                            {"summary", compliment.summary},
                            {"recorded_by", compliment.recorded_by}});
        print_json(context.out(), list);
        return 0;
    }
    context.out() << count_noun(static_cast<std::int64_t>(compliments.size()), "compliment", "compliments")
                  << (compliments.empty() ? ".\n" : ".\n\n");
    if (compliments.empty())
        return 0;
    Table table({{"Received"}, {"Source"}, {"Service area"}, {"Team"}, {"Summary"}});
    for (const auto& compliment : compliments)
        table.add_row({compliment.received, compliment.source_type, compliment.service_area, compliment.team,
                       shortened(compliment.summary, 40)});
    table.print(context.out());
    return 0;
}

int closure_days_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    ComplaintLog log(context.store());
    const auto days = log.closure_days();
    if (format == "json") {
        auto list = OrderedJson::array();
        for (const auto& day : days)
            list.push_back({{"date", day.date},
                            {"reason", day.reason},
                            {"added_by", day.added_by},
                            {"added_at", day.added_at}});
        print_json(context.out(), list);
    } else if (days.empty()) {
        context.out() << "No local closure days. Add one with chorus-cli closure-days add DATE --reason TEXT.\n";
    } else {
        Table table({{"Date"}, {"Day"}, {"Reason"}, {"Added by"}, {"Added at"}});
        for (const auto& day : days)
            table.add_row({day.date, weekday_of(day.date), day.reason, day.added_by, day.added_at});
        table.print(context.out());
    }
    return 0;
}

int closure_days_add(const Arguments& arguments, Context& context)
{
    const std::string date = date_operand(arguments.operands().front(), "closure-days add");
    const std::string reason = arguments.required("reason");
    ComplaintLog log(context.store());
    log.add_closure_day(date, reason, context.actor());
    context.out() << "added closure day " << date << " (" << weekday_of(date) << ")\n";
    // Stored all the same (a council may list its whole closure), but it moves no deadline.
    const int weekday = iso_weekday(*day_number(date));
    const CaseProcedure* procedure = context.plugins().case_procedure();
    if (weekday >= 6)
        context.out() << "note: deadlines skip weekends already, so this day moves no due date\n";
    else if (procedure != nullptr) {
        const auto holidays = procedure->bank_holidays();
        if (std::find(holidays.begin(), holidays.end(), date) != holidays.end())
            context.out() << "note: " << date << " is a bank holiday, which deadlines skip already\n";
    }
    return 0;
}

int closure_days_remove(const Arguments& arguments, Context& context)
{
    const std::string date = date_operand(arguments.operands().front(), "closure-days remove");
    ComplaintLog log(context.store());
    log.remove_closure_day(date, context.actor());
    context.out() << "removed closure day " << date << '\n';
    return 0;
}

} // namespace chorus::cli
