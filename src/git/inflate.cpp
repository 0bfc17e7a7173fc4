#include "git/inflate.hpp"

namespace git {

Inflater::Inflater() { ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK; }

Inflater::~Inflater() { inflateEnd(&stream_); }

void Inflater::feed(std::string_view input) {
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream_.avail_in = static_cast<uInt>(input.size());
}

bool Inflater::drain(std::string& out, std::size_t max) {
    out.resize(max);
    if (!ok_) return false;
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(max);
    while (stream_.avail_out > 0 && !ended_) {
        int rc = inflate(&stream_, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) ended_ = true;
        else if (rc == Z_BUF_ERROR) break;  // no input left to make progress with
        else if (rc != Z_OK) return ok_ = false;
    }
    out.resize(max - stream_.avail_out);
    return true;
}

}  // namespace git
