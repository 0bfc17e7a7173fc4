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

namespace home {

//! / (the dashboard), /health and /static/{file}.
void register_routes(http::Router& router, auth::Accounts& accounts, db::Pool& pool);

}  // namespace home
