#include "condition_translation.hpp"

#include "text_util.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace chorus {

namespace {

enum class TokenKind { reference, string, number, word, symbol, current_value, end };

struct Token {
    TokenKind kind = TokenKind::end;
    std::string text; // reference: the name; string: without quotes; symbol: "=", "(", ...
};

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_word_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':';
}
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::vector<Token> tokenize(std::string_view text, ConditionDialect dialect)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    auto previous_is_value = [&] {
        if (tokens.empty())
            return false;
        const auto kind = tokens.back().kind;
        return kind == TokenKind::reference || kind == TokenKind::string || kind == TokenKind::number
            || kind == TokenKind::current_value || tokens.back().text == ")";
    };
    while (i < text.size()) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if ((dialect == ConditionDialect::xlsform && c == '$' && i + 1 < text.size() && text[i + 1] == '{')
                   || (dialect == ConditionDialect::surveyjs && c == '{')) {
            std::size_t open = text.find('{', i);
            std::size_t close = text.find('}', open);
            if (close == std::string_view::npos)
                throw UntranslatableCondition("a reference is not closed with '}'");
            tokens.push_back({TokenKind::reference, std::string(trim(text.substr(open + 1, close - open - 1)))});
            i = close + 1;
        } else if (c == '\'' || c == '"') {
            std::size_t close = text.find(c, i + 1);
            if (close == std::string_view::npos)
                throw UntranslatableCondition("a quoted value is not closed");
            tokens.push_back({TokenKind::string, std::string(text.substr(i + 1, close - i - 1))});
            i = close + 1;
        } else if (is_digit(c) || (c == '-' && i + 1 < text.size() && is_digit(text[i + 1]) && !previous_is_value())) {
            std::size_t end = i + 1;
            while (end < text.size() && (is_digit(text[end]) || text[end] == '.'))
                ++end;
            tokens.push_back({TokenKind::number, std::string(text.substr(i, end - i))});
            i = end;
        } else if (is_word_start(c)) {
            std::size_t end = i + 1;
            while (end < text.size() && is_word_char(text[end]))
                ++end;
            tokens.push_back({TokenKind::word, std::string(text.substr(i, end - i))});
            i = end;
        } else if (c == '.' && dialect == ConditionDialect::xlsform) {
            tokens.push_back({TokenKind::current_value, "."});
            ++i;
        } else {
            static const char* const symbols[] = {"==", "!=", "<>", "<=", ">=", "&&", "||", "=", "<",
                                                  ">",  "(",  ")",  ",",  "[",  "]",  "!"};
            bool found = false;
            for (std::string_view symbol : symbols) {
                if (text.substr(i, symbol.size()) == symbol) {
                    tokens.push_back({TokenKind::symbol, std::string(symbol)});
                    i += symbol.size();
                    found = true;
                    break;
                }
            }
            if (!found)
                throw UntranslatableCondition("unexpected character '" + std::string(1, c) + "'");
        }
    }
    tokens.push_back({TokenKind::end, ""});
    return tokens;
}

bool is_comparison(const Token& token)
{
    if (token.kind != TokenKind::symbol)
        return false;
    for (std::string_view op : {"=", "==", "!=", "<>", "<", "<=", ">", ">="})
        if (token.text == op)
            return true;
    return false;
}

// The operator in Chorus's spelling.
std::string chorus_operator(const std::string& op)
{
    if (op == "==")
        return "=";
    if (op == "<>")
        return "!=";
    return op;
}

// `a op b` read as `b mirrored(op) a`.
std::string mirrored(const std::string& op)
{
    if (op == "<") return ">";
    if (op == ">") return "<";
    if (op == "<=") return ">=";
    if (op == ">=") return "<=";
    return op;
}

std::string quoted(const std::string& value)
{
    if (value.find('\'') == std::string::npos)
        return "'" + value + "'";
    if (value.find('"') == std::string::npos)
        return "\"" + value + "\"";
    throw UntranslatableCondition("the value " + value + " holds both kinds of quote");
}

// A translated sub-expression and how tightly it binds (so parentheses are added only
// where Chorus needs them: "and" binds tighter than "or").
struct Expression {
    std::string text;
    enum Binding { or_list, and_list, atom } binding = atom;
};

class Translator {
public:
    Translator(std::string_view expression, ConditionDialect dialect, const ImportedNameLookup& lookup)
        : tokens_(tokenize(expression, dialect)), dialect_(dialect), lookup_(lookup) {}

    std::string translate()
    {
        Expression result = parse_or();
        if (peek().kind != TokenKind::end)
            throw UntranslatableCondition("unexpected " + describe(peek()));
        return result.text;
    }

private:
    const Token& peek() const { return tokens_[next_]; }
    const Token& take() { return tokens_[next_ < tokens_.size() - 1 ? next_++ : next_]; }
    bool at_word(std::string_view word) const { return peek().kind == TokenKind::word && peek().text == word; }
    bool at_symbol(std::string_view symbol) const
    {
        return peek().kind == TokenKind::symbol && peek().text == symbol;
    }
    void expect_symbol(std::string_view symbol)
    {
        if (!at_symbol(symbol))
            throw UntranslatableCondition("expected '" + std::string(symbol) + "', found " + describe(peek()));
        take();
    }

    std::string describe(const Token& token) const
    {
        switch (token.kind) {
        case TokenKind::end: return "the end of the condition";
        case TokenKind::reference: return reference_text(token.text);
        case TokenKind::string: return "'" + token.text + "'";
        default: return "\"" + token.text + "\"";
        }
    }

    std::string reference_text(const std::string& name) const
    {
        return dialect_ == ConditionDialect::xlsform ? "${" + name + "}" : "{" + name + "}";
    }

    Expression parse_or()
    {
        Expression left = parse_and();
        while (at_word("or") || at_symbol("||")) {
            take();
            Expression right = parse_and();
            left = {left.text + " or " + right.text, Expression::or_list};
        }
        return left;
    }

    Expression parse_and()
    {
        Expression left = parse_not();
        while (at_word("and") || at_symbol("&&")) {
            take();
            Expression right = parse_not();
            left = {parenthesised_below(left, Expression::and_list) + " and "
                        + parenthesised_below(right, Expression::and_list),
                    Expression::and_list};
        }
        return left;
    }

    static std::string parenthesised_below(const Expression& expression, Expression::Binding binding)
    {
        return expression.binding < binding ? "(" + expression.text + ")" : expression.text;
    }

    Expression parse_not()
    {
        if (at_word("not") || at_symbol("!")) {
            take();
            Expression operand = parse_not();
            return {"not " + parenthesised_below(operand, Expression::atom), Expression::atom};
        }
        return parse_primary();
    }

    Expression parse_primary()
    {
        if (at_symbol("(")) {
            take();
            Expression inner = parse_or();
            expect_symbol(")");
            return {"(" + inner.text + ")", Expression::atom};
        }
        const Token& token = peek();
        if (token.kind == TokenKind::reference)
            return parse_reference_test();
        if ((token.kind == TokenKind::string || token.kind == TokenKind::number) && is_comparison(tokens_[next_ + 1])
            && tokens_[next_ + 2].kind == TokenKind::reference) {
            // 'yes' = ${q}: the same test written the other way round.
            Token value = take();
            std::string op = mirrored(take().text);
            const ImportedName& name = resolve(take().text);
            return comparison(name, op, value);
        }
        if (token.kind == TokenKind::word && tokens_[next_ + 1].kind == TokenKind::symbol
            && tokens_[next_ + 1].text == "(")
            return parse_function();
        throw UntranslatableCondition("expected a question, found " + describe(token));
    }

    const ImportedName& resolve(const std::string& source_name)
    {
        const ImportedName* name = lookup_(source_name);
        if (name == nullptr)
            throw UntranslatableCondition("refers to " + reference_text(source_name)
                                          + ", which is not an earlier question");
        return *name;
    }

    static std::string code_for(const ImportedName& name, const std::string& value)
    {
        auto it = name.codes.find(value);
        return it == name.codes.end() ? value : it->second;
    }

    Expression comparison(const ImportedName& name, std::string op, const Token& value)
    {
        op = chorus_operator(op);
        if (value.kind == TokenKind::number)
            return {name.key + " " + op + " " + value.text};
        if (value.kind == TokenKind::word && (value.text == "true" || value.text == "false")) {
            if (name.codes.count(value.text) == 0)
                throw UntranslatableCondition("compares " + name.key + " with " + value.text
                                              + ", which is not one of its answers");
            return {name.key + " " + op + " " + quoted(code_for(name, value.text))};
        }
        if (value.kind != TokenKind::string)
            throw UntranslatableCondition("expected a value to compare " + name.key + " with, found "
                                          + describe(value));
        if (value.text.empty() && (op == "=" || op == "!="))
            return {op == "=" ? "not answered(" + name.key + ")" : "answered(" + name.key + ")"};
        return {name.key + " " + op + " " + quoted(code_for(name, value.text))};
    }

    Expression parse_reference_test()
    {
        const std::string source_name = take().text;
        const ImportedName& name = resolve(source_name);
        if (is_comparison(peek())) {
            std::string op = take().text;
            if (peek().kind == TokenKind::reference)
                throw UntranslatableCondition("compares two questions (" + reference_text(source_name) + " and "
                                              + describe(peek()) + "); Chorus compares a question with a value");
            return comparison(name, op, take());
        }
        if (dialect_ == ConditionDialect::surveyjs && peek().kind == TokenKind::word) {
            const std::string word = peek().text;
            if (word == "notempty" || word == "empty") {
                take();
                return {(word == "empty" ? "not answered(" : "answered(") + name.key + ")"};
            }
            if (word == "contains" || word == "notcontains") {
                take();
                const Token value = take();
                if (value.kind != TokenKind::string && value.kind != TokenKind::number)
                    throw UntranslatableCondition("expected a value after " + word + ", found " + describe(value));
                std::string test = "selected(" + name.key + ", " + quoted(code_for(name, value.text)) + ")";
                return {(word == "notcontains" ? "not " : "") + test};
            }
            if (word == "anyof" || word == "allof" || word == "noneof") {
                take();
                return list_test(name, word);
            }
        }
        throw UntranslatableCondition("expected a comparison after " + reference_text(source_name) + ", found "
                                      + describe(peek()));
    }

    // {q} anyof ['a', 'b'] -> (selected(q, 'a') or selected(q, 'b')), and so on.
    Expression list_test(const ImportedName& name, const std::string& word)
    {
        expect_symbol("[");
        std::vector<std::string> tests;
        while (!at_symbol("]")) {
            const Token value = take();
            if (value.kind != TokenKind::string && value.kind != TokenKind::number)
                throw UntranslatableCondition("expected a value in the list after " + word + ", found "
                                              + describe(value));
            tests.push_back("selected(" + name.key + ", " + quoted(code_for(name, value.text)) + ")");
            if (at_symbol(","))
                take();
            else if (!at_symbol("]"))
                throw UntranslatableCondition("expected ',' or ']' in the list, found " + describe(peek()));
        }
        take();
        if (tests.empty())
            throw UntranslatableCondition(word + " needs at least one value");
        std::string joined = join(tests, word == "allof" ? " and " : " or ");
        if (tests.size() > 1)
            joined = "(" + joined + ")";
        return {(word == "noneof" ? "not " : "") + joined};
    }

    Expression parse_function()
    {
        const std::string function = take().text;
        expect_symbol("(");
        if (function == "not") {
            Expression inner = parse_or();
            expect_symbol(")");
            return {"not (" + inner.text + ")"};
        }
        if (function == "selected") {
            if (peek().kind != TokenKind::reference)
                throw UntranslatableCondition("selected() needs a question first, found " + describe(peek()));
            const ImportedName& name = resolve(take().text);
            expect_symbol(",");
            const Token value = take();
            if (value.kind != TokenKind::string && value.kind != TokenKind::number)
                throw UntranslatableCondition("selected() needs a value second, found " + describe(value));
            expect_symbol(")");
            return {"selected(" + name.key + ", " + quoted(code_for(name, value.text)) + ")"};
        }
        if (function == "string-length" || function == "count-selected") {
            if (peek().kind != TokenKind::reference)
                throw UntranslatableCondition(function + "() needs a question, found " + describe(peek()));
            const ImportedName& name = resolve(take().text);
            expect_symbol(")");
            return answered_test(function, name);
        }
        throw UntranslatableCondition("the function " + function + "() has no equivalent in Chorus");
    }

    // string-length(${q}) > 0 and count-selected(${q}) >= 1 ask whether q is answered.
    Expression answered_test(const std::string& function, const ImportedName& name)
    {
        const std::string op = is_comparison(peek()) ? take().text : "";
        const Token bound = take();
        if (bound.kind == TokenKind::number) {
            if ((op == ">" && bound.text == "0") || (op == ">=" && bound.text == "1")
                || ((op == "!=" || op == "<>") && bound.text == "0"))
                return {"answered(" + name.key + ")"};
            if ((op == "=" || op == "==") && bound.text == "0")
                return {"not answered(" + name.key + ")"};
        }
        throw UntranslatableCondition(function + "() is translated only when it asks whether "
                                      + name.key + " is answered (> 0)");
    }

    std::vector<Token> tokens_;
    std::size_t next_ = 0;
    ConditionDialect dialect_;
    const ImportedNameLookup& lookup_;
};

std::optional<double> number_value(const std::string& text)
{
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

std::string translate_condition(std::string_view expression, ConditionDialect dialect,
                                const ImportedNameLookup& lookup)
{
    return Translator(expression, dialect, lookup).translate();
}

std::optional<NumberRange> translate_number_constraint(std::string_view constraint, bool whole_numbers)
{
    std::vector<Token> tokens;
    try {
        tokens = tokenize(constraint, ConditionDialect::xlsform);
    } catch (const UntranslatableCondition&) {
        return std::nullopt;
    }
    NumberRange range;
    std::size_t i = 0;
    while (true) {
        if (i + 3 > tokens.size())
            return std::nullopt;
        // ". >= 0" or "0 <= .": the bound and the operator as if the answer came first.
        std::string op;
        std::optional<double> bound;
        if (tokens[i].kind == TokenKind::current_value && is_comparison(tokens[i + 1])
            && tokens[i + 2].kind == TokenKind::number) {
            op = tokens[i + 1].text;
            bound = number_value(tokens[i + 2].text);
        } else if (tokens[i].kind == TokenKind::number && is_comparison(tokens[i + 1])
                   && tokens[i + 2].kind == TokenKind::current_value) {
            op = mirrored(tokens[i + 1].text);
            bound = number_value(tokens[i].text);
        }
        if (!bound)
            return std::nullopt;
        const bool whole = std::trunc(*bound) == *bound;
        if (op == ">=")
            range.min = *bound;
        else if (op == "<=")
            range.max = *bound;
        else if (op == ">" && whole_numbers && whole)
            range.min = *bound + 1;
        else if (op == "<" && whole_numbers && whole)
            range.max = *bound - 1;
        else
            return std::nullopt;
        i += 3;
        if (tokens[i].kind == TokenKind::end)
            return range;
        if (tokens[i].kind != TokenKind::word || tokens[i].text != "and")
            return std::nullopt;
        ++i;
    }
}

} // namespace chorus
