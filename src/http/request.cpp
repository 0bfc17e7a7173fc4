#include "http/request.hpp"

#include "core/config.hpp"

namespace http {

std::string_view Request::header(std::string_view name) const {
    auto it = raw.find(boost::beast::string_view(name.data(), name.size()));
    if (it == raw.end()) return {};
    return {it->value().data(), it->value().size()};
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    std::string_view all = header("Cookie");
    while (!all.empty()) {
        auto end = all.find(';');
        std::string_view pair = all.substr(0, end);
        all = end == std::string_view::npos ? std::string_view{} : all.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

std::optional<std::string> Request::query(std::string_view name) const {
    auto fields = parse_urlencoded(raw_query);
    auto it = fields.find(name);
    if (it == fields.end()) return std::nullopt;
    return it->second;
}

std::string Request::query_or(std::string_view name, std::string fallback) const {
    return query(name).value_or(std::move(fallback));
}

const Params& Request::form() const {
    if (!form_) {
        auto type = header("Content-Type");
        form_ = type.starts_with("application/x-www-form-urlencoded") ? parse_urlencoded(raw.body()) : Params{};
    }
    return *form_;
}

std::string Request::form_or(std::string_view name, std::string fallback) const {
    auto it = form().find(name);
    return it == form().end() ? std::move(fallback) : it->second;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(text[i + 2])))
                return std::nullopt;
            out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<std::int64_t> parse_number(std::string_view text) {
    if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return std::stoll(std::string(text));
}

std::string site_url(const Request& req) {
    if (req.config->public_url_set) return req.config->public_url;
    std::string host(req.header("Host"));
    if (host.empty()) host = "localhost";
    return (req.is_https() ? "https://" : "http://") + host + req.config->prefix;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

Params parse_urlencoded(std::string_view text) {
    Params out;
    while (!text.empty()) {
        auto end = text.find('&');
        std::string_view pair = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::optional<std::string>("") : percent_decode(pair.substr(eq + 1), true);
        if (key && value) out.emplace(std::move(*key), std::move(*value));
    }
    return out;
}

}  // namespace http
