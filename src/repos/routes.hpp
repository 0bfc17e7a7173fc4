#pragma once

namespace ctemplate {
class TemplateDictionary;
}
namespace http {
class Router;
struct Request;
}

namespace repos {

class Service;

struct Repo;

//! Sets ID, NAME, DESCRIPTION, DEFAULT_BRANCH, UPDATED and the PRIVATE/PUBLIC sections.
void set_repo(ctemplate::TemplateDictionary& dict, const Repo& repo);

//! Fills templates/repos/header.tpl (name, visibility, tabs) for req.repo; `tab` names the
//! active one: TAB_CODE, TAB_FILES or TAB_SETTINGS.
void fill_header(const http::Request& req, ctemplate::TemplateDictionary& header, const char* tab);

//! /repos, /repos/create, /{owner}/{repo}/settings and the settings actions.
void register_routes(http::Router& router, Service& repos);

}  // namespace repos
