#pragma once
// What every window works on: the open database, the loaded plugins and who is working.
// One per app; the main frame owns it and hands it to each view.
#include "chorus/access.hpp"
#include "chorus/dates.hpp"
#include "chorus/complaint_register.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace chorus::gui {

class Session {
public:
    Session();
    ~Session();

    // Loads the plugins from the default folders; a bad plugin is refused, never fatal.
    void load_plugins(Progress* progress);

    // Asked for a name and password when the database has user accounts; `problem` says
    // why the last try failed ("" the first time). nullopt: the person gave up.
    using SignInPrompt =
        std::function<std::optional<std::pair<std::string, std::string>>(const std::string& problem)>;

    // Asked for the passphrase of an encrypted database; `problem` as for SignInPrompt.
    // nullopt: the person gave up.
    using PassphrasePrompt = std::function<std::optional<std::string>(const std::string& problem)>;

    // Opens the database (creating its folder when it is the default one), asking
    // `passphrase` until it is right when the file is encrypted, signs in when it
    // has user accounts (asking `sign_in` until the name and password are right), registers
    // the plugins' instruments and, when `seed_demo_data`, seeds the demo on first use.
    // Throws Error naming the file; the database open before stays open then.
    void open(const std::filesystem::path& file, bool seed_demo_data, const SignInPrompt& sign_in = {},
              const PassphrasePrompt& passphrase = {});
    // Who is signed in: on a database without accounts, the computer's user name as an admin
    // (the file is open to whoever can open it).
    Role role() const { return role_; }
    bool permits(Permission permission) const { return chorus::permits(role_, permission); }
    bool has_accounts() const { return has_accounts_; }
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
    Role role_ = Role::admin;
    bool has_accounts_ = false;
    std::vector<std::string> warnings_;
};


} // namespace chorus::gui
