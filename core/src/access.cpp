#include "chorus/access.hpp"

namespace chorus {

std::string_view role_name(Role role)
{
    switch (role) {
    case Role::worker: return "worker";
    case Role::lead: return "lead";
    case Role::admin: return "admin";
    }
    return "worker";
}

std::optional<Role> parse_role(std::string_view name)
{
    for (Role role : {Role::worker, Role::lead, Role::admin})
        if (role_name(role) == name)
            return role;
    return std::nullopt;
}

Role least_role(Permission permission)
{
    switch (permission) {
    case Permission::capture:
    case Permission::see_own_drafts:
        return Role::worker;
    case Permission::see_all_drafts:
    case Permission::analyse:
    case Permission::export_data:
    case Permission::import_data:
    case Permission::edit_measures:
    case Permission::manage_complaints:
        return Role::lead;
    case Permission::manage_users:
    case Permission::manage_plugins:
    case Permission::manage_retention:
        return Role::admin;
    }
    return Role::admin;
}

bool permits(Role role, Permission permission)
{
    return static_cast<int>(role) >= static_cast<int>(least_role(permission));
}

std::string_view permission_name(Permission permission)
{
    switch (permission) {
    case Permission::capture: return "capture responses";
    case Permission::see_own_drafts: return "see their drafts";
    case Permission::see_all_drafts: return "see other people's drafts";
    case Permission::analyse: return "analyse responses";
    case Permission::export_data: return "export data";
    case Permission::import_data: return "import data";
    case Permission::edit_measures: return "edit measures";
    case Permission::manage_complaints: return "manage the complaints register";
    case Permission::manage_users: return "manage user accounts";
    case Permission::manage_plugins: return "manage plugins";
    case Permission::manage_retention: return "manage records retention";
    }
    return "do that";
}

void require(const std::string& user, Role role, Permission permission)
{
    if (permits(role, permission))
        return;
    const Role needed = least_role(permission);
    throw AccessDenied(user + " (" + (role == Role::admin ? "an " : "a ") + std::string(role_name(role))
                       + ") may not " + std::string(permission_name(permission)) + ": that needs "
                       + (needed == Role::lead ? "a lead or an admin" : "an admin"));
}

} // namespace chorus
