// Profiles at /{owner} and avatars at /avatars/{username}: what a person shows of themself,
// what a visitor may see of their repositories, and pictures served only as the image they are.
#include "git_fixture.hpp"

namespace {

// A 1×1 PNG.
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 33) +
                         std::string("\0\0\0\rIDATx\x9c" "c\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef", 25) +
                         std::string("\0\0\0\0IEND\xae" "B`\x82", 12);

class Profiles : public GitFixture {
protected:
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }
};

TEST_F(Profiles, a_profile_shows_what_its_visitor_may_read_and_keeps_what_was_typed) {
    create_repo("open-tool", false, true, "bob");
    create_repo("hidden-tool", true, true, "bob");
    harness::Client bob(server.port());
    bob.sign_in("bob");
    bob.get("/settings");
    std::string bio = "Builds tools.\r\nLikes ünïcode & <tags>";
    ASSERT_EQ(bob.post_form("/settings/profile", {{"full_name", "Bob Builder"}, {"bio", bio}, {"website", "https://bob.example"}}).status, 303u);
    EXPECT_TRUE(bob.get("/settings").has("Builds tools.\r\nLikes ünïcode &amp; &lt;tags&gt;</textarea>")) << "the form round-trips it";
    ASSERT_EQ(bob.post_form("/settings/profile", {{"website", "javascript:alert(1)"}}).status, 303u);
    EXPECT_TRUE(bob.get("/settings").has("https://bob.example")) << "a website that is not http(s) is refused";

    harness::Client visitor(server.port());
    auto page = visitor.get("/bob");
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("Bob Builder"));
    EXPECT_TRUE(page.has("href=\"https://bob.example\""));
    EXPECT_TRUE(page.has("data-repo=\"bob/open-tool\""));
    EXPECT_FALSE(page.has("hidden-tool")) << "a private repository stays off the profile for others";
    EXPECT_TRUE(bob.get("/bob").has("data-repo=\"bob/hidden-tool\"")) << "but not for its owner";
    EXPECT_EQ(visitor.get("/nobody-at-all").status, 404u);
    auto json = api("carol", "GET", "/api/v1/users/bob");
    EXPECT_EQ(harness::json_field(json.body, "name"), "Bob Builder");
    EXPECT_EQ(harness::json_field(json.body, "type"), "User");
    EXPECT_FALSE(api("carol", "GET", "/api/v1/users/bob/repos").has("hidden-tool"));

    // Stars: the tab lists what they starred and may still be read by the visitor.
    ASSERT_EQ(api("bob", "PUT", "/api/v1/user/starred/bob/hidden-tool").status, 204u);
    ASSERT_EQ(api("bob", "PUT", "/api/v1/user/starred/bob/open-tool").status, 204u);
    auto stars = visitor.get("/bob?tab=stars");
    EXPECT_TRUE(stars.has("data-repo=\"bob/open-tool\""));
    EXPECT_FALSE(stars.has("hidden-tool"));
}

TEST_F(Profiles, avatars_are_served_as_the_image_they_are_or_as_an_identicon) {
    harness::Client anyone(server.port());
    auto generated = anyone.get("/avatars/bob");
    ASSERT_EQ(generated.status, 200u);
    EXPECT_EQ(generated.header("content-type"), "image/svg+xml");
    EXPECT_TRUE(generated.has("<svg"));
    EXPECT_NE(generated.body, anyone.get("/avatars/carol").body) << "each name has its own";
    EXPECT_EQ(generated.body, anyone.get("/avatars/bob").body) << "and keeps it";

    ASSERT_EQ(api("bob", "POST", "/api/v1/user/avatar", R"({"image":")" + harness::base64(kPng) + "\"}").status, 204u);
    auto uploaded = anyone.get("/avatars/bob");
    EXPECT_EQ(uploaded.header("content-type"), "image/png");
    EXPECT_EQ(uploaded.header("x-content-type-options"), "nosniff");
    EXPECT_NE(uploaded.header("content-security-policy").find("sandbox"), std::string::npos);
    EXPECT_EQ(uploaded.body, kPng);

    std::string html = "<html><script>alert(1)</script></html>";
    EXPECT_EQ(api("bob", "POST", "/api/v1/user/avatar", R"({"image":")" + harness::base64(html) + "\"}").status, 400u);
    EXPECT_EQ(api("bob", "POST", "/api/v1/user/avatar", R"({"image":")" + harness::base64(kPng + std::string(1 << 20, 'x')) + "\"}").status, 413u);
    EXPECT_EQ(anyone.get("/avatars/bob").body, kPng) << "a refused upload changes nothing";

    // The settings form sends the file as a data: URL.
    harness::Client carol(server.port());
    carol.sign_in("carol");
    carol.get("/settings");
    ASSERT_EQ(carol.post_form("/settings/avatar", {{"action", "upload"}, {"image", "data:image/png;base64," + harness::base64(kPng)}}).status, 303u);
    EXPECT_EQ(anyone.get("/avatars/carol").header("content-type"), "image/png");
    carol.get("/settings");
    ASSERT_EQ(carol.post_form("/settings/avatar", {{"action", "remove"}}).status, 303u);
    EXPECT_EQ(anyone.get("/avatars/carol").header("content-type"), "image/svg+xml");
}

}  // namespace
