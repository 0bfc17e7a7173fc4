#pragma once

namespace db {
class Pool;
}
namespace http {
class Router;
}

namespace notifications {

class Service;

//! /notifications (list, mark all read), /notifications/count (the bell's badge, an htmx
//! fragment), /notifications/{id} (marks it read and goes to its thread) and
//! /{owner}/{repo}/watch (the Watch button: GET the fragment, POST watch=1|0). Only notifications
//! of repositories the reader can read now are listed, counted or followed.
void register_routes(http::Router& router, db::Pool& pool, Service& notifications);

}  // namespace notifications
