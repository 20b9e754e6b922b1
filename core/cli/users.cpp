// users list | add | role | password | deactivate, and which permission each command needs.
#include "commands.hpp"
#include "table.hpp"

#include "chorus/users.hpp"

#include <cstdlib>
#include <map>
#include <ostream>

namespace chorus::cli {

namespace {

Role role_option(const Arguments& arguments)
{
    const std::string name = arguments.required("role");
    if (auto role = parse_role(name))
        return *role;
    throw UsageError("--role must be worker, lead or admin, not \"" + name + "\"");
}

// Asked twice on a terminal, so a typing slip does not lock someone out.
std::string new_password(const std::string& name)
{
    const std::string password = password_input("CHORUS_NEW_PASSWORD", "New password for " + name);
    if (!std::getenv("CHORUS_NEW_PASSWORD")
        && password_input("CHORUS_NEW_PASSWORD", "The same password again") != password)
        throw Error("the two passwords differ; nothing was changed");
    return password;
}

} // namespace

Permission command_permission(const CommandSpec& command)
{
    static const std::map<std::string, Permission, std::less<>> by_name{
        {"instruments list", Permission::capture},
        {"instruments show", Permission::capture},
        {"instruments import", Permission::import_data},
        {"responses add", Permission::capture},
        {"responses list", Permission::analyse},
        {"responses import", Permission::import_data},
        {"stats", Permission::analyse},
        {"measures", Permission::analyse},
        {"export", Permission::export_data},
        {"import", Permission::import_data},
        {"demo", Permission::manage_users},
        {"plugins", Permission::capture},
        {"complaints add", Permission::capture},
        {"compliments add", Permission::capture},
        {"retention list", Permission::manage_retention},
        {"retention set", Permission::manage_retention},
        {"retention remove", Permission::manage_retention},
        {"holds list", Permission::manage_retention},
        {"holds place", Permission::manage_retention},
        {"holds release", Permission::manage_retention},
        {"purge", Permission::manage_retention},
        {"erase", Permission::manage_retention},
        {"users list", Permission::manage_users},
        {"users add", Permission::manage_users},
        {"users role", Permission::manage_users},
        {"users password", Permission::manage_users},
        {"users deactivate", Permission::manage_users},
        {"encrypt", Permission::manage_users},
        {"decrypt", Permission::manage_users},
        {"rekey", Permission::manage_users},
    };
    const std::string name = command.name();
    if (auto found = by_name.find(name); found != by_name.end())
        return found->second;
    // The rest of the complaints, compliments and closure-days commands run the register.
    if (command.words.front() == "complaints" || command.words.front() == "compliments"
        || command.words.front() == "closure-days")
        return Permission::manage_complaints;
    throw Error("no permission is set for the command " + name); // a new command must be given one
}

int users_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    UserDirectory users(context.store());
    const auto accounts = users.list();
    if (format == "json") {
        auto list = OrderedJson::array();
        for (const UserAccount& account : accounts)
            list.push_back({{"name", account.name},
                            {"role", role_name(account.role)},
                            {"active", account.active},
                            {"created_by", account.created_by},
                            {"created_at", account.created_at}});
        print_json(context.out(), list);
        return 0;
    }
    if (accounts.empty()) {
        context.out() << "No user accounts: the database is open to whoever can open the file.\n"
                         "Add the first (an admin) with: chorus-cli users add NAME --role admin\n";
        return 0;
    }
    Table table({{"Name"}, {"Role"}, {"Active"}, {"Created by"}, {"Created at"}});
    for (const UserAccount& account : accounts)
        table.add_row({account.name, std::string(role_name(account.role)), account.active ? "yes" : "no",
                       account.created_by, account.created_at});
    table.print(context.out());
    return 0;
}

int users_add(const Arguments& arguments, Context& context)
{
    const std::string& name = arguments.operands().front();
    const Role role = role_option(arguments);
    UserDirectory users(context.store());
    const bool first = !users.has_accounts();
    users.add(name, role, new_password(name), context.actor());
    context.out() << "added " << name << " (" << role_name(role) << ")\n";
    if (first)
        context.out() << "From now on everyone signs in to this database: chorus-cli --user NAME ...\n";
    return 0;
}

int users_role(const Arguments& arguments, Context& context)
{
    const std::string& name = arguments.operands().front();
    const Role role = role_option(arguments);
    UserDirectory(context.store()).set_role(name, role, context.actor(), arguments.required("reason"));
    context.out() << name << " is now " << (role == Role::admin ? "an " : "a ") << role_name(role) << '\n';
    return 0;
}

int users_password(const Arguments& arguments, Context& context)
{
    const std::string& name = arguments.operands().front();
    UserDirectory users(context.store());
    users.set_password(name, new_password(name), context.actor());
    context.out() << "changed the password of " << name << '\n';
    return 0;
}

int users_deactivate(const Arguments& arguments, Context& context)
{
    const std::string& name = arguments.operands().front();
    UserDirectory(context.store()).deactivate(name, context.actor(), arguments.required("reason"));
    context.out() << name << " can no longer sign in\n";
    return 0;
}

} // namespace chorus::cli
