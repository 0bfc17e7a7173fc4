// Notification mail through a real SMTP server (Debian's aiosmtpd writing a Maildir): sent when
// SMTP_URL is set, kept in the outbox and retried while the server is down, not sent to people
// who opted out.
#include <signal.h>

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace {

using harness::quote;

// An aiosmtpd sink on a fixed port, started and stopped by the test (Debian's python3-aiosmtpd,
// so /usr/bin/python3 whatever python3 comes first on PATH).
class SmtpSink {
public:
    SmtpSink(std::filesystem::path maildir, std::uint16_t port) : maildir_(std::move(maildir)), port_(port) {}
    ~SmtpSink() { stop(); }
    void start() {
        auto pidfile = maildir_.string() + ".pid";
        auto started = harness::sh("/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:" + std::to_string(port_) + " -c aiosmtpd.handlers.Mailbox " +
                                   quote(maildir_.string()) + " >/dev/null 2>&1 & echo $! > " + quote(pidfile));
        ASSERT_EQ(started.code, 0);
        std::ifstream(pidfile) >> pid_;
        for (int i = 0; i < 100 && harness::sh("/usr/bin/python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", " +
                                                std::to_string(port_) + "), 1)' 2>/dev/null").code != 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    void stop() {
        if (pid_ > 0) kill(pid_, SIGTERM);
        pid_ = 0;
    }
    //! Every message delivered so far, concatenated.
    std::string mail() const {
        std::string all;
        if (!std::filesystem::exists(maildir_ / "new")) return all;
        for (const auto& f : std::filesystem::directory_iterator(maildir_ / "new")) {
            std::ifstream in(f.path());
            all += std::string(std::istreambuf_iterator<char>(in), {}) + "\n----\n";
        }
        return all;
    }

private:
    std::filesystem::path maildir_;
    std::uint16_t port_;
    pid_t pid_ = 0;
};

class Mail : public ::testing::Test {
protected:
    std::string token(const std::string& user) {
        harness::Client client(server.port());
        client.sign_up(user);
        auto res = client.request("POST", "/api/v1/users/" + user + "/tokens", R"({"name":"t"})",
                                  {{"Authorization", harness::basic_auth(user, "correct horse battery")}});
        return harness::json_field(res.body, "token");
    }
    harness::Response api(const std::string& token, const std::string& method, const std::string& path, const std::string& body) {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", "token " + token}, {"Content-Type", "application/json"}});
    }
    harness::TempDir dir;
    std::uint16_t smtp_port = harness::free_port();
    harness::Server server{dir.path / "data", {"SMTP_URL=smtp://127.0.0.1:" + std::to_string(smtp_port), "SMTP_FROM=forge@example.com",
                                               "PUBLIC_URL=https://forge.example.com/"}};
    SmtpSink sink{dir.path / "maildir", smtp_port};
};

TEST_F(Mail, a_mention_is_mailed_once_the_smtp_server_is_up_and_not_to_those_who_opted_out) {
    auto alice = token("alice"), bob = token("bob"), carol = token("carol");
    harness::Client carol_web(server.port());
    carol_web.sign_in("carol");
    carol_web.get("/notifications");
    ASSERT_EQ(carol_web.post_form("/notifications/email", {{"email", "off"}}).status, 303u);
    ASSERT_EQ(api(alice, "POST", "/api/v1/user/repos", R"({"name":"proj"})").status, 201u);
    // The SMTP server is down: the message waits in the outbox.
    ASSERT_EQ(api(alice, "POST", "/api/v1/repos/alice/proj/issues", R"({"title":"Crash at startup","body":"@bob @carol can you look?"})").status, 201u);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sink.start();
    std::string mail;
    for (int i = 0; i < 200 && mail.empty(); ++i) {
        mail = sink.mail();
        if (mail.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_FALSE(mail.empty()) << "retried until the server took it\n" << server.log();
    EXPECT_NE(mail.find("Subject: [alice/proj] Crash at startup (#1)"), std::string::npos) << mail;
    EXPECT_NE(mail.find("To: <bob@example.com>"), std::string::npos) << mail;
    EXPECT_NE(mail.find("alice mentioned you"), std::string::npos);
    EXPECT_NE(mail.find("https://forge.example.com/alice/proj/issues/1"), std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(sink.mail().find("carol@example.com"), std::string::npos) << "carol opted out";
}

}  // namespace
