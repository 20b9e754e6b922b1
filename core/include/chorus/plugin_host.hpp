#pragma once
// Finds, checks and loads plugins (plugin_api.hpp). A bad plugin never takes the host
// down and never blocks the good ones: it is refused with a reason naming the file.
// A loaded plugin's library stays mapped while any object from it lives (the shared_ptr
// handed out holds the library).
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/plugin_api.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class CaseProcedure;
class Progress;
class Store;

struct LoadedPlugin {
    plugin::Info info;
    std::filesystem::path file;
    std::shared_ptr<plugin::Plugin> plugin; // keeps the library loaded
    std::vector<Instrument> instruments;    // validated, each with plugin == info.id
    std::vector<plugin::Vocabulary> vocabularies;
};

struct RefusedPlugin {
    std::filesystem::path file;
    // A sentence naming the file, e.g. "old.so is built for plugin API version 999; this
    // Chorus supports version 1 (...)"; docs/plugin-sdk.md lists them all.
    std::string reason;
};

class CHORUS_CORE_API PluginHost {
public:
    // Folders searched, in order: the plugin folder installed relative to the running
    // executable (<bindir>/../<libdir>/chorus/plugins), then each folder in
    // $CHORUS_PLUGIN_PATH (':'-separated; ';' on Windows). Missing folders are skipped.
    static std::vector<std::filesystem::path> default_folders();

    PluginHost();
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // Loads every shared library (.so, .dll, .dylib) directly in each folder, in name
    // order within a folder. Never throws for a bad plugin: it goes to refused().
    // A second plugin with an id already loaded is refused.
    void load_folders(const std::vector<std::filesystem::path>& folders, Progress* progress = nullptr);
    // One file; returns the loaded plugin, or nullptr when refused (see refused()).
    const LoadedPlugin* load_file(const std::filesystem::path& file);

    const std::vector<LoadedPlugin>& loaded() const;
    const std::vector<RefusedPlugin>& refused() const;
    const LoadedPlugin* find(std::string_view id) const;

    // What plugins said through Host::log, oldest first, each "plugin_id: message".
    // Kept in memory only, never written to a file.
    std::vector<std::string> messages() const;

    // Every loaded plugin's instruments, in load order.
    std::vector<Instrument> instruments() const;
    // The first loaded plugin's complaints procedure; nullptr when none offers one.
    const CaseProcedure* case_procedure() const;

    // Adds each plugin instrument to the store (unchanged when already there). A
    // definition that conflicts with a stored one of the same id and version is not
    // added; the returned lines say which and why. Never throws for such a conflict.
    std::vector<std::string> register_instruments(Store& store, const std::string& actor) const;
    // Audits each plugin loaded for the first time with this store or with another version or
    // file than last time, and each refusal (register_instruments does, on opening a store).
    void record_loads(Store& store, const std::string& actor) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace chorus
