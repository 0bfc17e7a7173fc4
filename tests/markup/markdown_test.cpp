#include "markup/markdown.hpp"
#include "markup/sanitize.hpp"

#include <gtest/gtest.h>

namespace {

const markup::Base kBase{"/repos/x/files/main", "/repos/x/raw/main"};

std::string render(std::string_view text) { return markup::render_markdown(text, kBase); }

TEST(Markdown, renders_github_flavoured_extensions) {
    EXPECT_NE(render("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
    EXPECT_NE(render("~~gone~~").find("<del>gone</del>"), std::string::npos);
    EXPECT_NE(render("see https://example.com now").find("<a href=\"https://example.com\" rel="), std::string::npos);
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

TEST(Markdown, keeps_the_raw_html_readmes_use) {
    auto html = render("<p align=\"center\"><img src=\"docs/logo.png\" width=\"120\" alt=\"Logo\"></p>\n\n"
                       "<details><summary>More</summary>\n\nHidden *text*\n\n</details>\n\n"
                       "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"dark.png 1x, https://x.org/d2.png 2x\"><img src=\"light.png\"></picture>\n\n"
                       "a<br>b <kbd>Ctrl</kbd> <sup>1</sup> <a href=\"guide.md\">guide</a>\n");
    EXPECT_NE(html.find("<p align=\"center\"><img src=\"/repos/x/raw/main/docs/logo.png\" width=\"120\" alt=\"Logo\"></p>"), std::string::npos) << html;
    EXPECT_NE(html.find("<details><summary>More</summary>"), std::string::npos) << html;
    EXPECT_NE(html.find("<em>text</em>"), std::string::npos);
    EXPECT_NE(html.find("srcset=\"/repos/x/raw/main/dark.png 1x, https://x.org/d2.png 2x\""), std::string::npos) << html;
    EXPECT_NE(html.find("<br>"), std::string::npos);
    EXPECT_NE(html.find("<kbd>Ctrl</kbd>"), std::string::npos);
    EXPECT_NE(html.find("href=\"/repos/x/files/main/guide.md\""), std::string::npos) << html;
    EXPECT_NE(render("```cpp\nint x;\n```\n").find("<code class=\"language-cpp\">"), std::string::npos);
}

TEST(Markdown, links_issue_numbers_outside_code_and_links) {
    markup::Base base{"/f", "/r", "/repos/x/issues/"};
    auto html = markup::render_markdown("See #12, (#3) and [#4](https://x.org). `#5` a#6 &#7; #8x #9", base);
    EXPECT_NE(html.find("<a href=\"/repos/x/issues/12\" rel=\"nofollow noopener noreferrer\">#12</a>"), std::string::npos) << html;
    EXPECT_NE(html.find("(<a href=\"/repos/x/issues/3\""), std::string::npos) << html;
    EXPECT_NE(html.find("href=\"/repos/x/issues/9\""), std::string::npos) << html;
    for (auto absent : {"issues/4", "issues/5", "issues/6", "issues/7", "issues/8"})
        EXPECT_EQ(html.find(absent), std::string::npos) << absent << " in " << html;
    EXPECT_EQ(markup::render_markdown("#12", kBase).find("<a"), std::string::npos) << "only where asked (READMEs are not)";
}

TEST(Markdown, links_mentions_to_profiles_outside_code_links_and_addresses) {
    markup::Base base{"/f", "/r", "", "/p/"};
    auto html = markup::render_markdown("Thanks @Ada-L and (@bob)! `@code` a@mail.org [@linked](https://x.org) @-no @x- @@two", base);
    EXPECT_NE(html.find("<a href=\"/p/ada-l\" rel=\"nofollow noopener noreferrer\">@Ada-L</a>"), std::string::npos) << html;
    EXPECT_NE(html.find("(<a href=\"/p/bob\""), std::string::npos) << html;
    EXPECT_NE(html.find("href=\"/p/x\""), std::string::npos) << "a trailing hyphen is not part of the name: " << html;
    for (auto absent : {"/p/code", "/p/mail", "/p/linked", "/p/-no", "/p/two"})
        EXPECT_EQ(html.find(absent), std::string::npos) << absent << " in " << html;
    EXPECT_EQ(markup::render_markdown("@ada", kBase).find("<a"), std::string::npos) << "only where asked";
}

TEST(Sanitize, drops_everything_that_could_run) {
    for (auto text : {"<svg><script>alert(1)</script></svg>", "<svg onload=alert(1)>", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                      "<a href=\"java\tscript:alert(1)\">x</a>", "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
                      "<a href=\"&#106;avascript:alert(1)\">x</a>", "<img src=\"data:text/html,<script>alert(1)</script>\">",
                      "<style>*{display:none}</style>", "<div style=\"position:fixed\">x</div>", "<form action=/x><button>go</button></form>",
                      "<object data=x></object>", "<embed src=x>", "<meta http-equiv=refresh content=0;url=//evil>",
                      "<scr<script>ipt>alert(1)</script>", "<!-- <script>alert(1)</script> -->", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                      "<input type=text value=x onfocus=alert(1) autofocus>", "<div id=\"__proto__\" name=\"x\" class=\"btn\">x</div>",
                      "<img srcset=\"javascript:alert(1) 1x\">"}) {
        auto html = markup::sanitize(text);
        for (auto bad : {"<script", "javascript", "onerror", "onload", "onfocus", "<svg", "<math", "<style", "style=", "<form", "<button",
                         "<object", "<embed", "<meta", "data:", "id=", "name=", "class=", "type=\"text\"", "<noscript"})
            EXPECT_EQ(html.find(bad), std::string::npos) << text << " -> " << html << " has " << bad;
    }
}

TEST(Sanitize, escapes_text_and_attributes_and_keeps_task_lists) {
    EXPECT_EQ(markup::sanitize("<p title='a\"b'>1 &lt; 2 &amp; <b>3</b></p>"), "<p title=\"a&quot;b\">1 &lt; 2 &amp; <b>3</b></p>");
    EXPECT_EQ(markup::sanitize("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>"),
              "<li><input type=\"checkbox\" checked=\"\" disabled> done</li>");
    EXPECT_EQ(markup::sanitize("<custom-tag>kept text</custom-tag>"), "kept text");
    EXPECT_EQ(markup::sanitize("<a href=\"https://x.org\">x</a>"), "<a href=\"https://x.org\" rel=\"nofollow noopener noreferrer\">x</a>");
}

}  // namespace
