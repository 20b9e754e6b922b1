#include "session.hpp"

#include "chorus/demo.hpp"
#include "chorus/encryption.hpp"
#include "chorus/paths.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/users.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <system_error>

namespace chorus::gui {

namespace {

// The store, asking for the passphrase until it is right when the file is encrypted.
std::unique_ptr<Store> open_store(const std::filesystem::path& file, const Session::PassphrasePrompt& passphrase)
{
    if (!is_encrypted_database(file))
        return std::make_unique<Store>(file);
    if (!passphrase)
        throw Error(file.string() + ": the database is encrypted; give its passphrase to open it");
    std::string problem;
    for (;;) {
        const auto given = passphrase(problem);
        if (!given)
            throw Error(file.string() + ": not opened; no passphrase was given");
        try {
            return std::make_unique<Store>(file, *given);
        } catch (const sql::PassphraseError&) {
            problem = "that passphrase is not right";
        }
    }
}

} // namespace

Session::Session() : actor_(current_actor()) {}
Session::~Session() = default;

void Session::load_plugins(Progress* progress)
{
    plugins_.load_folders(PluginHost::default_folders(), progress);
}

void Session::open(const std::filesystem::path& file, bool seed_demo_data, const SignInPrompt& sign_in,
                   const PassphrasePrompt& passphrase)
{
    if (file == default_database_path()) {
        std::error_code error;
        std::filesystem::create_directories(file.parent_path(), error);
        if (error)
            throw Error("cannot create the folder " + file.parent_path().string() + " for the database: "
                        + error.message());
    } else if (!std::filesystem::exists(file.parent_path().empty() ? "." : file.parent_path())) {
        throw Error(file.string() + ": the folder " + file.parent_path().string() + " does not exist");
    }
    auto store = open_store(file, passphrase);
    std::string actor = current_actor();
    Role role = Role::admin;
    UserDirectory users(*store);
    const bool has_accounts = users.has_accounts();
    if (has_accounts) {
        if (!sign_in)
            throw Error(file.string() + ": this database has user accounts; sign in to open it");
        std::string problem;
        for (;;) {
            const auto given = sign_in(problem);
            if (!given)
                throw Error(file.string() + ": not opened; nobody signed in");
            try {
                const UserAccount account = users.sign_in(given->first, given->second);
                actor = account.name;
                role = account.role;
                break;
            } catch (const SignInError& error) {
                problem = error.what();
            }
        }
    }
    auto warnings = plugins_.register_instruments(*store, actor);
    if (seed_demo_data)
        seed_demo(*store, actor);
    register_.reset();
    store_ = std::move(store);
    actor_ = std::move(actor);
    role_ = role;
    has_accounts_ = has_accounts;
    warnings_ = std::move(warnings);
    if (const CaseProcedure* procedure = plugins_.case_procedure())
        register_ = std::make_unique<ComplaintRegister>(*store_, *procedure);
}

Store& Session::store()
{
    if (!store_)
        throw Error("no database is open");
    return *store_;
}

ComplaintRegister* Session::complaints()
{
    return register_.get();
}

const std::vector<plugin::Vocabulary>* Session::complaint_vocabularies() const
{
    const CaseProcedure* procedure = plugins_.case_procedure();
    for (const auto& loaded : plugins_.loaded())
        if (procedure && loaded.plugin->case_procedure() == procedure)
            return &loaded.vocabularies;
    return nullptr;
}

const plugin::Vocabulary* Session::complaint_vocabulary(std::string_view vocabulary) const
{
    if (const auto* vocabularies = complaint_vocabularies())
        for (const auto& each : *vocabularies)
            if (each.id == vocabulary)
                return &each;
    return nullptr;
}

std::string Session::complaint_label(std::string_view vocabulary, const std::string& code) const
{
    if (const plugin::Vocabulary* terms = complaint_vocabulary(vocabulary))
        for (const auto& term : terms->terms)
            if (term.code == code && !term.label.empty())
                return term.label;
    return code;
}

std::string Session::status_date()
{
    auto demo = store().connection().prepare(
        "SELECT 1 FROM audit_log WHERE entity = 'demo data' AND action LIKE 'complaint%' LIMIT 1");
    return demo.step() ? demo_today() : local_date();
}

std::vector<InstrumentSummary> Session::instruments()
{
    std::map<std::string, InstrumentSummary> latest;
    for (auto& summary : store().list_instruments())
        latest[summary.id] = summary; // listed by version, so the last one wins
    std::vector<InstrumentSummary> result;
    for (auto& [id, summary] : latest)
        result.push_back(summary);
    std::sort(result.begin(), result.end(),
              [](const InstrumentSummary& a, const InstrumentSummary& b) { return a.title < b.title; });
    return result;
}

} // namespace chorus::gui
