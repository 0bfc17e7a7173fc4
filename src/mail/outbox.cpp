#include "mail/outbox.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "db/pool.hpp"

namespace mail {
namespace {

constexpr int kMaxAttempts = 12;

struct Message {
    std::int64_t id = 0;
    std::string to;
    std::string subject;
    std::string body;
    int attempts = 0;
};

// A header value with any line break removed, so nothing can add headers of its own.
std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\r', ' ');
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

// RFC 2047 for a subject that is not plain ASCII.
std::string encoded_subject(const std::string& subject) {
    if (std::all_of(subject.begin(), subject.end(), [](unsigned char c) { return c < 0x80; })) return subject;
    std::string out(sodium_base64_ENCODED_LEN(subject.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(subject.data()), subject.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return "=?UTF-8?B?" + out + "?=";
}

std::string rfc2822_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[64];
    std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return out;
}

struct Upload {
    std::string data;
    std::size_t at = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    std::size_t n = std::min(size * count, upload->data.size() - upload->at);
    std::memcpy(buffer, upload->data.data() + upload->at, n);
    upload->at += n;
    return n;
}

// One message over SMTP with libcurl; "" on success, else what went wrong.
std::string send(const core::Config& config, const Message& m) {
    std::string domain = config.smtp_from.substr(config.smtp_from.find('@') + 1);
    Upload upload;
    upload.data = "Date: " + rfc2822_now() + "\r\nFrom: Skyscape <" + config.smtp_from + ">\r\nTo: <" + one_line(m.to) +
                  ">\r\nMessage-ID: <" + core::crypto::random_hex(16) + "@" + domain + ">\r\nSubject: " +
                  encoded_subject(one_line(m.subject)) +
                  "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    // Lines starting with a dot are escaped by curl; line ends become CRLF here.
    for (char c : m.body) upload.data += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CURL* curl = curl_easy_init();
    if (!curl) return "libcurl could not start";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + one_line(m.to) + ">").c_str());
    std::string from = "<" + config.smtp_from + ">";
    curl_easy_setopt(curl, CURLOPT_URL, config.smtp_url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? "" : curl_easy_strerror(rc);
}

}  // namespace

Outbox::~Outbox() { stop(); }

bool Outbox::enabled() const { return !config_.smtp_url.empty(); }

void Outbox::enqueue(const std::string& to, const std::string& subject, const std::string& body) {
    if (!enabled() || to.empty()) return;
    {
        soci::session sql(pool_.get());
        auto now = db::now();
        sql << "INSERT INTO mail_outbox (to_address, subject, body, next_attempt_at, created_at) VALUES (:t, :s, :b, :n, :c)",
            soci::use(to), soci::use(subject), soci::use(body), soci::use(now), soci::use(now);
    }
    std::lock_guard lock(mutex_);
    pending_ = true;
    wake_.notify_one();
}

void Outbox::start() {
    if (!enabled() || thread_.joinable()) return;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    thread_ = std::thread([this] { run(); });
}

void Outbox::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

void Outbox::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(1), [this] { return pending_ || stopping_; });
            if (stopping_) return;
            pending_ = false;
        }
        try {
            while (send_due()) {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
            }
        } catch (const soci::soci_error& e) {
            spdlog::error("mail outbox: {}", e.get_error_message());
        }
    }
}

bool Outbox::send_due() {
    Message m;
    {
        soci::session sql(pool_.get());
        auto now = db::now();
        sql << "SELECT id, to_address, subject, body, attempts FROM mail_outbox WHERE sent_at IS NULL AND attempts < :max "
               "AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT 1",
            soci::use(kMaxAttempts), soci::use(now), soci::into(m.id), soci::into(m.to), soci::into(m.subject),
            soci::into(m.body), soci::into(m.attempts);
        if (!sql.got_data()) return false;
    }
    auto failure = send(config_, m);
    soci::session sql(pool_.get());
    auto now = db::now();
    if (failure.empty()) {
        sql << "UPDATE mail_outbox SET sent_at = :t, attempts = attempts + 1, last_error = '' WHERE id = :id", soci::use(now),
            soci::use(m.id);
        return true;
    }
    std::int64_t delay = std::min<std::int64_t>(3600, std::int64_t{2} << std::min(m.attempts, 11));
    std::int64_t next = now + delay;
    sql << "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = :n, last_error = :e WHERE id = :id", soci::use(next),
        soci::use(failure), soci::use(m.id);
    spdlog::warn("mail to a user failed (attempt {}), retrying in {} s: {}", m.attempts + 1, delay, failure);
    return false;
}

}  // namespace mail
