#pragma once
// User accounts of one database. With no account the database is open to whoever can open
// the file (one worker's laptop, and every database made before accounts existed); once the
// first account exists, everyone signs in and gets their role's permissions (access.hpp).
// Passwords are kept only as salted, memory-hard Argon2id hashes (libsodium), never in logs.
#include "chorus/access.hpp"
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chorus {

class Store;

struct UserAccount {
    std::string name; // sign-in name, also the actor in the audit log
    Role role = Role::worker;
    bool active = true;
    std::string created_by;
    std::string created_at;
};

// A failed sign-in. The message never says whether the name or the password was wrong.
class CHORUS_CORE_API SignInError : public Error {
public:
    using Error::Error;
};

class CHORUS_CORE_API UserDirectory {
public:
    explicit UserDirectory(Store& store); // the store must outlive it

    static constexpr std::size_t shortest_password = 8;

    bool has_accounts();
    std::vector<UserAccount> list();
    std::optional<UserAccount> find(const std::string& name);

    // Names are 2 to 40 letters, digits, '.', '-' or '_'; the password at least 8 characters.
    // The first account must be an admin, so someone can always manage the rest.
    void add(const std::string& name, Role role, const std::string& password, const std::string& actor);
    void set_role(const std::string& name, Role role, const std::string& actor, const std::string& reason);
    void set_password(const std::string& name, const std::string& password, const std::string& actor);
    // Kept (the audit log names it) but can no longer sign in. The last active admin cannot
    // be deactivated or made anything else.
    void deactivate(const std::string& name, const std::string& actor, const std::string& reason);

    // The active account with this name and password; SignInError otherwise, after a short
    // delay that slows guessing. Both outcomes are audited (never the password).
    UserAccount sign_in(const std::string& name, const std::string& password);

private:
    Store& store_;
};

// The Argon2id hash libsodium stores (algorithm, parameters, salt and hash in one string).
CHORUS_CORE_API std::string hash_password(const std::string& password);
CHORUS_CORE_API bool password_matches(const std::string& stored_hash, const std::string& password);

} // namespace chorus
