#include "browse/markdown.hpp"

#include <gtest/gtest.h>

namespace {

const browse::markdown::Base kBase{"/repos/x/files/main", "/repos/x/raw/main"};

std::string render(std::string_view text) { return browse::markdown::render(text, kBase); }

TEST(Markdown, renders_github_flavoured_extensions) {
    EXPECT_NE(render("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
    EXPECT_NE(render("~~gone~~").find("<del>gone</del>"), std::string::npos);
    EXPECT_NE(render("see https://example.com now").find("<a href=\"https://example.com\">"), std::string::npos);
    EXPECT_NE(render("- [x] done\n- [ ] todo\n").find("type=\"checkbox\""), std::string::npos);
}

TEST(Markdown, never_passes_scripts_handlers_or_script_urls) {
    for (auto text : {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>",
                      "<iframe src=//evil></iframe>", "text <b onmouseover=alert(1)>bold</b>"}) {
        auto html = render(text);
        EXPECT_EQ(html.find("<script"), std::string::npos) << text;
        EXPECT_EQ(html.find("onerror"), std::string::npos) << text;
        EXPECT_EQ(html.find("onmouseover"), std::string::npos) << text;
        EXPECT_EQ(html.find("<iframe"), std::string::npos) << text;
    }
    for (auto text : {"[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)", "![x](javascript:alert(1))"}) {
        EXPECT_EQ(render(text).find("script:"), std::string::npos) << text;
    }
}

TEST(Markdown, relative_links_point_into_the_repository) {
    EXPECT_NE(render("[guide](docs/guide.md)").find("href=\"/repos/x/files/main/docs/guide.md\""), std::string::npos);
    EXPECT_NE(render("![logo](./img/logo.png)").find("src=\"/repos/x/raw/main/img/logo.png\""), std::string::npos);
    EXPECT_NE(render("[site](https://example.com/a)").find("href=\"https://example.com/a\""), std::string::npos);
    EXPECT_NE(render("[top](#intro)").find("href=\"#intro\""), std::string::npos);
    EXPECT_NE(render("[abs](/repos/y)").find("href=\"/repos/y\""), std::string::npos);
    EXPECT_NE(render("[mail](mailto:a@b.c)").find("href=\"mailto:a@b.c\""), std::string::npos);
}

}  // namespace
