#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}
namespace db {
class Pool;
}
namespace repos {
class Service;
}

namespace home {

//! / (the dashboard: your repositories by owner, your organizations, activity), /health and
//! /static/{file}.
void register_routes(http::Router& router, auth::Accounts& accounts, db::Pool& pool, repos::Service& repos);

}  // namespace home
