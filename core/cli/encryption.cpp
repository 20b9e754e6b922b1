// encrypt | decrypt | rekey: encryption at rest for the database (docs/encryption.md).
#include "commands.hpp"

#include "chorus/encryption.hpp"

#include <cstdlib>
#include <ostream>

namespace chorus::cli {

namespace {

// Asked twice on a terminal: a typing slip here would lock everyone out for good.
std::string new_passphrase()
{
    const std::string passphrase = password_input("CHORUS_NEW_PASSPHRASE", "New passphrase");
    if (passphrase.empty())
        throw Error("the new passphrase is empty; nothing was changed");
    if (!std::getenv("CHORUS_NEW_PASSPHRASE")
        && password_input("CHORUS_NEW_PASSPHRASE", "The same passphrase again") != passphrase)
        throw Error("the two passphrases differ; nothing was changed");
    return passphrase;
}

} // namespace

int encrypt(const Arguments&, Context& context)
{
    context.store(); // signs in and checks the role
    if (is_encrypted_database(context.database()))
        throw Error(context.database().string() + ": the database is already encrypted (use chorus-cli rekey)");
    const std::string passphrase = new_passphrase();
    context.close_store();
    encrypt_database(context.database(), passphrase, context.actor());
    context.out() << context.database().string()
                  << ": encrypted. Keep the passphrase safe: without it the data cannot be recovered.\n";
    return 0;
}

int decrypt(const Arguments&, Context& context)
{
    context.store();
    if (!is_encrypted_database(context.database()))
        throw Error(context.database().string() + ": the database is not encrypted");
    context.close_store();
    decrypt_database(context.database(), context.passphrase(), context.actor());
    context.out() << context.database().string() << ": decrypted; it is stored in plain form again.\n";
    return 0;
}

int rekey(const Arguments&, Context& context)
{
    context.store();
    if (!is_encrypted_database(context.database()))
        throw Error(context.database().string() + ": the database is not encrypted (use chorus-cli encrypt)");
    const std::string passphrase = new_passphrase();
    context.close_store();
    change_passphrase(context.database(), context.passphrase(), passphrase, context.actor());
    context.out() << context.database().string() << ": the passphrase is changed.\n";
    return 0;
}

} // namespace chorus::cli
