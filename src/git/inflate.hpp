#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

namespace git {

//! Streaming gzip decoder for request bodies sent with Content-Encoding: gzip (git does so for
//! large fetch negotiations). Output per call is bounded by the input given, times zlib's ratio.
class Inflater {
public:
    Inflater();
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    //! Appends the decoded form of input to out; false on corrupt data.
    bool feed(std::string_view input, std::string& out);

private:
    z_stream stream_{};
    bool ok_;
};

}  // namespace git
