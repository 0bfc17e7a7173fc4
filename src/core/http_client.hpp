#pragma once

#include <functional>
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
    //! Receives the body as it comes instead of Reply::body.
    std::function<void(std::string_view)> on_data;
};

struct Reply {
    long status = 0;      //!< 0: no answer (see error)
    std::string body;
    std::string error;    //!< libcurl's reason when there was no answer
    bool timed_out = false;
};

Reply send(const Request& request);

}  // namespace core::http_client
