#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/actor.hpp"
#include "auth/permission.hpp"
#include "repos/repo.hpp"

namespace core {
struct Config;
}

namespace http {

namespace beast_http = boost::beast::http;

using Params = std::map<std::string, std::string, std::less<>>;

//! One parsed HTTP request and what the layers before the handler learned about it.
struct Request {
    beast_http::request<beast_http::string_body> raw;
    const core::Config* config = nullptr;
    std::string path;        //!< the path below PREFIX as sent (still %-escaped), always starting with '/'
    std::string raw_query;   //!< the part after '?', undecoded
    Params params;           //!< path parameters from the route pattern
    std::string remote_ip;
    std::string request_id;
    auth::Actor actor;
    //! For routes under /{owner}/{repo} with a repo_* Need: the repository and the actor's role in it.
    std::optional<repos::Repo> repo;
    auth::Role role = auth::Role::none;
    //! Set-Cookie values that whatever renders the response must send (csrf nonce, cleared flash).
    std::vector<std::string> pending_cookies;

    std::string_view method() const { return {raw.method_string().data(), raw.method_string().size()}; }
    std::string_view header(std::string_view name) const;
    std::optional<std::string> cookie(std::string_view name) const;
    std::optional<std::string> query(std::string_view name) const;
    std::string query_or(std::string_view name, std::string fallback) const;
    //! Fields of an application/x-www-form-urlencoded body (empty for other types).
    const Params& form() const;
    std::string form_or(std::string_view name, std::string fallback = {}) const;
    //! An htmx request for a fragment. Not a boosted link or form, nor the restore of a page
    //! from history: those want the whole page, as the browser's own navigation would.
    bool is_htmx() const {
        return header("HX-Request") == "true" && header("HX-Boosted") != "true" && header("HX-History-Restore-Request") != "true";
    }
    bool is_https() const { return header("X-Forwarded-Proto") == "https"; }

private:
    mutable std::optional<Params> form_;
};

//! Decodes %XX escapes (and '+' as space when plus_is_space); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);

//! The site's address for absolute links in answers (clone URLs, the API's html_url): PUBLIC_URL
//! when it is set, else the site as the client addressed it, http(s)://Host + PREFIX.
std::string site_url(const Request& req);

//! A decimal number written in a path, query or form ("12"): nullopt for anything else,
//! including signs, spaces and more than 12 digits.
std::optional<std::int64_t> parse_number(std::string_view text);
//! Parses "a=1&b=2" into decoded pairs; malformed pairs are dropped.
Params parse_urlencoded(std::string_view text);

}  // namespace http
