#include "ssh/keys.hpp"

#include <libssh/libssh.h>

#include <memory>
#include <sstream>

#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "db/pool.hpp"

namespace ssh {
namespace {

using core::Errc;
using core::fail;

struct KeyFree {
    void operator()(ssh_key key) const { ssh_key_free(key); }
};
using Key = std::unique_ptr<std::remove_pointer_t<ssh_key>, KeyFree>;

std::string fingerprint_of(ssh_key key) {
    unsigned char* hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != SSH_OK) return "";
    char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    std::string out = text ? text : "";
    ssh_string_free_char(text);
    return out;
}

}  // namespace

core::Result<PublicKey> parse_public_key(std::string_view line) {
    std::istringstream fields{std::string(line)};
    PublicKey out;
    fields >> out.type >> out.base64;
    if (out.type.empty() || out.base64.empty())
        return fail(Errc::invalid, "Paste a public key such as \"ssh-ed25519 AAAA… you@laptop\".");
    if (out.type == "ssh-dss") return fail(Errc::invalid, "DSA keys are too weak; use an ed25519 key (ssh-keygen -t ed25519).");
    auto type = ssh_key_type_from_name(out.type.c_str());
    ssh_key raw = nullptr;
    if (type == SSH_KEYTYPE_UNKNOWN || ssh_pki_import_pubkey_base64(out.base64.c_str(), type, &raw) != SSH_OK)
        return fail(Errc::invalid, "That is not a valid SSH public key.");
    Key key(raw);
    // An RSA blob holds the type, the exponent and the modulus: 279 bytes at 2048 bits.
    auto blob = core::crypto::base64_decode(out.base64);
    if (ssh_key_type(key.get()) == SSH_KEYTYPE_RSA && (!blob || blob->size() < 270))
        return fail(Errc::invalid, "RSA keys must have at least 2048 bits.");
    out.fingerprint = fingerprint_of(key.get());
    if (out.fingerprint.empty()) return fail(Errc::invalid, "That is not a valid SSH public key.");
    return out;
}

std::string fingerprint(ssh_key_struct* key) { return fingerprint_of(key); }

core::Result<StoredKey> Keys::add(const auth::Actor& actor, const std::string& title, const std::string& key) {
    if (title.empty() || title.size() > 100) return fail(Errc::invalid, "Key titles are 1 to 100 characters long.");
    auto parsed = parse_public_key(key);
    if (!parsed) return tl::unexpected(parsed.error());
    soci::session sql(pool_.get());
    StoredKey stored{0, title, parsed->fingerprint, db::now(), std::nullopt};
    sql << "INSERT INTO ssh_keys (user_id, title, key_type, key_base64, fingerprint, created_at) "
           "VALUES (:u, :t, :k, :b, :f, :c) ON CONFLICT DO NOTHING RETURNING id",
        soci::use(actor.user_id), soci::use(title), soci::use(parsed->type), soci::use(parsed->base64), soci::use(parsed->fingerprint),
        soci::use(stored.created_at), soci::into(stored.id);
    if (!sql.got_data()) return fail(Errc::conflict, "This key is already in use on this site.");
    return stored;
}

std::vector<StoredKey> Keys::list(const auth::Actor& actor) {
    soci::session sql(pool_.get());
    StoredKey key{};
    std::int64_t last_used = 0;
    soci::indicator last_used_ind;
    soci::statement st = (sql.prepare << "SELECT id, title, fingerprint, created_at, last_used_at FROM ssh_keys "
                                         "WHERE user_id = :u ORDER BY created_at DESC, id DESC",
                          soci::use(actor.user_id), soci::into(key.id), soci::into(key.title),
                          soci::into(key.fingerprint), soci::into(key.created_at), soci::into(last_used, last_used_ind));
    std::vector<StoredKey> out;
    st.execute();
    while (st.fetch()) {
        key.last_used_at = last_used_ind == soci::i_ok ? std::optional(last_used) : std::nullopt;
        out.push_back(key);
    }
    return out;
}

core::Status Keys::remove(const auth::Actor& actor, std::int64_t id) {
    soci::session sql(pool_.get());
    soci::statement st = (sql.prepare << "DELETE FROM ssh_keys WHERE id = :id AND user_id = :u", soci::use(id),
                          soci::use(actor.user_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return fail(Errc::not_found, "No such key.");
    return {};
}

std::optional<auth::Actor> Keys::actor_for(const std::string& fingerprint) {
    soci::session sql(pool_.get());
    std::int64_t user_id = 0, key_id = 0;
    sql << "SELECT user_id, id FROM ssh_keys WHERE fingerprint = :f", soci::use(fingerprint), soci::into(user_id),
        soci::into(key_id);
    if (!sql.got_data()) return std::nullopt;
    auto user = accounts_.user(user_id);
    if (!user || user->disabled) return std::nullopt;
    auto now = db::now();
    sql << "UPDATE ssh_keys SET last_used_at = :t WHERE id = :id", soci::use(now), soci::use(key_id);
    auth::Actor actor;
    actor.user_id = user->id;
    actor.username = user->username;
    actor.is_admin = user->is_admin;
    actor.via = auth::Actor::Via::ssh_key;
    return actor;
}

}  // namespace ssh
