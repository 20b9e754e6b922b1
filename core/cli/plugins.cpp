// plugins: what was loaded from which folders, what each plugin provides, and why any
// plugin was refused.
#include "commands.hpp"
#include "table.hpp"

#include <ostream>

namespace chorus::cli {

namespace {

std::vector<std::string> instrument_ids(const LoadedPlugin& plugin)
{
    std::vector<std::string> ids;
    for (const auto& instrument : plugin.instruments)
        ids.push_back(instrument.id + (instrument.version > 1 ? " v" + std::to_string(instrument.version) : ""));
    return ids;
}

std::vector<std::string> vocabulary_ids(const LoadedPlugin& plugin)
{
    std::vector<std::string> ids;
    for (const auto& vocabulary : plugin.vocabularies)
        ids.push_back(vocabulary.id);
    return ids;
}

std::string join(const std::vector<std::string>& items)
{
    std::string joined;
    for (const auto& item : items)
        joined += (joined.empty() ? "" : ", ") + item;
    return joined;
}

// "instruments: a, b; vocabularies: c; complaints procedure"
std::string provides(const LoadedPlugin& plugin)
{
    std::vector<std::string> parts;
    if (!plugin.instruments.empty())
        parts.push_back("instruments: " + join(instrument_ids(plugin)));
    if (!plugin.vocabularies.empty())
        parts.push_back("vocabularies: " + join(vocabulary_ids(plugin)));
    if (plugin.plugin->case_procedure() != nullptr)
        parts.emplace_back("complaints procedure");
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : "; ") + part;
    return text.empty() ? "nothing" : text;
}

void print_table(std::ostream& out, const std::vector<std::filesystem::path>& folders,
                 const PluginHost& host)
{
    std::vector<std::string> folder_names;
    for (const auto& folder : folders)
        folder_names.push_back(folder.string());
    if (folders.empty())
        out << "No plugin folder found; set CHORUS_PLUGIN_PATH to a folder of plugins.\n";
    else
        out << "Plugin folders: " << join(folder_names) << '\n';

    if (host.loaded().empty()) {
        out << "No plugins loaded.\n";
    } else {
        out << '\n';
        Table table({{"ID"}, {"Name"}, {"Version"}, {"File"}, {"Provides"}});
        for (const auto& plugin : host.loaded())
            table.add_row({plugin.info.id, plugin.info.name, plugin.info.version,
                           plugin.file.filename().string(), provides(plugin)});
        table.print(out);
    }
    if (!host.refused().empty()) {
        out << "\nRefused (not loaded):\n";
        for (const auto& refused : host.refused())
            out << "  " << refused.reason << "\n    file: " << refused.file.string() << '\n';
    }
}

void print_json_list(std::ostream& out, const std::vector<std::filesystem::path>& folders,
                     const PluginHost& host)
{
    auto folder_list = OrderedJson::array();
    for (const auto& folder : folders)
        folder_list.push_back(folder.string());
    auto loaded = OrderedJson::array();
    for (const auto& plugin : host.loaded()) {
        auto instruments = OrderedJson::array();
        for (const auto& instrument : plugin.instruments)
            instruments.push_back({{"id", instrument.id}, {"version", instrument.version}});
        loaded.push_back({{"id", plugin.info.id},
                          {"name", plugin.info.name},
                          {"version", plugin.info.version},
                          {"description", plugin.info.description},
                          {"file", plugin.file.string()},
                          {"instruments", instruments},
                          {"vocabularies", vocabulary_ids(plugin)},
                          {"complaints_procedure", plugin.plugin->case_procedure() != nullptr}});
    }
    auto refused = OrderedJson::array();
    for (const auto& plugin : host.refused())
        refused.push_back({{"file", plugin.file.string()}, {"reason", plugin.reason}});
    print_json(out, {{"folders", folder_list}, {"loaded", loaded}, {"refused", refused}});
}

} // namespace

int plugins(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    const auto folders = PluginHost::default_folders();
    const PluginHost& host = context.plugins();
    if (format == "json")
        print_json_list(context.out(), folders, host);
    else
        print_table(context.out(), folders, host);
    // Refusals are reported, not failures: also on stderr, so scripts and logs see them.
    context.out().flush();
    for (const auto& refused : host.refused())
        context.err() << "chorus-cli: plugin refused: " << refused.reason << '\n';
    return 0;
}

} // namespace chorus::cli
