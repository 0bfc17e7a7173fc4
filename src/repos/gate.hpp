#pragma once

#include "http/dispatcher.hpp"

namespace repos {

class Service;

//! Wraps the auth gate for routes under /repos/{id} with a repo_* Need: loads the repository
//! into req.repo with the actor's role, answering 404 to whoever may not read it and 403 to
//! readers when the route needs more — the same decision every other surface gets from
//! Service::access.
http::Gate make_gate(http::Gate auth_gate, Service& repos);

}  // namespace repos
