#pragma once

#include <string>
#include <tl/expected.hpp>

namespace core {

//! Expected failures a forge meets every day; anything else throws and becomes a 500 in http/.
enum class Errc {
    invalid,       //!< bad input: 400 or the form again with a message
    unauthorized,  //!< no or wrong credentials: 401
    forbidden,     //!< known caller without the right: 403
    not_found,     //!< missing, or hidden from this caller: 404
    conflict,      //!< taken name, moved ref: 409
    not_allowed,   //!< not possible in the current state (a pull request that cannot merge): 405
    too_many,      //!< rate limited: 429
    too_large,     //!< over a size limit: 413
    internal,      //!< the server's own fault (a disk, a child process, a bug): 500, logged once where handled
};

struct Error {
    Errc code;
    std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

//! For operations that succeed with nothing to return.
using Status = Result<void>;

inline tl::unexpected<Error> fail(Errc code, std::string message) {
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace core
