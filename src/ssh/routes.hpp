#pragma once

namespace http {
class Router;
}

namespace ssh {

class Keys;

//! /settings/keys and /api/v1/user/keys[/{id}].
void register_routes(http::Router& router, Keys& keys);

}  // namespace ssh
