#include "repos/branches.hpp"

#include "git/backend.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"

namespace repos {

void register_branch_routes(http::Router& r, git::Backend& backend) {
    r.post("/{owner}/{repo}/branches/delete", auth::Need::repo_write, [&backend](http::Request& req) {
        auto branch = req.form_or("branch");
        auto res = http::redirect(req, "/" + req.repo->full_name() + "/branches");
        auto current = disk::valid_branch_name(branch)
                           ? disk::ref_target(backend.repos().path(req.repo->id), "refs/heads/" + branch)
                           : std::nullopt;
        if (!current) return http::error_page(req, 404, "There is no branch \"" + branch + "\".");
        if (branch == req.repo->default_branch)
            return http::error_page(req, 400, branch + " is the default branch; choose another default in the settings first.");
        // The commit the page showed: a branch pushed to since is not deleted from under its pusher.
        auto shown = req.form_or("sha", *current);
        auto done = backend.update_ref(*req.repo, req.actor, "refs/heads/" + branch, shown, std::string(40, '0'),
                                       "deleted in the web UI");
        if (!done) return http::error_page(req, done.error());
        http::flash(res, req, "success", "Branch " + branch + " deleted. Its last commit was " + shown.substr(0, 10) + ".");
        return res;
    });
}

}  // namespace repos
