#pragma once

#include <optional>

#include "http/response.hpp"

namespace http {
class Router;
struct Request;
}

//! Addresses a repository had and has no more — from before repositories had owners
//! (/repos/{id}/…, /api/v1/repos/{id}/…, /repo/{id}.git), the seed's /repos/{owner}/{repo}/…
//! form, and the owner/name it had before a rename or a transfer — answered with a redirect to
//! the canonical address (/{owner}/{repo}/…, with GitHub's names for its pages) while they name
//! a repository the caller may read. Anyone else gets what an unknown address gets.
namespace repos {

class Service;

namespace legacy {

//! The redirect for req's path, if it is an old address of a repository the caller may read.
std::optional<http::Response> redirect(const http::Request& req, Service& repos);

//! Routes for every method under /repos/ and /api/v1/repos/ that no other route takes. (git's
//! /repo/{id}.git/… is /{owner}/{repo}/… with the reserved owner "repo": git's routes ask here.)
void register_routes(http::Router& router, Service& repos);

}  // namespace legacy
}  // namespace repos
