#include "actions/runners.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>

#include "core/crypto.hpp"

namespace actions {
namespace {

using core::Errc;
using core::fail;

std::string join(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& l : labels) out += (out.empty() ? "" : ",") + l;
    return out;
}

}  // namespace

std::vector<std::string> split_labels(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        auto comma = text.find(',', at);
        if (comma == std::string::npos) comma = text.size();
        auto label = text.substr(at, comma - at);
        label.erase(0, label.find_first_not_of(" \t"));
        label.erase(label.find_last_not_of(" \t") + 1);
        if (!label.empty()) out.push_back(label);
        at = comma + 1;
    }
    return out;
}

bool has_labels(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
    return !wanted.empty() && std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
        return std::find(have.begin(), have.end(), w) != have.end();
    });
}

std::string Runners::new_registration(std::int64_t admin_id) {
    auto token = "SKR" + core::crypto::random_hex(20);
    auto hash = core::crypto::sha256_hex(token);
    auto now = db::now(), expires = now + 86400;
    soci::session sql(pool_.get());
    sql << "INSERT INTO runner_registrations (token_hash, created_by, created_at, expires_at) VALUES (:h, :u, :c, :e)", soci::use(hash),
        soci::use(admin_id), soci::use(now), soci::use(expires);
    return token;
}

core::Result<std::pair<Runners::Runner, std::string>> Runners::add(const std::string& registration, const std::string& name,
                                                                   const std::vector<std::string>& labels) {
    if (name.empty() || name.size() > 64 || name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos)
        return fail(Errc::invalid, "A runner's name is 1 to 64 letters, digits, '.', '_' or '-'.");
    if (labels.empty()) return fail(Errc::invalid, "A runner needs at least one label.");
    auto hash = core::crypto::sha256_hex(registration);
    auto now = db::now();
    soci::session sql(pool_.get());
    db::Transaction tx(sql);
    int taken = 0;
    sql << "SELECT COUNT(*) FROM runners WHERE name = :n", soci::use(name), soci::into(taken);
    if (taken) return fail(Errc::conflict, "There is already a runner called " + name + ".");
    // A registration token is good for one runner.
    soci::statement used = (sql.prepare << "DELETE FROM runner_registrations WHERE token_hash = :h AND expires_at > :t", soci::use(hash),
                            soci::use(now));
    used.execute(true);
    if (used.get_affected_rows() != 1) return fail(Errc::unauthorized, "The registration token is wrong, used or expired.");
    auto token = "SKT" + core::crypto::random_hex(24);
    auto token_hash = core::crypto::sha256_hex(token);
    auto joined = join(labels);
    sql << "INSERT INTO runners (name, labels, token_hash, created_at, last_contact) VALUES (:n, :l, :h, :c, :t)", soci::use(name),
        soci::use(joined), soci::use(token_hash), soci::use(now), soci::use(now);
    Runner runner{0, name, labels, now, now};
    sql << "SELECT id FROM runners WHERE name = :n", soci::use(name), soci::into(runner.id);
    tx.commit();
    return std::pair{runner, token};
}

std::optional<Runners::Runner> Runners::authenticate(const std::string& token) {
    if (token.empty()) return std::nullopt;
    // Looked up by the token's hash: what an index search takes to answer tells nothing of a token.
    auto hash = core::crypto::sha256_hex(token);
    std::int64_t id = 0;
    {
        soci::session sql(pool_.get());
        sql << "SELECT id FROM runners WHERE token_hash = :h", soci::use(hash), soci::into(id);
        if (!sql.got_data()) return std::nullopt;
        auto now = db::now();
        sql << "UPDATE runners SET last_contact = :t WHERE id = :i", soci::use(now), soci::use(id);
    }
    for (auto& runner : list())
        if (runner.id == id) return runner;
    return std::nullopt;
}

std::vector<Runners::Runner> Runners::list() {
    soci::session sql(pool_.get());
    std::vector<Runner> out;
    Runner r;
    std::string labels;
    std::int64_t last = 0;
    soci::indicator last_ind;
    soci::statement st = (sql.prepare << "SELECT id, name, labels, created_at, last_contact FROM runners ORDER BY name", soci::into(r.id),
                          soci::into(r.name), soci::into(labels), soci::into(r.created_at), soci::into(last, last_ind));
    st.execute();
    while (st.fetch()) {
        r.labels = split_labels(labels);
        r.last_contact = last_ind == soci::i_ok ? std::optional(last) : std::nullopt;
        out.push_back(r);
    }
    return out;
}

bool Runners::remove(std::int64_t id) {
    soci::session sql(pool_.get());
    soci::statement st = (sql.prepare << "DELETE FROM runners WHERE id = :i", soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool Runners::takes(const std::string& labels) {
    auto wanted = split_labels(labels);
    auto all = list();
    return std::any_of(all.begin(), all.end(), [&](const Runner& r) { return has_labels(r.labels, wanted); });
}

std::vector<std::int64_t> Runners::silent_since(std::int64_t before) {
    std::vector<std::int64_t> out;
    for (const auto& r : list())
        if (!r.last_contact || *r.last_contact < before) out.push_back(r.id);
    return out;
}

void Runners::wait_on(const std::shared_ptr<boost::asio::steady_timer>& timer) {
    std::lock_guard lock(mutex_);
    std::erase_if(waiting_, [](const auto& w) { return w.expired(); });
    waiting_.push_back(timer);
}

void Runners::wake() {
    std::lock_guard lock(mutex_);
    for (const auto& weak : waiting_)
        if (auto timer = weak.lock()) boost::asio::post(timer->get_executor(), [timer] { timer->cancel(); });
    waiting_.clear();
}

}  // namespace actions
