#pragma once
// Plain-text tables and JSON output for chorus-cli.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace chorus::cli {

// Width of UTF-8 text on a terminal, counted in code points (labels contain
// "’" and "–", which are one column but three bytes).
std::size_t display_width(std::string_view text);

// At most `width` columns of UTF-8 text, ending in "…" when cut (never inside a character).
std::string shortened(const std::string& text, std::size_t width);

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
};

// Columns padded to their widest cell, two spaces apart, with a header and a rule.
class Table {
public:
    explicit Table(std::vector<Column> columns);
    void add_row(std::vector<std::string> cells);
    void print(std::ostream& out) const;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// JSON with keys in the order they were added, two-space indented; invalid
// UTF-8 is replaced rather than thrown on.
using OrderedJson = nlohmann::ordered_json;
void print_json(std::ostream& out, const OrderedJson& json);

// "1 response", "3 responses".
std::string count_noun(std::int64_t count, std::string_view singular, std::string_view plural);

} // namespace chorus::cli
