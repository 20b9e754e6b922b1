#include "table.hpp"

#include <algorithm>
#include <ostream>

namespace chorus::cli {

std::size_t display_width(std::string_view text)
{
    // Every byte except UTF-8 continuation bytes (10xxxxxx) starts a code point.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char byte) {
        return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
    }));
}

std::string shortened(const std::string& text, std::size_t width)
{
    if (display_width(text) <= width)
        return text;
    std::string cut;
    std::size_t columns = 0;
    for (char byte : text) {
        const bool starts_character = (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
        if (starts_character && ++columns > width - 1)
            break;
        cut += byte;
    }
    return cut + "…";
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<std::string> cells)
{
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const
{
    std::vector<std::size_t> widths;
    for (const auto& column : columns_)
        widths.push_back(display_width(column.header));
    for (const auto& row : rows_)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));

    auto print_line = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += "  ";
            std::string padding(widths[i] - display_width(cells[i]), ' ');
            line += columns_[i].align == Align::right ? padding + cells[i] : cells[i] + padding;
        }
        // No trailing blanks when the last column is left-aligned.
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << '\n';
    };

    std::vector<std::string> headers;
    std::vector<std::string> rules;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        headers.push_back(columns_[i].header);
        rules.emplace_back(widths[i], '-');
    }
    print_line(headers);
    print_line(rules);
    for (const auto& row : rows_)
        print_line(row);
}

void print_json(std::ostream& out, const OrderedJson& json)
{
    out << json.dump(2, ' ', false, OrderedJson::error_handler_t::replace) << '\n';
}

std::string count_noun(std::int64_t count, std::string_view singular, std::string_view plural)
{
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

} // namespace chorus::cli
