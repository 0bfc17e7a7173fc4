#pragma once

namespace http {
class Router;
}

namespace search {

class Service;
class Index;
class Indexer;

//! /search (every repository the visitor can read) and /{owner}/{repo}/search: the page, or with
//! htmx the results alone as the query is typed; /api/v1/search/code; and a repository's
//! index state and rebuild (/{owner}/{repo}/search/status, …/reindex) for its settings page.
void register_routes(http::Router& router, Service& service, Index& index, Indexer& indexer);

}  // namespace search
