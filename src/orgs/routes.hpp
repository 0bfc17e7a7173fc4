#pragma once

namespace http {
class Router;
}

namespace orgs {

class Service;

//! The organization pages: /orgs/new, and /orgs/{org}/people, /teams[/{team_slug}] and /settings
//! with their forms. The organization's profile, /{org}, is a profile page (profiles::).
void register_routes(http::Router& router, Service& orgs);

}  // namespace orgs
