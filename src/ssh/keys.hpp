#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"
#include "core/result.hpp"

struct ssh_key_struct;
namespace db {
class Pool;
}
namespace auth {
class Accounts;
}

namespace ssh {

struct PublicKey {
    std::string type;    //!< "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    std::string base64;  //!< the key blob
    std::string fingerprint;  //!< "SHA256:…" as ssh-keygen -l prints it
};

//! Parses an authorized_keys line ("ssh-ed25519 AAAA… comment"). Refuses DSA and RSA keys
//! under 2048 bits, and anything libssh cannot load.
core::Result<PublicKey> parse_public_key(std::string_view line);

//! The "SHA256:…" fingerprint of a key libssh holds (one a client offered).
std::string fingerprint(ssh_key_struct* key);

struct StoredKey {
    std::int64_t id;
    std::string title;
    std::string fingerprint;
    std::int64_t created_at;
    std::optional<std::int64_t> last_used_at;
};

//! SSH keys of accounts: the rules and the SQL.
class Keys {
public:
    Keys(db::Pool& pool, auth::Accounts& accounts) : pool_(pool), accounts_(accounts) {}

    core::Result<StoredKey> add(const auth::Actor& actor, const std::string& title, const std::string& key);
    std::vector<StoredKey> list(const auth::Actor& actor);
    core::Status remove(const auth::Actor& actor, std::int64_t id);

    //! The enabled account owning a key with this fingerprint, as an actor; records the use.
    std::optional<auth::Actor> actor_for(const std::string& fingerprint);

private:
    db::Pool& pool_;
    auth::Accounts& accounts_;
};

}  // namespace ssh
