#include "stars/store.hpp"

namespace stars::store {

void set_starred(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, bool starred) {
    soci::session sql(pool.get());
    if (starred) {
        auto now = db::now();
        sql << "INSERT INTO stars (user_id, repo_id, created_at) VALUES (:u, :r, :t) ON CONFLICT DO NOTHING", soci::use(user_id),
            soci::use(repo_id), soci::use(now);
    } else {
        sql << "DELETE FROM stars WHERE user_id = :u AND repo_id = :r", soci::use(user_id), soci::use(repo_id);
    }
}

bool starred(db::Pool& pool, const std::string& repo_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM stars WHERE user_id = :u AND repo_id = :r", soci::use(user_id), soci::use(repo_id), soci::into(n);
    return n > 0;
}

std::int64_t count(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM stars WHERE repo_id = :r", soci::use(repo_id), soci::into(n);
    return n;
}

std::vector<std::string> starred_by(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::string id;
    soci::statement st = (sql.prepare << "SELECT repo_id FROM stars WHERE user_id = :u ORDER BY created_at DESC, repo_id",
                          soci::use(user_id), soci::into(id));
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

std::vector<std::string> stargazers(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::string name;
    soci::statement st = (sql.prepare << "SELECT u.username FROM stars s JOIN users u ON u.id = s.user_id WHERE s.repo_id = :r "
                                         "ORDER BY s.created_at, u.username",
                          soci::use(repo_id), soci::into(name));
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(name);
    return out;
}

}  // namespace stars::store
