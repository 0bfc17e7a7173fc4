#pragma once

#include <cstdint>
#include <string>

namespace auth {

//! Who is making a request, as established by auth::Gate before any handler runs.
struct Actor {
    enum class Via { anonymous, session, token, password, ssh_key };

    std::int64_t user_id = 0;
    std::string username;
    bool is_admin = false;
    Via via = Via::anonymous;
    std::string session_id;  //!< set when via == session
    std::int64_t token_id = 0;  //!< set when via == token
    //! A workspace's credential: the one repository it reaches, over git only; "" for every
    //! other actor.
    std::string repo_scope;

    bool signed_in() const { return user_id != 0; }
};

//! What a route requires of its caller, declared with the route (Gitea's reqSignIn, reqSiteAdmin).
enum class Need {
    none,        //!< anyone, signed in or not (sign-in page, health, static)
    user,        //!< a signed-in browser session; anonymous visitors are sent to /signin
    site_admin,  //!< a signed-in site administrator; others get 404
    api,         //!< an access token or HTTP basic credentials; JSON errors, no CSRF (no cookies)
    git,         //!< git's smart HTTP: optional HTTP basic credentials (wrong ones answer 401), no cookies
    repo_read,   //!< the web page of a repository {owner}/{repo}: loaded into req.repo if the actor may read it
    repo_write,  //!< ... and may write to it
    repo_admin,  //!< ... and administers it
    api_repo_read,   //!< an API call (as `api`) on the repository {owner}/{repo}, loaded as for repo_read
    api_repo_write,  //!< ... that writes to it
    api_repo_admin,  //!< ... that administers it
};

//! The Need as the route index (`workspace routes`) prints it.
constexpr const char* need_name(Need need) {
    switch (need) {
        case Need::none: return "none";
        case Need::user: return "user";
        case Need::site_admin: return "site_admin";
        case Need::api: return "api";
        case Need::git: return "git";
        case Need::repo_read: return "repo_read";
        case Need::repo_write: return "repo_write";
        case Need::repo_admin: return "repo_admin";
        case Need::api_repo_read: return "api_repo_read";
        case Need::api_repo_write: return "api_repo_write";
        case Need::api_repo_admin: return "api_repo_admin";
    }
    return "?";
}

}  // namespace auth
