#pragma once

#include <ctemplate/template.h>

#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/escape.hpp"
#include "http/response.hpp"

namespace core {
struct Config;
}

namespace http {

struct Request;

//! Registers the embedded templates with ctemplate and sets the values every template sees
//! ({{P}} = PREFIX, asset URLs). Call once at start-up after assets::load().
void load_views(const core::Config& config);

//! A full page: the body template inside templates/layout/page.tpl.
class Page {
public:
    Page(std::string tpl, std::string title);
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;

    //! The body template's dictionary.
    ctemplate::TemplateDictionary& dict() { return *body_; }
    ctemplate::TemplateDictionary& layout() { return *root_; }

private:
    std::unique_ptr<ctemplate::TemplateDictionary> root_;
    ctemplate::TemplateDictionary* body_;
};

//! Renders a page with the navbar for req.actor, the flash message, theme and CSRF token.
Response render(Request& req, Page& page, unsigned status = 200);

//! For a page whose content is fixed by the commit id in its URL (and by who looks at it): the
//! browser may keep it but revalidates, and an unchanged page (same body, so same viewer,
//! theme and assets too) is answered 304 without a body.
Response revalidated(const Request& req, Response res);

//! Renders one template alone: an HTMX fragment. {{CSRF}} is set for its forms.
Response render_fragment(Request& req, const std::string& tpl, ctemplate::TemplateDictionary& dict,
                         unsigned status = 200);

//! What a user is told of the server's own fault; the detail is in the log.
inline constexpr const char* kInternalMessage = "The server could not finish this request; the error is in its log.";

//! What the user is told of a failure: its message, or for an internal one kInternalMessage,
//! the error logged here, once, with the request (a form page that shows errors calls this).
std::string explain(const Request& req, const core::Error& error);

//! The error page in the layout, or an alert fragment for HTMX requests. An internal error is
//! logged here, once, and shown without its detail.
Response error_page(Request& req, unsigned status, const std::string& message);
Response error_page(Request& req, const core::Error& error);

//! The status an expected failure answers with.
unsigned status_of(core::Errc code);

//! Adds a section `name` to dict when `on` (ctemplate's way of writing a boolean).
void show_if(ctemplate::TemplateDictionary& dict, const char* name, bool on);

//! "3 minutes ago" style text for Unix seconds, and the ISO date for a tooltip.
std::string time_ago(std::int64_t unix_seconds);

}  // namespace http
