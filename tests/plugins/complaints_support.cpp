#include "complaints_support.hpp"

#include <stdexcept>

namespace chorus::test {

namespace {

// Every real plugin loaded once, as the app loads them.
struct RealPlugins {
    RealPlugins() { host.load_folders({CHORUS_PLUGIN_DIR}); }
    PluginHost host;
};

} // namespace

const LoadedPlugin& complaints_plugin() {
    static const RealPlugins plugins;
    const LoadedPlugin* plugin = plugins.host.find("complaints");
    if (plugin == nullptr) {
        std::string reasons;
        for (const auto& refused : plugins.host.refused()) reasons += " " + refused.reason;
        throw std::runtime_error("the complaints plugin did not load:" + reasons);
    }
    return *plugin;
}

const CaseProcedure& complaints_procedure() {
    const CaseProcedure* procedure = complaints_plugin().plugin->case_procedure();
    if (procedure == nullptr) throw std::runtime_error("the complaints plugin offers no case procedure");
    return *procedure;
}

WorkingDayCalendar bank_holiday_calendar() { return WorkingDayCalendar(complaints_procedure().bank_holidays()); }

Complaint complaint_received(const std::string& received, const std::string& procedure) {
    Complaint complaint;
    complaint.uuid = "00000000-0000-4000-8000-000000000001";
    complaint.received = received;
    complaint.complainant_type = "parent";
    complaint.service_area = "children_in_need";
    complaint.procedure = procedure;
    complaint.themes = {"communication", "delay"};
    complaint.points = {{"Calls to the social worker were not returned.", "", ""}};
    complaint.stages = {{"stage1", received, false, "", {}}};
    return complaint;
}

} // namespace chorus::test
