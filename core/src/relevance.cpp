#include "chorus/relevance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace chorus {

namespace {

enum class Comparison { equal, not_equal, less, less_equal, greater, greater_equal };

// A literal as written in the condition. A number literal keeps its text too, so it can
// be matched against option codes such as a rating "7".
struct Literal {
    std::string text;
    std::optional<double> number; // set for number literals only
};

} // namespace

struct Condition::Node {
    struct Compare {
        std::string key;
        Comparison op;
        Literal value;
    };
    struct InList {
        std::string key;
        std::vector<Literal> values;
    };
    struct Answered {
        std::string key;
    };
    struct Selected {
        std::string key;
        std::string code;
    };
    struct Not {
        std::unique_ptr<const Node> operand;
    };
    struct And {
        std::vector<std::unique_ptr<const Node>> operands;
    };
    struct Or {
        std::vector<std::unique_ptr<const Node>> operands;
    };

    std::variant<Compare, InList, Answered, Selected, Not, And, Or> value;
};

namespace {

using Node = Condition::Node;
using NodePtr = std::unique_ptr<const Node>;

// ---------------------------------------------------------------------------------------
// Tokens

enum class TokenKind {
    word,      // identifier or keyword
    string,    // quoted; text holds the contents without quotes
    number,
    open_paren,
    close_paren,
    open_bracket,
    close_bracket,
    comma,
    comparison,
    end,
};

struct Token {
    TokenKind kind;
    std::size_t position;    // 0-based offset of the token's first character
    std::string_view source; // the token exactly as written
    std::string text;        // string contents, or the word / number as written
    Comparison op = Comparison::equal;
    double number = 0;
};

[[noreturn]] void fail(const std::string& message, std::size_t position) {
    throw ConditionError(message + " at position " + std::to_string(position), position);
}

// text between the given marks. Built by appending: GCC 12 at -O3 gives a false
// -Wrestrict warning for "literal" + std::string temporaries (GCC bug 105329).
std::string enclose(std::string_view text, char mark = '"') {
    std::string result;
    result.reserve(text.size() + 2);
    result += mark;
    result += text;
    result += mark;
    return result;
}

bool is_word_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_question_key(std::string_view word) {
    if (word.empty() || word.front() < 'a' || word.front() > 'z') return false;
    return std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
    });
}

std::vector<Token> tokenise(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    const auto add = [&](TokenKind kind, std::size_t start, std::size_t length) -> Token& {
        tokens.push_back(Token{kind, start, text.substr(start, length), {}});
        return tokens.back();
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (is_word_start(c)) {
            std::size_t end = i + 1;
            while (end < text.size() && is_word_char(text[end])) ++end;
            add(TokenKind::word, i, end - i).text = std::string(text.substr(i, end - i));
            i = end;
        } else if (is_digit(c) || (c == '-' && i + 1 < text.size() && is_digit(text[i + 1]))) {
            std::size_t end = i + 1;
            while (end < text.size() && is_digit(text[end])) ++end;
            if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
                end += 2;
                while (end < text.size() && is_digit(text[end])) ++end;
            }
            if (end < text.size() && is_word_char(text[end])) {
                std::size_t word_end = end;
                while (word_end < text.size() && is_word_char(text[word_end])) ++word_end;
                fail(enclose(text.substr(i, word_end - i)) + " is not a number", i);
            }
            const std::string_view written = text.substr(i, end - i);
            Token& token = add(TokenKind::number, i, end - i);
            token.text = std::string(written);
            // from_chars does not accept a leading '+', and '-' only before digits, as here.
            std::from_chars(written.data(), written.data() + written.size(), token.number);
            i = end;
        } else if (c == '\'' || c == '"') {
            const std::size_t close = text.find(c, i + 1);
            if (close == std::string_view::npos) fail("unterminated string starting", i);
            add(TokenKind::string, i, close + 1 - i).text =
                std::string(text.substr(i + 1, close - i - 1));
            i = close + 1;
        } else if (c == '(') {
            add(TokenKind::open_paren, i++, 1);
        } else if (c == ')') {
            add(TokenKind::close_paren, i++, 1);
        } else if (c == '[') {
            add(TokenKind::open_bracket, i++, 1);
        } else if (c == ']') {
            add(TokenKind::close_bracket, i++, 1);
        } else if (c == ',') {
            add(TokenKind::comma, i++, 1);
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
            const bool followed_by_equals = i + 1 < text.size() && text[i + 1] == '=';
            Comparison op{};
            switch (c) {
            case '=': op = Comparison::equal; break;
            case '!':
                if (!followed_by_equals) fail("unexpected '!' (use 'not' or '!=')", i);
                op = Comparison::not_equal;
                break;
            case '<': op = followed_by_equals ? Comparison::less_equal : Comparison::less; break;
            default: op = followed_by_equals ? Comparison::greater_equal : Comparison::greater;
            }
            const std::size_t length = followed_by_equals ? 2 : 1;
            add(TokenKind::comparison, i, length).op = op;
            i += length;
        } else {
            // Show a whole UTF-8 character rather than a stray lead byte.
            std::size_t length = 1;
            while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80)
                ++length;
            fail("unexpected character " + enclose(text.substr(i, length), '\''), i);
        }
    }
    tokens.push_back(Token{TokenKind::end, text.size(), {}, {}});
    return tokens;
}

// ---------------------------------------------------------------------------------------
// Parser: recursive descent over
//   or_expr  := and_expr ('or' and_expr)*
//   and_expr := not_expr ('and' not_expr)*
//   not_expr := 'not' not_expr | primary
//   primary  := '(' or_expr ')' | answered(key) | selected(key, string)
//             | key comparison value | key 'in' '[' value (',' value)* ']'

bool is_keyword(std::string_view word) {
    return word == "and" || word == "or" || word == "not" || word == "in";
}

// How a token is named in messages.
std::string describe(const Token& token) {
    if (token.kind == TokenKind::end) return "the end of the condition";
    return enclose(token.source);
}

class Parser {
public:
    explicit Parser(std::string_view text) : tokens_(tokenise(text)) {}

    NodePtr parse_condition() {
        if (peek().kind == TokenKind::end) throw ConditionError("the condition is empty", 0);
        NodePtr root = parse_or();
        if (peek().kind != TokenKind::end) {
            std::string lower(peek().text);
            for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            const bool shouted_keyword =
                peek().kind == TokenKind::word && lower != peek().text && is_keyword(lower);
            fail("unexpected " + describe(peek()) + " after the end of the condition" +
                     (shouted_keyword ? " (write \"" + lower + "\" in lower case)" : ""),
                 peek().position);
        }
        return root;
    }

    std::vector<std::string> take_keys() { return std::move(keys_); }

private:
    // Deep nesting would otherwise exhaust the stack; no real condition comes close.
    static constexpr int max_depth = 200;

    const Token& peek() const { return tokens_[next_]; }
    const Token& advance() { return tokens_[next_ < tokens_.size() - 1 ? next_++ : next_]; }

    bool at_word(std::string_view word) const {
        return peek().kind == TokenKind::word && peek().text == word;
    }

    void expect(TokenKind kind, std::string_view what, std::string_view context) {
        if (peek().kind != kind)
            fail(std::string("expected ").append(what).append(" ").append(context) + ", found " +
                     describe(peek()),
                 peek().position);
        advance();
    }

    static NodePtr make(auto&& alternative) {
        auto node = std::make_unique<Node>();
        node->value = std::forward<decltype(alternative)>(alternative);
        return node;
    }

    NodePtr parse_or() {
        NodePtr first = parse_and();
        if (!at_word("or")) return first;
        Node::Or result;
        result.operands.push_back(std::move(first));
        while (at_word("or")) {
            advance();
            result.operands.push_back(parse_and());
        }
        return make(std::move(result));
    }

    NodePtr parse_and() {
        NodePtr first = parse_not();
        if (!at_word("and")) return first;
        Node::And result;
        result.operands.push_back(std::move(first));
        while (at_word("and")) {
            advance();
            result.operands.push_back(parse_not());
        }
        return make(std::move(result));
    }

    NodePtr parse_not() {
        if (!at_word("not")) return parse_primary();
        const Token& not_token = advance();
        DepthGuard guard(*this, not_token.position);
        return make(Node::Not{parse_not()});
    }

    struct DepthGuard {
        DepthGuard(Parser& parser, std::size_t position) : parser_(parser) {
            if (++parser_.depth_ > max_depth) fail("the condition is nested too deeply", position);
        }
        ~DepthGuard() { --parser_.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        Parser& parser_;
    };

    NodePtr parse_primary() {
        const Token& token = peek();
        if (token.kind == TokenKind::open_paren) {
            DepthGuard guard(*this, token.position);
            advance();
            if (peek().kind == TokenKind::close_paren)
                fail("expected a condition inside the parentheses", peek().position);
            NodePtr inner = parse_or();
            if (peek().kind != TokenKind::close_paren)
                fail("the '(' at position " + std::to_string(token.position) +
                         " is not closed: expected ')' but found " + describe(peek()),
                     peek().position);
            advance();
            return inner;
        }
        if (token.kind != TokenKind::word) {
            if (token.kind == TokenKind::end)
                fail("expected a condition after " + describe(tokens_[next_ - 1]), token.position);
            fail("expected a question key, 'not' or '(' but found " + describe(token), token.position);
        }
        if (tokens_[next_ + 1].kind == TokenKind::open_paren && !is_keyword(token.text))
            return parse_function();
        if (is_keyword(token.text))
            fail("expected a question key but found the keyword \"" + token.text + "\"", token.position);
        const std::string key = take_key("");
        const Token& after_key = peek();
        if (after_key.kind == TokenKind::comparison) {
            advance();
            Literal value = parse_literal("after " + enclose(after_key.source, '\''));
            return make(Node::Compare{key, after_key.op, std::move(value)});
        }
        if (after_key.kind == TokenKind::word && after_key.text == "in") {
            advance();
            return make(Node::InList{key, parse_list()});
        }
        fail("expected a comparison (=, !=, <, <=, >, >= or in) after \"" + key + "\", found " +
                 describe(after_key),
             after_key.position);
    }

    NodePtr parse_function() {
        const Token& name = advance();
        if (name.text != "answered" && name.text != "selected")
            fail("unknown function \"" + name.text + "\" (use answered or selected)", name.position);
        advance(); // '('
        const std::string context = "in " + name.text + "(...)";
        const std::string key = take_key(context);
        NodePtr result;
        if (name.text == "answered") {
            result = make(Node::Answered{key});
        } else {
            expect(TokenKind::comma, "','", "after the question key " + context);
            const Token& code = peek();
            if (code.kind != TokenKind::string)
                fail("expected a quoted option code " + context + ", found " + describe(code),
                     code.position);
            advance();
            result = make(Node::Selected{key, code.text});
        }
        expect(TokenKind::close_paren, "')'", "to close " + name.text + "(...)");
        return result;
    }

    // Reads a question key, recording it; context (may be empty) goes into messages.
    std::string take_key(const std::string& context) {
        const Token& token = peek();
        const std::string where = context.empty() ? std::string() : " " + context;
        if (token.kind != TokenKind::word || is_keyword(token.text))
            fail("expected a question key" + where + ", found " + describe(token), token.position);
        if (!is_question_key(token.text))
            fail(enclose(token.text) +
                     "\" is not a question key (keys are lower-case letters, digits and _, "
                     "starting with a letter)",
                 token.position);
        advance();
        if (std::find(keys_.begin(), keys_.end(), token.text) == keys_.end())
            keys_.push_back(token.text);
        return token.text;
    }

    Literal parse_literal(const std::string& context) {
        const Token& token = peek();
        if (token.kind == TokenKind::string) {
            advance();
            return Literal{token.text, std::nullopt};
        }
        if (token.kind == TokenKind::number) {
            advance();
            return Literal{token.text, token.number};
        }
        fail("expected a value " + context + " (a quoted string or a number), found " + describe(token),
             token.position);
    }

    std::vector<Literal> parse_list() {
        const Token& open = peek();
        if (open.kind != TokenKind::open_bracket)
            fail("expected '[' after 'in', found " + describe(open), open.position);
        advance();
        if (peek().kind == TokenKind::close_bracket) fail("the list after 'in' is empty", open.position);
        std::vector<Literal> values;
        values.push_back(parse_literal("in the list"));
        while (peek().kind == TokenKind::comma) {
            advance();
            values.push_back(parse_literal("after ','"));
        }
        if (peek().kind != TokenKind::close_bracket)
            fail("expected ',' or ']' in the list, found " + describe(peek()), peek().position);
        advance();
        return values;
    }

    std::vector<Token> tokens_;
    std::size_t next_ = 0;
    int depth_ = 0;
    std::vector<std::string> keys_;
};

// ---------------------------------------------------------------------------------------
// Evaluation

// The whole of text as a finite number, or nothing (e.g. an option code "dont_know").
std::optional<double> parse_number(std::string_view text) {
    if (text.empty() || text.front() == '+') return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

template <typename T>
bool apply(Comparison op, const T& left, const T& right) {
    switch (op) {
    case Comparison::equal: return left == right;
    case Comparison::not_equal: return left != right;
    case Comparison::less: return left < right;
    case Comparison::less_equal: return left <= right;
    case Comparison::greater: return left > right;
    case Comparison::greater_equal: return left >= right;
    }
    return false;
}

// One single value (not a multiple choice) against a literal.
bool compare_value(const Answer& answer, Comparison op, const Literal& literal) {
    if (const auto* text = std::get_if<std::string>(&answer)) {
        if (literal.number) {
            const auto number = parse_number(*text);
            return number && apply(op, *number, *literal.number);
        }
        if (op == Comparison::equal || op == Comparison::not_equal)
            return apply(op, *text, literal.text);
        // Ordering: numerically when both sides are numbers, so that rating '10' > '9';
        // otherwise by text, which orders "YYYY-MM-DD" dates correctly.
        const auto left = parse_number(*text);
        const auto right = parse_number(literal.text);
        if (left && right) return apply(op, *left, *right);
        return apply(op, *text, literal.text);
    }
    // A numeric answer compares numerically; a string literal that is not a number never matches.
    const auto right = literal.number ? literal.number : parse_number(literal.text);
    if (!right) return false;
    if (const auto* integer = std::get_if<std::int64_t>(&answer)) {
        // Exact for whole-number literals, which double could not represent beyond 2^53.
        const double whole = *right;
        if (std::trunc(whole) == whole && whole >= -9.2e18 && whole <= 9.2e18)
            return apply(op, *integer, static_cast<std::int64_t>(whole));
        return apply(op, static_cast<double>(*integer), whole);
    }
    if (const auto* decimal = std::get_if<double>(&answer)) return apply(op, *decimal, *right);
    return false;
}

bool is_blank(const Answer* answer) {
    if (answer == nullptr) return true;
    // Defensive: an empty text or an empty selection carries no answer either.
    if (const auto* text = std::get_if<std::string>(answer)) return text->empty();
    if (const auto* codes = std::get_if<std::vector<std::string>>(answer)) return codes->empty();
    return false;
}

bool compare(const Answer& answer, Comparison op, const Literal& literal) {
    const auto* codes = std::get_if<std::vector<std::string>>(&answer);
    if (codes == nullptr) return compare_value(answer, op, literal);
    const auto matches = [&](Comparison each_op) {
        return std::any_of(codes->begin(), codes->end(), [&](const std::string& code) {
            return compare_value(Answer(code), each_op, literal);
        });
    };
    // A multiple choice "equals" each code it contains; "!=" means it does not contain it.
    if (op == Comparison::not_equal) return !matches(Comparison::equal);
    // Orderings hold when any selected code satisfies them.
    return matches(op);
}

bool evaluate_node(const Node& node, const AnswerLookup& lookup) {
    return std::visit(
        [&](const auto& n) -> bool {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Node::Compare>) {
                const Answer* answer = lookup(n.key);
                return !is_blank(answer) && compare(*answer, n.op, n.value);
            } else if constexpr (std::is_same_v<T, Node::InList>) {
                const Answer* answer = lookup(n.key);
                if (is_blank(answer)) return false;
                return std::any_of(n.values.begin(), n.values.end(), [&](const Literal& value) {
                    return compare(*answer, Comparison::equal, value);
                });
            } else if constexpr (std::is_same_v<T, Node::Answered>) {
                return !is_blank(lookup(n.key));
            } else if constexpr (std::is_same_v<T, Node::Selected>) {
                const Answer* answer = lookup(n.key);
                if (is_blank(answer)) return false;
                if (const auto* code = std::get_if<std::string>(answer)) return *code == n.code;
                if (const auto* codes = std::get_if<std::vector<std::string>>(answer))
                    return std::find(codes->begin(), codes->end(), n.code) != codes->end();
                return false;
            } else if constexpr (std::is_same_v<T, Node::Not>) {
                return !evaluate_node(*n.operand, lookup);
            } else if constexpr (std::is_same_v<T, Node::And>) {
                return std::all_of(n.operands.begin(), n.operands.end(),
                                   [&](const NodePtr& operand) { return evaluate_node(*operand, lookup); });
            } else {
                return std::any_of(n.operands.begin(), n.operands.end(),
                                   [&](const NodePtr& operand) { return evaluate_node(*operand, lookup); });
            }
        },
        node.value);
}

} // namespace

Condition::Condition() = default;
Condition::Condition(Condition&&) noexcept = default;
Condition& Condition::operator=(Condition&&) noexcept = default;
// The tree is immutable, so copies share it.
Condition::Condition(const Condition&) = default;
Condition& Condition::operator=(const Condition&) = default;
Condition::~Condition() = default;

Condition Condition::parse(std::string_view text) {
    Parser parser(text);
    NodePtr root = parser.parse_condition();
    Condition condition;
    condition.root_ = std::shared_ptr<const Node>(std::move(root));
    condition.keys_ = parser.take_keys();
    return condition;
}

bool Condition::evaluate(const AnswerLookup& lookup) const {
    return root_ != nullptr && evaluate_node(*root_, lookup); // null only once moved from
}

const std::vector<std::string>& Condition::referenced_keys() const { return keys_; }

} // namespace chorus
