#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>

#include "git/process.hpp"

namespace http {
struct Request;
struct Response;
class BodyStream;
}  // namespace http

namespace git {

//! Copies git's stdout to the client as a chunked response, starting it (with head, then
//! preamble) on git's first bytes, so an early failure can still be answered whole. Returns
//! false if git wrote nothing or the client went away.
boost::asio::awaitable<bool> send_output(Process& git, http::Request& req, http::BodyStream& body,
                                         const http::Response& head, std::string preamble);

}  // namespace git
