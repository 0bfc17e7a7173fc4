#include "git/inflate.hpp"

namespace git {

Inflater::Inflater() { ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK; }

Inflater::~Inflater() { inflateEnd(&stream_); }

bool Inflater::feed(std::string_view input, std::string& out) {
    if (!ok_) return false;
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream_.avail_in = static_cast<uInt>(input.size());
    char chunk[65536];
    while (stream_.avail_in > 0) {
        stream_.next_out = reinterpret_cast<Bytef*>(chunk);
        stream_.avail_out = sizeof chunk;
        int rc = inflate(&stream_, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) return ok_ = false;
        out.append(chunk, sizeof chunk - stream_.avail_out);
        if (rc == Z_STREAM_END) break;
    }
    return true;
}

}  // namespace git
