#pragma once
// What every window works on: the open database, the loaded plugins and who is working.
// One per app; the main frame owns it and hands it to each view.
#include "chorus/dates.hpp"
#include "chorus/complaint_register.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/store.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::gui {

class Session {
public:
    Session();
    ~Session();

    // Loads the plugins from the default folders; a bad plugin is refused, never fatal.
    void load_plugins(Progress* progress);

    // Opens the database (creating its folder when it is the default one), registers the
    // plugins' instruments and, when `seed_demo_data`, seeds the demo on first use.
    // Throws Error naming the file; the database open before stays open then.
    void open(const std::filesystem::path& file, bool seed_demo_data);
    bool is_open() const { return store_ != nullptr; }
    Store& store();
    PluginHost& plugins() { return plugins_; }
    const std::string& actor() const { return actor_; }
    // Lines about plugin instruments the database already holds differently.
    const std::vector<std::string>& warnings() const { return warnings_; }

    // nullptr when no loaded plugin offers a complaints procedure.
    ComplaintRegister* complaints();
    // The label of a code from the complaints plugin's vocabulary; the code when unknown.
    std::string complaint_label(std::string_view vocabulary, const std::string& code) const;
    const plugin::Vocabulary* complaint_vocabulary(std::string_view vocabulary) const;
    // The code lists of the plugin offering the complaints procedure; nullptr when none does.
    const std::vector<plugin::Vocabulary>* complaint_vocabularies() const;
    // The day the register's status is shown for: the demo's day for the demo log (its
    // dates do not move with the clock), else today.
    std::string status_date();

    // Every instrument of the database, latest version each, by title.
    std::vector<InstrumentSummary> instruments();

private:
    PluginHost plugins_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<ComplaintRegister> register_;
    std::string actor_;
    std::vector<std::string> warnings_;
};


} // namespace chorus::gui
