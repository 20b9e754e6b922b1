#pragma once
// The interface between Chorus and its plugins: the one header a plugin author needs
// (docs/plugin-sdk.md). A plugin is a shared library (CMake MODULE) that exports three
// Boost.DLL aliases, written for it by CHORUS_PLUGIN(Class):
//   chorus_plugin_api_version  int()                        checked before anything else
//   chorus_plugin_create       chorus::plugin::Plugin*(Host&)
//   chorus_plugin_destroy      void(chorus::plugin::Plugin*) deletes inside the plugin
//
// C++ types cross the boundary, so a plugin must be built with the same compiler family
// and Chorus headers as the host. Any change to this header, or to the model headers it
// includes (instrument.hpp, case_procedure.hpp, complaints.hpp), raises api_version.
#include "chorus/instrument.hpp"

#include <boost/config.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace chorus {
class CaseProcedure;
}

namespace chorus::plugin {

inline constexpr int api_version = 1;

struct Info {
    std::string id;          // unique among loaded plugins: [a-z][a-z0-9_]*, e.g. "family_feedback"
    std::string name;        // shown to people, e.g. "Family feedback surveys"
    std::string version;     // the plugin's own version, e.g. "1.0.0"
    std::string description; // one or two sentences
};

// A named list of codes a plugin supplies: theme tags, complainant types, outcomes...
struct Vocabulary {
    std::string id;    // unique within the plugin, e.g. "three-houses-themes"
    std::string title; // e.g. "Three houses themes"
    std::vector<Option> terms;
};

// What the host offers a plugin. Valid for the plugin's whole life.
class BOOST_SYMBOL_VISIBLE Host {
public:
    virtual ~Host() = default;
    virtual int api_version() const = 0;
    virtual std::string host_version() const = 0;
    // For diagnostics only: never put answers, names or case references in a message.
    virtual void log(std::string_view plugin_id, std::string_view message) = 0;
};

class BOOST_SYMBOL_VISIBLE Plugin {
public:
    virtual ~Plugin() = default;

    virtual Info info() const = 0;

    // Instrument definitions the plugin contributes; the host validates each one and
    // refuses the whole plugin when any fails. Each must name this plugin's id in `plugin`.
    virtual std::vector<Instrument> instruments() const = 0;

    virtual std::vector<Vocabulary> vocabularies() const { return {}; }

    // The complaints procedure, for a plugin that implements one; owned by the plugin.
    virtual const CaseProcedure* case_procedure() const { return nullptr; }
};

using CreateFunction = Plugin*(Host&);
using DestroyFunction = void(Plugin*);
using ApiVersionFunction = int();

inline constexpr const char* api_version_symbol = "chorus_plugin_api_version";
inline constexpr const char* create_symbol = "chorus_plugin_create";
inline constexpr const char* destroy_symbol = "chorus_plugin_destroy";

} // namespace chorus::plugin

// Exports a plugin class constructible from chorus::plugin::Host&. Use once per plugin,
// at namespace scope in one .cpp file (which must include <boost/dll/alias.hpp>).
#define CHORUS_PLUGIN(PluginClass)                                                           \
    namespace chorus_plugin_entry {                                                          \
    inline int api_version() noexcept { return ::chorus::plugin::api_version; }             \
    inline ::chorus::plugin::Plugin* create(::chorus::plugin::Host& host)                   \
    {                                                                                        \
        return new PluginClass(host);                                                        \
    }                                                                                        \
    inline void destroy(::chorus::plugin::Plugin* plugin) noexcept { delete plugin; }        \
    }                                                                                        \
    BOOST_DLL_ALIAS(chorus_plugin_entry::api_version, chorus_plugin_api_version)             \
    BOOST_DLL_ALIAS(chorus_plugin_entry::create, chorus_plugin_create)                       \
    BOOST_DLL_ALIAS(chorus_plugin_entry::destroy, chorus_plugin_destroy)
