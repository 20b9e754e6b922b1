#pragma once
// Who may do what. Three roles, each allowed what the one before is and more:
//   worker  captures responses, complaints and compliments, and sees their own drafts;
//   lead    also analyses, exports, imports, edits measure sets and instruments, and runs
//           the complaints register;
//   admin   also manages user accounts, plugins and records retention (purge, erasure).
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace chorus {

enum class Role { worker, lead, admin };

CHORUS_CORE_API std::string_view role_name(Role role); // "worker", "lead", "admin"
CHORUS_CORE_API std::optional<Role> parse_role(std::string_view name);

enum class Permission {
    capture,          // add responses and drafts, record complaints and compliments
    see_own_drafts,
    see_all_drafts,
    analyse,          // responses lists, stats, measures, the analysis and scorecard views
    export_data,      // exports and reports
    import_data,      // responses and JSON imports, instrument definitions
    edit_measures,
    manage_complaints, // the complaints register: stages, outcomes, closure days
    manage_users,
    manage_plugins,
    manage_retention, // retention rules, legal holds, purge, erasure
};

// The least role allowed `permission`.
CHORUS_CORE_API Role least_role(Permission permission);
CHORUS_CORE_API bool permits(Role role, Permission permission);
// "export data", "manage records retention"...: for messages.
CHORUS_CORE_API std::string_view permission_name(Permission permission);

class CHORUS_CORE_API AccessDenied : public Error {
public:
    using Error::Error;
};

// Throws AccessDenied, e.g. "sam (a worker) may not export data: that needs a lead or an admin".
CHORUS_CORE_API void require(const std::string& user, Role role, Permission permission);

} // namespace chorus
