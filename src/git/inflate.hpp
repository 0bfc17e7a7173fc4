#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

namespace git {

//! Streaming gzip decoder for request bodies sent with Content-Encoding: gzip (git does so for
//! large fetch negotiations). Output comes in pieces of a size the caller chooses, so a small
//! hostile body that inflates a thousandfold is never held whole.
class Inflater {
public:
    Inflater();
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    //! The next piece of the body, which must stay valid until drain() gives nothing more.
    void feed(std::string_view input);
    //! Up to max decoded bytes into out (replacing what it held); empty when the piece fed is
    //! used up. False on corrupt data.
    bool drain(std::string& out, std::size_t max);

private:
    z_stream stream_{};
    bool ok_;
    bool ended_ = false;  // the gzip stream is complete; what follows is ignored
};

}  // namespace git
