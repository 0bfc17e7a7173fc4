#include "git/pump.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/stream.hpp"

namespace git {

namespace asio = boost::asio;

asio::awaitable<bool> send_output(Process& git, http::Request& req, http::BodyStream& body, const http::Response& head,
                                  std::string preamble) {
    std::vector<char> buf(64 * 1024);
    boost::system::error_code ec;
    for (;;) {
        std::size_t n = co_await git.out().async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        if (!body.started()) {
            if (!co_await body.start(req, head)) co_return false;
            if (!preamble.empty() && !co_await body.write(preamble.data(), preamble.size())) co_return false;
        }
        if (!co_await body.write(buf.data(), n)) co_return false;
    }
    co_return body.started();
}

}  // namespace git
