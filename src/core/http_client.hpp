#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

//! Outgoing HTTP through libcurl: the container engine's API over its unix socket, and a remote
//! runner's calls to its server.
namespace core::http_client {

struct Request {
    std::string method = "GET";
    std::string url;
    std::string unix_socket;            //!< the connection goes to this socket when set
    std::vector<std::string> headers;   //!< "Name: value"
    std::string body;
    long timeout_ms = 60000;
    //! Receives the body as it comes instead of Reply::body; returning false stops the transfer.
    std::function<bool(std::string_view)> on_data;
    //! Sends the body from this stream (to its end) instead of `body`: archives too large to hold.
    std::istream* upload = nullptr;
    //! Reply::body holds at most this much; a longer answer is an error (too_large).
    std::size_t max_body = 16 << 20;
};

struct Reply {
    long status = 0;      //!< 0: no answer (see error)
    std::string body;
    std::string error;    //!< libcurl's reason when there was no answer
    bool timed_out = false;
    bool too_large = false;  //!< the answer passed max_body, or on_data stopped it
};

Reply send(const Request& request);

}  // namespace core::http_client
