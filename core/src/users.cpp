#include "chorus/users.hpp"

#include "audit_row.hpp"
#include "chorus/dates.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace chorus {

namespace {

// Interactive limits: about a tenth of a second and 64 MiB per hash on a council laptop,
// slow enough to make guessing a stolen file's passwords expensive.
constexpr auto failed_sign_in_delay = std::chrono::milliseconds(700);

void start_sodium()
{
    if (sodium_init() < 0)
        throw Error("the password library (libsodium) could not start");
}

void check_name(const std::string& name)
{
    const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
               || c == '_';
    });
    if (name.size() < 2 || name.size() > 40 || !allowed)
        throw Error("\"" + name + "\" cannot be a user name: use 2 to 40 letters, digits, '.', '-' or '_'");
}

void check_password(const std::string& password)
{
    if (password.size() < UserDirectory::shortest_password)
        throw Error("a password needs at least " + std::to_string(UserDirectory::shortest_password) + " characters");
}

UserAccount account_of(sql::Statement& row)
{
    return {row.column_text(0), parse_role(row.column_text(1)).value_or(Role::worker), row.column_int(2) != 0,
            row.column_text(3), row.column_text(4)};
}

constexpr const char* account_columns = "SELECT name, role, active, created_by, created_at FROM user_account";

int active_admins(sql::Connection& connection)
{
    auto row = connection.prepare("SELECT count(*) FROM user_account WHERE role = 'admin' AND active = 1");
    row.step();
    return row.column_int(0);
}

} // namespace

std::string hash_password(const std::string& password)
{
    start_sodium();
    char hashed[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hashed, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw Error("not enough memory to hash the password");
    return hashed;
}

bool password_matches(const std::string& stored_hash, const std::string& password)
{
    start_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

UserDirectory::UserDirectory(Store& store) : store_(store) {}

bool UserDirectory::has_accounts()
{
    auto row = store_.connection().prepare("SELECT EXISTS (SELECT 1 FROM user_account)");
    row.step();
    return row.column_int(0) != 0;
}

std::vector<UserAccount> UserDirectory::list()
{
    auto rows = store_.connection().prepare(std::string(account_columns) + " ORDER BY name");
    std::vector<UserAccount> accounts;
    while (rows.step())
        accounts.push_back(account_of(rows));
    return accounts;
}

std::optional<UserAccount> UserDirectory::find(const std::string& name)
{
    auto row = store_.connection().prepare(std::string(account_columns) + " WHERE name = ?");
    row.bind(1, name);
    if (!row.step())
        return std::nullopt;
    return account_of(row);
}

void UserDirectory::add(const std::string& name, Role role, const std::string& password, const std::string& actor)
{
    check_name(name);
    check_password(password);
    const std::string hashed = hash_password(password); // slow: before taking the write lock
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    if (!has_accounts() && role != Role::admin)
        throw Error("the first account must be an admin, who can then add the others");
    if (find(name))
        throw Error("there is already a user " + name);
    auto insert = connection.prepare("INSERT INTO user_account (name, role, password_hash, active, created_by, "
                                     "created_at) VALUES (?, ?, ?, 1, ?, ?)");
    insert.bind(1, name).bind(2, role_name(role)).bind(3, hashed).bind(4, actor).bind(5, utc_now());
    insert.run();
    insert_audit_row(connection, actor, "user.add", name, std::string(role_name(role)));
    transaction.commit();
}

void UserDirectory::set_role(const std::string& name, Role role, const std::string& actor, const std::string& reason)
{
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    const auto before = find(name);
    if (!before)
        throw Error("there is no user " + name);
    if (before->role == Role::admin && role != Role::admin && before->active && active_admins(connection) == 1)
        throw Error(name + " is the only admin; make another admin first");
    auto update = connection.prepare("UPDATE user_account SET role = ? WHERE name = ?");
    update.bind(1, role_name(role)).bind(2, name);
    update.run();
    insert_audit_row(connection, actor, "user.role", name,
                     std::string(role_name(before->role)) + " to " + std::string(role_name(role)), reason);
    transaction.commit();
}

void UserDirectory::set_password(const std::string& name, const std::string& password, const std::string& actor)
{
    check_password(password);
    const std::string hashed = hash_password(password);
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    if (!find(name))
        throw Error("there is no user " + name);
    auto update = connection.prepare("UPDATE user_account SET password_hash = ? WHERE name = ?");
    update.bind(1, hashed).bind(2, name);
    update.run();
    insert_audit_row(connection, actor, "user.password", name, "");
    transaction.commit();
}

void UserDirectory::deactivate(const std::string& name, const std::string& actor, const std::string& reason)
{
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    const auto before = find(name);
    if (!before)
        throw Error("there is no user " + name);
    if (!before->active)
        throw Error(name + " is already deactivated");
    if (before->role == Role::admin && active_admins(connection) == 1)
        throw Error(name + " is the only admin; make another admin first");
    auto update = connection.prepare("UPDATE user_account SET active = 0 WHERE name = ?");
    update.bind(1, name);
    update.run();
    insert_audit_row(connection, actor, "user.deactivate", name, "", reason);
    transaction.commit();
}

UserAccount UserDirectory::sign_in(const std::string& name, const std::string& password)
{
    auto row = store_.connection().prepare("SELECT password_hash, active FROM user_account WHERE name = ?");
    row.bind(1, name);
    const bool known = row.step();
    const std::string stored = known ? row.column_text(0) : std::string();
    const bool active = known && row.column_int(1) != 0;
    row.reset();
    // An unknown name costs a hash too, so timing does not tell which names exist.
    const bool matches = known ? password_matches(stored, password) : (hash_password(password), false);
    if (!matches || !active) {
        store_.audit(known ? name : "unknown", "user.sign_in_failed", known ? name : "", "");
        std::this_thread::sleep_for(failed_sign_in_delay);
        throw SignInError("the user name or password is not right, or the account is deactivated");
    }
    store_.audit(name, "user.sign_in", name, "");
    return *find(name);
}

} // namespace chorus
