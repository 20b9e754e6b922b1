// The plugin loader. Each file goes through the checks in order and stops at the first
// that fails, so a refusal names the one thing to fix:
//   is it a shared library, does it export the entry points (read from the file without
//   running it), can it be loaded, is its API version ours, does its factory work, is its
//   info valid and its id new, are its instruments and vocabularies valid.
// Plugin code runs only from the load step on, and every call into it is guarded.
#include "chorus/plugin_host.hpp"

#include "audit_row.hpp"
#include "elf_symbols.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/progress.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/version.hpp"
#include "text_util.hpp"

#include <array>

// Boost 1.74's library_info.hpp uses std::vector without including it (toolchain-notes.md).
#include <vector>

#include <boost/dll/library_info.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstdlib>
#include <ios>
#include <mutex>
#include <set>
#include <system_error>

#ifndef CHORUS_PLUGIN_RELATIVE_DIR
#error "CHORUS_PLUGIN_RELATIVE_DIR (plugin folder relative to the executable) comes from core/CMakeLists.txt"
#endif

namespace chorus {

namespace fs = std::filesystem;

namespace {

// Plugin messages kept in memory (never in a file); a chatty plugin cannot grow them forever.
constexpr std::size_t max_messages = 1000;

// The services a plugin is given. Shared: a plugin object may outlive the PluginHost
// that loaded it, and its Host& must stay valid for its whole life.
class HostServices final : public plugin::Host {
public:
    int api_version() const override { return plugin::api_version; }
    std::string host_version() const override { return version_string; }

    void log(std::string_view plugin_id, std::string_view message) override
    {
        const std::lock_guard lock(mutex_);
        if (messages_.size() < max_messages)
            messages_.push_back(std::string(plugin_id) + ": " + std::string(message));
        else if (messages_.size() == max_messages)
            messages_.push_back("(further plugin messages dropped)");
    }

    std::vector<std::string> messages() const
    {
        const std::lock_guard lock(mutex_);
        return messages_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> messages_;
};

// A check that failed: the reason is the sentence a RefusedPlugin carries.
struct Refusal {
    std::string reason;
};

bool is_library_name(const fs::path& file)
{
    const auto extension = file.extension().string();
    return extension == ".so" || extension == ".dll" || extension == ".dylib";
}

bool is_plugin_id(const std::string& id)
{
    if (id.empty() || id.front() < 'a' || id.front() > 'z')
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool is_blank(const std::string& text)
{
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string in_quotes(const std::string& text)
{
    return "\"" + text + "\"";
}

// The exception in flight, as text, copied while the plugin's library is still loaded
// (the exception object and its what() may live in the plugin's code).
std::string current_exception_text()
{
    try {
        throw;
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

// The dlerror text inside Boost.DLL's load error, e.g. "libx.so: cannot open shared object file".
std::string load_error_text(const std::string& what)
{
    const std::string marker = "dlerror system message: ";
    const auto start = what.find(marker);
    const auto end = what.rfind(')');
    if (start == std::string::npos || end == std::string::npos || end < start)
        return what;
    return what.substr(start + marker.size(), end - start - marker.size());
}

// a) and b): read from the file; no plugin code runs.
void check_file(const fs::path& file, const std::string& name)
{
    std::vector<std::string> exported;
    try {
        boost::dll::library_info info(file);
        exported = info.symbols("boostdll");
    } catch (const std::ios_base::failure&) {
        throw Refusal{name + " is not a shared library: it cannot be read or is too short"};
    } catch (const std::exception& error) {
        throw Refusal{name + " is not a shared library this system can load (" + error.what() + ")"};
    }
    const auto missing_from = [](const std::vector<std::string>& symbols) {
        std::vector<std::string> absent;
        for (const char* symbol : {plugin::api_version_symbol, plugin::create_symbol, plugin::destroy_symbol})
            if (std::find(symbols.begin(), symbols.end(), symbol) == symbols.end())
                absent.emplace_back(symbol);
        return absent;
    };
    std::vector<std::string> missing = missing_from(exported);
    // A stripped plugin has no static symbol table for library_info to read; its dynamic
    // one still names what it exports.
    if (!missing.empty())
        if (const auto dynamic = elf_dynamic_symbols(file))
            missing = missing_from(*dynamic);
    if (!missing.empty())
        throw Refusal{name + " is not a Chorus plugin: it does not export the entry point"
                      + (missing.size() > 1 ? "s " : " ") + join(missing, ", ")
                      + " (a plugin exports them with CHORUS_PLUGIN)"};
}

void check_info(const plugin::Info& info, const std::string& name)
{
    std::vector<std::string> problems;
    if (!is_plugin_id(info.id))
        problems.push_back("its id " + in_quotes(info.id)
                           + " is not valid (use a lower-case letter, then letters, digits or '_')");
    if (is_blank(info.name))
        problems.emplace_back("its name is empty");
    if (is_blank(info.version))
        problems.emplace_back("its version is empty");
    if (!problems.empty())
        throw Refusal{name + " gives invalid plugin info: " + join(problems, "; ")};
}

void check_vocabularies(const std::vector<plugin::Vocabulary>& vocabularies, const std::string& name)
{
    std::vector<std::string> problems;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < vocabularies.size(); ++i) {
        const auto& vocabulary = vocabularies[i];
        const std::string which = vocabulary.id.empty() ? "vocabulary " + std::to_string(i + 1)
                                                        : "vocabulary " + in_quotes(vocabulary.id);
        if (is_blank(vocabulary.id))
            problems.push_back(which + " has an empty id");
        else if (!ids.insert(vocabulary.id).second)
            problems.push_back(which + " is given twice");
        std::set<std::string> codes;
        for (const auto& term : vocabulary.terms) {
            if (is_blank(term.code))
                problems.push_back(which + " has a term with an empty code");
            else if (!codes.insert(term.code).second)
                problems.push_back(which + " has the code " + in_quotes(term.code) + " twice");
        }
    }
    if (!problems.empty())
        throw Refusal{name + " supplies invalid vocabularies: " + join(problems, "; ")};
}

} // namespace

struct PluginHost::Impl {
    std::shared_ptr<HostServices> services = std::make_shared<HostServices>();
    std::vector<LoadedPlugin> loaded;
    std::vector<RefusedPlugin> refused;

    const LoadedPlugin* provider_of_instrument(const std::string& instrument_id) const
    {
        for (const auto& plugin : loaded)
            for (const auto& instrument : plugin.instruments)
                if (instrument.id == instrument_id)
                    return &plugin;
        return nullptr;
    }

    // c) to e): load the library and create the plugin object.
    std::shared_ptr<plugin::Plugin> create(const fs::path& file, const std::string& name) const
    {
        std::shared_ptr<boost::dll::shared_library> library;
        try {
            // rtld_now: an unresolved symbol refuses the plugin here, not crashes it later.
            library = std::make_shared<boost::dll::shared_library>(
                file, boost::dll::load_mode::rtld_now);
        } catch (const std::exception& error) {
            throw Refusal{name + " cannot be loaded: " + load_error_text(error.what())};
        }

        const int version = library->get_alias<plugin::ApiVersionFunction>(plugin::api_version_symbol)();
        if (version != plugin::api_version)
            throw Refusal{name + " is built for plugin API version " + std::to_string(version)
                          + "; this Chorus supports version " + std::to_string(plugin::api_version)
                          + " (rebuild the plugin against this Chorus's headers)"};

        auto& create_plugin = library->get_alias<plugin::CreateFunction>(plugin::create_symbol);
        auto& destroy_plugin = library->get_alias<plugin::DestroyFunction>(plugin::destroy_symbol);
        plugin::Plugin* raw = nullptr;
        try {
            raw = create_plugin(*services);
        } catch (...) {
            throw Refusal{name + " failed to start: its factory threw: " + current_exception_text()};
        }
        if (raw == nullptr)
            throw Refusal{name + " failed to start: its factory returned no plugin"};
        // The deleter runs the plugin's own destroy, then lets go of the library and the
        // services, so both outlive every object the plugin made.
        auto keep_services = services;
        return std::shared_ptr<plugin::Plugin>(
            raw, [library, keep_services, destroy = &destroy_plugin](plugin::Plugin* object) {
                destroy(object);
            });
    }

    // h): every instrument valid, named for this plugin, and not another plugin's.
    std::vector<Instrument> checked_instruments(std::vector<Instrument> instruments,
                                                const std::string& plugin_id,
                                                const std::string& name) const
    {
        std::vector<std::string> problems;
        std::set<std::pair<std::string, int>> seen;
        for (auto& instrument : instruments) {
            // As in the JSON format: a scale question given no options gets the defaults.
            for (auto& question : instrument.questions)
                if (question.options.empty())
                    question.options = default_options(question.type, question.faces);
            const std::string source =
                "instrument " + (instrument.id.empty() ? std::string("(no id)") : instrument.id);
            for (const auto& problem : validate_instrument(instrument, source))
                problems.push_back(problem.to_string());
            if (instrument.plugin != plugin_id)
                problems.push_back(source + ": its plugin field is " + in_quotes(instrument.plugin)
                                   + ", not this plugin's id " + in_quotes(plugin_id));
            if (!seen.insert({instrument.id, instrument.version}).second)
                problems.push_back(source + ": version " + std::to_string(instrument.version)
                                   + " is given twice");
            if (const auto* other = provider_of_instrument(instrument.id))
                problems.push_back(source + ": already contributed by plugin " + other->info.id
                                   + " (" + other->file.string() + ")");
        }
        if (!problems.empty())
            throw Refusal{name + " contributes instrument definitions that fail validation: "
                          + join(problems, "; ")};
        return instruments;
    }

    LoadedPlugin load(const fs::path& file)
    {
        const std::string name = file.filename().string();
        check_file(file, name);
        auto object = create(file, name);

        LoadedPlugin result;
        result.file = file;
        try {
            result.info = object->info();
        } catch (...) {
            throw Refusal{name + ": info() threw: " + current_exception_text()};
        }
        check_info(result.info, name);
        for (const auto& other : loaded)
            if (other.info.id == result.info.id)
                throw Refusal{name + " has the plugin id " + in_quotes(result.info.id)
                              + ", which " + other.file.string() + " already provides"};

        std::vector<Instrument> instruments;
        try {
            instruments = object->instruments();
            result.vocabularies = object->vocabularies();
        } catch (...) {
            throw Refusal{name + " (plugin " + result.info.id
                          + ") failed to list what it provides: " + current_exception_text()};
        }
        result.instruments = checked_instruments(std::move(instruments), result.info.id, name);
        check_vocabularies(result.vocabularies, name);
        result.plugin = std::move(object);
        return result;
    }
};

std::vector<fs::path> PluginHost::default_folders()
{
    std::vector<fs::path> candidates;
    std::error_code error;
    const auto program = boost::dll::program_location(error);
    if (!error)
        candidates.push_back((program.parent_path() / CHORUS_PLUGIN_RELATIVE_DIR).lexically_normal());
    if (const char* variable = std::getenv("CHORUS_PLUGIN_PATH")) {
#if defined(_WIN32)
        const char separator = ';';
#else
        const char separator = ':';
#endif
        std::string_view rest = variable;
        while (!rest.empty()) {
            const auto end = rest.find(separator);
            const auto entry = rest.substr(0, end);
            if (!entry.empty())
                candidates.emplace_back(entry);
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
    }
    std::vector<fs::path> folders;
    std::set<fs::path> seen;
    for (const auto& folder : candidates) {
        if (!fs::is_directory(folder, error))
            continue;
        if (seen.insert(fs::weakly_canonical(folder, error)).second)
            folders.push_back(folder);
    }
    return folders;
}

PluginHost::PluginHost() : impl_(std::make_unique<Impl>()) {}

PluginHost::~PluginHost() = default;

void PluginHost::load_folders(const std::vector<fs::path>& folders, Progress* progress)
{
    std::vector<fs::path> files;
    std::set<fs::path> seen_folders;
    for (const auto& folder : folders) {
        std::error_code error;
        if (!fs::is_directory(folder, error)
            || !seen_folders.insert(fs::weakly_canonical(folder, error)).second)
            continue;
        std::vector<fs::path> in_folder;
        for (const auto& entry : fs::directory_iterator(folder, error))
            if (entry.is_regular_file(error) && is_library_name(entry.path()))
                in_folder.push_back(entry.path());
        std::sort(in_folder.begin(), in_folder.end());
        files.insert(files.end(), in_folder.begin(), in_folder.end());
    }

    // Cancelling leaves the host as it was before this call.
    const auto loaded_before = impl_->loaded.size();
    const auto refused_before = impl_->refused.size();
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (progress != nullptr) {
            if (progress->cancelled()) {
                impl_->loaded.resize(loaded_before);
                impl_->refused.resize(refused_before);
                throw Cancelled();
            }
            progress->update(i, files.size(), "Loading plugin " + files[i].filename().string());
        }
        load_file(files[i]);
    }
    if (progress != nullptr)
        progress->update(files.size(), files.size(), "Plugins loaded");
}

const LoadedPlugin* PluginHost::load_file(const fs::path& file)
{
    try {
        impl_->loaded.push_back(impl_->load(file));
        return &impl_->loaded.back();
    } catch (const Refusal& refusal) {
        impl_->refused.push_back({file, refusal.reason});
    } catch (const std::exception& error) {
        // Defensive: a failure no check foresaw still refuses only this file.
        impl_->refused.push_back({file, file.filename().string() + " could not be loaded: " + error.what()});
    }
    return nullptr;
}

const std::vector<LoadedPlugin>& PluginHost::loaded() const
{
    return impl_->loaded;
}

const std::vector<RefusedPlugin>& PluginHost::refused() const
{
    return impl_->refused;
}

const LoadedPlugin* PluginHost::find(std::string_view id) const
{
    for (const auto& plugin : impl_->loaded)
        if (plugin.info.id == id)
            return &plugin;
    return nullptr;
}

std::vector<std::string> PluginHost::messages() const
{
    return impl_->services->messages();
}

std::vector<Instrument> PluginHost::instruments() const
{
    std::vector<Instrument> all;
    for (const auto& plugin : impl_->loaded)
        all.insert(all.end(), plugin.instruments.begin(), plugin.instruments.end());
    return all;
}

const CaseProcedure* PluginHost::case_procedure() const
{
    for (const auto& plugin : impl_->loaded)
        if (const auto* procedure = plugin.plugin->case_procedure())
            return procedure;
    return nullptr;
}

std::vector<std::string> PluginHost::register_instruments(Store& store, const std::string& actor) const
{
    std::vector<std::string> conflicts;
    for (const auto& plugin : impl_->loaded) {
        for (const auto& instrument : plugin.instruments) {
            // A stored definition that differs is the plugin's mistake (it changed a
            // definition without a new version): report it and keep the stored one.
            const auto stored = store.find_instrument(instrument.id, instrument.version);
            if (stored && instrument_to_json(*stored) != instrument_to_json(instrument)) {
                conflicts.push_back("plugin " + plugin.info.id + " (" + plugin.file.filename().string()
                                    + "): instrument " + instrument.id + " version "
                                    + std::to_string(instrument.version)
                                    + " differs from the definition already stored, so it was not "
                                      "added; a changed definition needs a new version number");
                continue;
            }
            if (!stored)
                store.add_instrument(instrument, actor);
        }
    }
    record_loads(store, actor);
    return conflicts;
}

void PluginHost::record_loads(Store& store, const std::string& actor) const
{
    // Which code had access to the data, from when and by whom: a plugin's first load with
    // this database and every change of its version or file, and each refusal. Unchanged
    // loads write nothing, so opening a database to read it never waits for the write lock.
    auto& connection = store.connection();
    auto last = connection.prepare(
        "SELECT detail FROM audit_log WHERE action = ? AND entity = ? ORDER BY id DESC LIMIT 1");
    auto already_recorded = [&](const std::string& action, const std::string& entity, const std::string& detail) {
        last.bind(1, action).bind(2, entity);
        const bool same = last.step() && last.column_text(0) == detail;
        last.reset();
        return same;
    };
    std::vector<std::array<std::string, 3>> rows; // action, entity, detail
    for (const auto& plugin : impl_->loaded) {
        std::string detail = "version " + plugin.info.version + " from " + plugin.file.filename().string();
        if (!already_recorded("plugin.load", plugin.info.id, detail))
            rows.push_back({"plugin.load", plugin.info.id, std::move(detail)});
    }
    for (const auto& refused : impl_->refused)
        if (!already_recorded("plugin.refuse", refused.file.filename().string(), refused.reason))
            rows.push_back({"plugin.refuse", refused.file.filename().string(), refused.reason});
    if (rows.empty())
        return;
    try {
        sql::Transaction transaction(connection);
        for (const auto& [action, entity, detail] : rows)
            insert_audit_row(connection, actor, action, entity, detail);
        transaction.commit();
    } catch (const sql::SqliteError& error) {
        // A read-only database (a copy on a read-only share) can still be read; a load that
        // cannot be recorded there changes nothing either.
        if (!error.is_read_only())
            throw;
    }
}

} // namespace chorus
