#pragma once

#include "http/dispatcher.hpp"

namespace repos {

class Service;

//! Wraps the auth gate for routes under /{owner}/{repo} with a repo_* or api_repo_* Need: loads
//! the repository into req.repo with the actor's role, answering 404 to whoever may not read it
//! and 403 to readers when the route needs more (JSON for the API) — the same decision every
//! other surface gets from Service::access. An address from before owners that names a
//! repository the actor may read is answered with its redirect instead (repos::legacy).
http::Gate make_gate(http::Gate auth_gate, Service& repos);

}  // namespace repos
