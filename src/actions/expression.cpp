#include "actions/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/json.hpp"
#include "core/text.hpp"

namespace actions::expr {
namespace {

using core::Errc;
using core::fail;

using core::lowercase;

// GitHub's number coercion: null 0, booleans 1/0, strings parsed (blank is 0, junk NaN),
// arrays and objects NaN.
double to_number(const json& v) {
    if (v.is_null()) return 0;
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
        auto s = v.get<std::string>();
        auto first = s.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) return 0;
        s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
        char* end = nullptr;
        double d = s.rfind("0x", 0) == 0 ? static_cast<double>(std::strtoll(s.c_str() + 2, &end, 16)) : std::strtod(s.c_str(), &end);
        return end && *end == '\0' ? d : NAN;
    }
    return NAN;
}

// Loose equality: same-typed values compare directly (strings ignoring case); otherwise both
// become numbers. Arrays and objects are equal only to themselves.
bool equal(const json& a, const json& b) {
    if (a.is_string() && b.is_string()) return lowercase(a.get<std::string>()) == lowercase(b.get<std::string>());
    if (a.is_structured() || b.is_structured()) return a.is_structured() && b.is_structured() && a == b;
    if (a.type() == b.type() && !a.is_number()) return a == b;
    return to_number(a) == to_number(b);
}

// a < b (or a <= b) with the same coercions; NaN compares false.
bool less(const json& a, const json& b, bool or_equal) {
    if (a.is_string() && b.is_string()) {
        auto x = lowercase(a.get<std::string>()), y = lowercase(b.get<std::string>());
        return or_equal ? x <= y : x < y;
    }
    double x = to_number(a), y = to_number(b);
    return or_equal ? x <= y : x < y;
}

struct Node;
using NodePtr = std::unique_ptr<Node>;
struct Node {
    enum class Kind { literal, name, member, index, filter, call, unary_not, binary } kind;
    json value;        // literal
    std::string text;  // name, member, function or operator
    std::vector<NodePtr> args;  // && and || take any number of operands, in order
    int depth = 1;              // of the tree below and including this node
};

// GitHub's own limits (actions/runner, ExpressionConstants): they keep evaluation, and the
// tree's destruction, from running out of stack on hostile text.
constexpr std::size_t kMaxLength = 21000;
constexpr int kMaxDepth = 50;
// What one value may grow to: format() nested ten deep, each with a hundred {0}, would make
// 100^10 bytes. GitHub stops at a megabyte too.
constexpr std::size_t kMaxResult = 1 << 20;

tl::unexpected<core::Error> too_large() {
    return fail(Errc::invalid, "An expression's value is over " + std::to_string(kMaxResult >> 20) + " MB.");
}

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    core::Result<NodePtr> parse() {
        if (text_.size() > kMaxLength)
            return fail(Errc::invalid, "An expression is longer than " + std::to_string(kMaxLength) + " characters.");
        auto node = parse_or();
        if (!node) return node;
        skip_space();
        if (at_ < text_.size()) return error("unexpected " + std::string(text_.substr(at_, 10)));
        return node;
    }

private:
    // Counts the parser's own recursion (parentheses, '!', indexes and call arguments), which
    // builds no node for parentheses.
    class Nested {
    public:
        explicit Nested(Parser& p) : p_(p) { ++p_.nesting_; }
        ~Nested() { --p_.nesting_; }
        bool too_deep() const { return p_.nesting_ > kMaxDepth; }

    private:
        Parser& p_;
    };

    core::Result<NodePtr> node(Node::Kind kind, std::string text, std::vector<NodePtr> args) {
        auto n = std::make_unique<Node>(Node{kind, nullptr, std::move(text), std::move(args)});
        for (const auto& a : n->args) n->depth = std::max(n->depth, a->depth + 1);
        if (n->depth > kMaxDepth) return too_deep();
        return n;
    }
    tl::unexpected<core::Error> too_deep() { return error("it is nested more than " + std::to_string(kMaxDepth) + " levels deep"); }

    tl::unexpected<core::Error> error(const std::string& what) {
        return fail(Errc::invalid, "In the expression `" + std::string(text_) + "`, at character " + std::to_string(at_ + 1) + ": " + what + ".");
    }
    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    bool eat(std::string_view token) {
        skip_space();
        if (text_.substr(at_, token.size()) != token) return false;
        at_ += token.size();
        return true;
    }
    core::Result<NodePtr> binary(std::string op, NodePtr a, NodePtr b) {
        std::vector<NodePtr> args;
        args.push_back(std::move(a));
        args.push_back(std::move(b));
        return node(Node::Kind::binary, std::move(op), std::move(args));
    }

    // a || b || c as one node of three operands, so a long chain is not a deep tree.
    template <class Operand>
    core::Result<NodePtr> chain(const char* op, Operand operand) {
        auto first = (this->*operand)();
        if (!first) return first;
        std::vector<NodePtr> args;
        args.push_back(std::move(*first));
        while (eat(op)) {
            auto next = (this->*operand)();
            if (!next) return next;
            args.push_back(std::move(*next));
        }
        if (args.size() == 1) return std::move(args.front());
        return node(Node::Kind::binary, op, std::move(args));
    }
    core::Result<NodePtr> parse_or() {
        Nested nested(*this);
        if (nested.too_deep()) return too_deep();
        return chain("||", &Parser::parse_and);
    }
    core::Result<NodePtr> parse_and() { return chain("&&", &Parser::parse_equality); }
    core::Result<NodePtr> parse_equality() {
        auto left = parse_comparison();
        for (;;) {
            if (!left) return left;
            std::string op = eat("==") ? "==" : eat("!=") ? "!=" : "";
            if (op.empty()) return left;
            auto right = parse_comparison();
            if (!right) return right;
            left = binary(op, std::move(*left), std::move(*right));
        }
    }
    core::Result<NodePtr> parse_comparison() {
        auto left = parse_unary();
        for (;;) {
            if (!left) return left;
            std::string op = eat("<=") ? "<=" : eat(">=") ? ">=" : eat("<") ? "<" : eat(">") ? ">" : "";
            if (op.empty()) return left;
            auto right = parse_unary();
            if (!right) return right;
            left = binary(op, std::move(*left), std::move(*right));
        }
    }
    core::Result<NodePtr> parse_unary() {
        skip_space();
        if (at_ < text_.size() && text_[at_] == '!' && text_.substr(at_, 2) != "!=") {
            ++at_;
            Nested nested(*this);
            if (nested.too_deep()) return too_deep();
            auto operand = parse_unary();
            if (!operand) return operand;
            std::vector<NodePtr> args;
            args.push_back(std::move(*operand));
            return node(Node::Kind::unary_not, "!", std::move(args));
        }
        return parse_postfix();
    }
    core::Result<NodePtr> parse_postfix() {
        auto node = parse_primary();
        for (;;) {
            if (!node) return node;
            std::vector<NodePtr> args;
            args.push_back(std::move(*node));
            if (eat(".")) {
                if (eat("*")) {
                    node = this->node(Node::Kind::filter, "*", std::move(args));
                    continue;
                }
                auto name = identifier();
                if (name.empty()) return error("a property name must follow '.'");
                node = this->node(Node::Kind::member, name, std::move(args));
            } else if (eat("[")) {
                auto index = parse_or();
                if (!index) return index;
                if (!eat("]")) return error("']' expected");
                args.push_back(std::move(*index));
                node = this->node(Node::Kind::index, "", std::move(args));
            } else {
                return std::move(args.front());
            }
        }
    }
    std::string identifier() {
        skip_space();
        auto start = at_;
        while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_' || text_[at_] == '-'))
            ++at_;
        return std::string(text_.substr(start, at_ - start));
    }
    core::Result<NodePtr> parse_primary() {
        skip_space();
        if (at_ >= text_.size()) return error("the expression ends too early");
        char c = text_[at_];
        if (c == '(') {
            ++at_;
            auto inner = parse_or();
            if (!inner) return inner;
            if (!eat(")")) return error("')' expected");
            return inner;
        }
        if (c == '\'') {
            std::string s;
            for (++at_; at_ < text_.size(); ++at_) {
                if (text_[at_] == '\'') {
                    if (at_ + 1 < text_.size() && text_[at_ + 1] == '\'') {
                        s += '\'';
                        ++at_;
                        continue;
                    }
                    ++at_;
                    return std::make_unique<Node>(Node{Node::Kind::literal, s, "", {}});
                }
                s += text_[at_];
            }
            return error("a string is not closed with '");
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
            auto start = at_;
            ++at_;
            while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.' ||
                                          ((text_[at_] == '-' || text_[at_] == '+') && (text_[at_ - 1] == 'e' || text_[at_ - 1] == 'E'))))
                ++at_;
            double d = to_number(std::string(text_.substr(start, at_ - start)));
            if (std::isnan(d)) return error("not a number");
            json v = d;
            if (d == std::floor(d) && std::fabs(d) < 9e15) v = static_cast<std::int64_t>(d);
            return std::make_unique<Node>(Node{Node::Kind::literal, v, "", {}});
        }
        auto name = identifier();
        if (name.empty()) return error(std::string("unexpected '") + c + "'");
        auto low = lowercase(name);
        if (low == "true" || low == "false") return std::make_unique<Node>(Node{Node::Kind::literal, low == "true", "", {}});
        if (low == "null") return std::make_unique<Node>(Node{Node::Kind::literal, nullptr, "", {}});
        if (eat("(")) {
            std::vector<NodePtr> args;
            if (!eat(")")) {
                do {
                    auto arg = parse_or();
                    if (!arg) return arg;
                    args.push_back(std::move(*arg));
                } while (eat(","));
                if (!eat(")")) return error("')' or ',' expected in the call of " + name);
            }
            return node(Node::Kind::call, low, std::move(args));
        }
        return std::make_unique<Node>(Node{Node::Kind::name, nullptr, low, {}});
    }

    std::string_view text_;
    std::size_t at_ = 0;
    int nesting_ = 0;
};

// obj[key] ignoring case, or null.
json member(const json& obj, const std::string& key) {
    if (!obj.is_object()) return nullptr;
    if (auto it = obj.find(key); it != obj.end()) return *it;
    auto want = lowercase(key);
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (lowercase(it.key()) == want) return it.value();
    return nullptr;
}

std::string format_number(double d) {
    if (std::isnan(d)) return "NaN";
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char out[32];
    std::snprintf(out, sizeof out, "%.15g", d);
    return out;
}

core::Result<json> eval(const Node& n, const Context& ctx);

core::Result<json> call(const Node& n, const Context& ctx) {
    const auto& f = n.text;
    if (f == "success" || f == "failure" || f == "always" || f == "cancelled") {
        if (!n.args.empty()) return fail(Errc::invalid, f + "() takes no arguments.");
        return f == "always" ? true : f == "success" ? ctx.status == "success" : f == "failure" ? ctx.status == "failure" : ctx.status == "cancelled";
    }
    std::vector<json> args;
    for (const auto& a : n.args) {
        auto v = eval(*a, ctx);
        if (!v) return v;
        args.push_back(std::move(*v));
    }
    auto arity = [&](std::size_t min, std::size_t max) -> core::Status {
        if (args.size() < min || args.size() > max) return fail(Errc::invalid, f + "() takes " + std::to_string(min) + (min == max ? "" : " to " + std::to_string(max)) + " arguments.");
        return {};
    };
    if (f == "contains") {
        if (auto ok = arity(2, 2); !ok) return tl::unexpected(ok.error());
        if (args[0].is_array()) return std::any_of(args[0].begin(), args[0].end(), [&](const json& x) { return equal(x, args[1]); });
        return lowercase(to_text(args[0])).find(lowercase(to_text(args[1]))) != std::string::npos;
    }
    if (f == "startswith" || f == "endswith") {
        if (auto ok = arity(2, 2); !ok) return tl::unexpected(ok.error());
        auto s = lowercase(to_text(args[0])), p = lowercase(to_text(args[1]));
        return f == "startswith" ? s.starts_with(p) : s.ends_with(p);
    }
    if (f == "format") {
        if (auto ok = arity(1, 64); !ok) return tl::unexpected(ok.error());
        auto pattern = to_text(args[0]);
        std::string out;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern.compare(i, 2, "{{") == 0 || pattern.compare(i, 2, "}}") == 0) {
                out += pattern[i++];
                continue;
            }
            if (pattern[i] == '{') {
                auto close = pattern.find('}', i);
                auto index = close == std::string::npos ? -1 : std::atoi(pattern.substr(i + 1, close - i - 1).c_str());
                if (close == std::string::npos || index < 0 || static_cast<std::size_t>(index) + 1 >= args.size())
                    return fail(Errc::invalid, "format('" + pattern + "') names an argument it was not given.");
                out += to_text(args[index + 1]);
                if (out.size() > kMaxResult) return too_large();
                i = close;
                continue;
            }
            out += pattern[i];
        }
        return out;
    }
    if (f == "join") {
        if (auto ok = arity(1, 2); !ok) return tl::unexpected(ok.error());
        std::string sep = args.size() > 1 ? to_text(args[1]) : ",";
        if (!args[0].is_array()) return to_text(args[0]);
        std::string out;
        for (std::size_t i = 0; i < args[0].size(); ++i) {
            out += (i ? sep : "") + to_text(args[0][i]);
            if (out.size() > kMaxResult) return too_large();
        }
        return out;
    }
    if (f == "tojson") {
        if (auto ok = arity(1, 1); !ok) return tl::unexpected(ok.error());
        auto text = args[0].dump(2, ' ', false, json::error_handler_t::replace);  // text from a step may not be UTF-8
        if (text.size() > kMaxResult) return too_large();
        return text;
    }
    if (f == "fromjson") {
        if (auto ok = arity(1, 1); !ok) return tl::unexpected(ok.error());
        auto parsed = core::parse_json(to_text(args[0]));
        if (parsed.is_discarded())
            return fail(Errc::invalid, "fromJSON() was given text that is not JSON, or nests deeper than " + std::to_string(core::kMaxJsonDepth) + " levels.");
        return parsed;
    }
    if (f == "hashfiles") {
        if (auto ok = arity(1, 64); !ok) return tl::unexpected(ok.error());
        std::vector<std::string> patterns;
        for (const auto& a : args) patterns.push_back(to_text(a));
        return ctx.hash_files ? ctx.hash_files(patterns) : std::string();
    }
    return fail(Errc::invalid, "There is no function " + f + "().");
}

core::Result<json> eval(const Node& n, const Context& ctx) {
    switch (n.kind) {
        case Node::Kind::literal: return n.value;
        case Node::Kind::name: {
            static const char* const kNames[] = {"github", "env", "secrets", "matrix", "inputs", "needs", "steps", "runner", "job", "vars", "strategy"};
            if (std::find(std::begin(kNames), std::end(kNames), n.text) == std::end(kNames))
                return fail(Errc::invalid, "Unrecognized named-value: '" + n.text + "'.");
            return member(ctx.values, n.text);
        }
        case Node::Kind::member: {
            auto obj = eval(*n.args[0], ctx);
            if (!obj) return obj;
            if (obj->is_array()) {  // after a filter: the property of each element
                json out = json::array();
                for (const auto& item : *obj)
                    if (auto v = member(item, n.text); !v.is_null()) out.push_back(v);
                return out;
            }
            return member(*obj, n.text);
        }
        case Node::Kind::index: {
            auto obj = eval(*n.args[0], ctx);
            if (!obj) return obj;
            auto key = eval(*n.args[1], ctx);
            if (!key) return key;
            if (obj->is_array()) {
                double i = to_number(*key);
                if (std::isnan(i) || i < 0 || i >= static_cast<double>(obj->size())) return json(nullptr);
                return (*obj)[static_cast<std::size_t>(i)];
            }
            return member(*obj, to_text(*key));
        }
        case Node::Kind::filter: {  // the elements of an array, or the values of an object
            auto v = eval(*n.args[0], ctx);
            if (!v) return v;
            json out = json::array();
            if (v->is_structured())
                for (const auto& item : *v) out.push_back(item);
            return out;
        }
        case Node::Kind::call: return call(n, ctx);
        case Node::Kind::unary_not: {
            auto v = eval(*n.args[0], ctx);
            if (!v) return v;
            return !truthy(*v);
        }
        case Node::Kind::binary: {
            auto a = eval(*n.args[0], ctx);
            if (!a) return a;
            if (n.text == "&&" || n.text == "||") {  // the first operand that decides, else the last
                bool until = n.text == "||";
                for (std::size_t i = 1; i < n.args.size() && truthy(*a) != until; ++i) {
                    a = eval(*n.args[i], ctx);
                    if (!a) return a;
                }
                return a;
            }
            auto b = eval(*n.args[1], ctx);
            if (!b) return b;
            if (n.text == "==") return equal(*a, *b);
            if (n.text == "!=") return !equal(*a, *b);
            if (n.text == "<") return less(*a, *b, false);
            if (n.text == "<=") return less(*a, *b, true);
            if (n.text == ">") return less(*b, *a, false);
            return less(*b, *a, true);
        }
    }
    return json(nullptr);
}

}  // namespace

bool truthy(const json& v) {
    if (v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) {
        double d = v.get<double>();
        return d != 0 && !std::isnan(d);
    }
    if (v.is_string()) return !v.get<std::string>().empty();
    return true;
}

std::string to_text(const json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number()) return format_number(v.get<double>());
    return v.is_array() ? "Array" : "Object";
}

core::Result<json> evaluate(std::string_view expression, const Context& context) {
    auto tree = Parser(expression).parse();
    if (!tree) return tl::unexpected(tree.error());
    return eval(**tree, context);
}

namespace {

// Calls each(expression) for every `${{ … }}` of text, and keeps the text between them in out
// when out is given.
template <class Each>
core::Status each_expression(std::string_view text, std::string* out, Each each) {
    for (std::size_t at = 0; at < text.size();) {
        auto open = text.find("${{", at);
        if (open == std::string_view::npos) {
            if (out) *out += text.substr(at);
            break;
        }
        auto close = text.find("}}", open + 3);
        if (close == std::string_view::npos) return fail(Errc::invalid, "A ${{ is not closed with }}.");
        if (out) *out += text.substr(at, open - at);
        if (auto done = each(text.substr(open + 3, close - open - 3)); !done) return done;
        at = close + 2;
    }
    return {};
}

// An if: condition's expression: trimmed, and without its ${{ }} when it has one around it all.
std::string condition_expression(std::string_view text) {
    std::string expression(text);
    auto first = expression.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    expression = expression.substr(first, expression.find_last_not_of(" \t\r\n") - first + 1);
    if (expression.starts_with("${{") && expression.ends_with("}}") && expression.find("${{", 3) == std::string::npos)
        expression = expression.substr(3, expression.size() - 5);
    return expression;
}

core::Status parses(std::string_view expression) {
    auto tree = Parser(expression).parse();
    if (!tree) return tl::unexpected(tree.error());
    return {};
}

}  // namespace

core::Result<std::string> interpolate(std::string_view text, const Context& context) {
    std::string out;
    auto done = each_expression(text, &out, [&](std::string_view expression) -> core::Status {
        auto value = evaluate(expression, context);
        if (!value) return tl::unexpected(value.error());
        out += to_text(*value);
        if (out.size() > kMaxResult) return too_large();
        return {};
    });
    if (!done) return tl::unexpected(done.error());
    return out;
}

core::Status check(std::string_view text) { return each_expression(text, nullptr, parses); }

core::Status check_condition(std::string_view text) {
    auto expression = condition_expression(text);
    return expression.empty() ? core::Status{} : parses(expression);
}

core::Result<bool> condition(std::string_view text, const Context& context) {
    auto expression = condition_expression(text);
    if (expression.empty()) return context.status == "success";
    auto low = lowercase(expression);
    bool checks_status = false;
    for (const char* f : {"success(", "failure(", "always(", "cancelled("})
        for (auto at = low.find(f); at != std::string::npos; at = low.find(f, at + 1))
            if (at == 0 || !(std::isalnum(static_cast<unsigned char>(low[at - 1])) || low[at - 1] == '_')) checks_status = true;
    auto value = evaluate(expression, context);
    if (!value) return tl::unexpected(value.error());
    return (checks_status || context.status == "success") && truthy(*value);
}

}  // namespace actions::expr
