#include "actions/secrets.hpp"

#include <sodium.h>

#include "core/crypto.hpp"

namespace actions {

using core::Errc;
using core::fail;

Secrets::Secrets(db::Pool& pool, const std::string& auth_secret) : pool_(pool) {
    std::string context = "skyscape actions secrets\n" + auth_secret;
    crypto_generichash(key_.data(), key_.size(), reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, 0);
}

std::vector<Secrets::Entry> Secrets::list(const std::string& repo_id) {
    soci::session sql(pool_.get());
    Entry e;
    soci::statement st = (sql.prepare << "SELECT name, updated_at FROM action_secrets WHERE repo_id = :r ORDER BY name", soci::use(repo_id),
                          soci::into(e.name), soci::into(e.updated_at));
    st.execute();
    std::vector<Entry> out;
    while (st.fetch()) out.push_back(e);
    return out;
}

core::Status Secrets::put(const std::string& repo_id, const std::string& name, const std::string& value) {
    if (name.empty() || name.size() > 100 || std::isdigit(static_cast<unsigned char>(name[0])) ||
        name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        return fail(Errc::invalid, "A secret's name is letters, digits and _, and does not start with a digit.");
    std::string upper = name;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.starts_with("GITHUB_")) return fail(Errc::invalid, "Secret names cannot start with GITHUB_.");
    if (value.empty()) return fail(Errc::invalid, "A secret needs a value.");
    if (value.size() > 48 * 1024) return fail(Errc::invalid, "A secret is at most 48 KB.");
    std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + value.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(value.data()), value.size(), nonce,
                          key_.data());
    auto text = core::crypto::base64(sealed);
    auto now = db::now();
    soci::session sql(pool_.get());
    sql << "INSERT INTO action_secrets (repo_id, name, sealed, updated_at) VALUES (:r, :n, :s, :t) "
           "ON CONFLICT (repo_id, name) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
        soci::use(repo_id), soci::use(upper), soci::use(text), soci::use(now);
    return {};
}

bool Secrets::remove(const std::string& repo_id, const std::string& name) {
    soci::session sql(pool_.get());
    soci::statement st = (sql.prepare << "DELETE FROM action_secrets WHERE repo_id = :r AND name = :n", soci::use(repo_id), soci::use(name));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::map<std::string, std::string> Secrets::values(const std::string& repo_id) {
    soci::session sql(pool_.get());
    std::string name, text;
    soci::statement st = (sql.prepare << "SELECT name, sealed FROM action_secrets WHERE repo_id = :r", soci::use(repo_id), soci::into(name),
                          soci::into(text));
    st.execute();
    std::map<std::string, std::string> out;
    while (st.fetch()) {
        auto sealed = core::crypto::base64_decode(text).value_or("");
        if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) continue;
        std::string value(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
        const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
        if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(value.data()), nonce + crypto_secretbox_NONCEBYTES,
                                       sealed.size() - crypto_secretbox_NONCEBYTES, nonce, key_.data()) == 0)
            out[name] = value;
    }
    return out;
}

}  // namespace actions
