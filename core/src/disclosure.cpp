#include "chorus/disclosure.hpp"

#include "chorus/error.hpp"

#include <algorithm>
#include <numeric>

namespace chorus {

namespace {

// An exact fraction for the elimination: the tables are small and their coefficients are
// 0 and +-1, so int64 never comes near overflowing, and no rounding can hide a dependency.
struct Fraction {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;

    Fraction(std::int64_t n = 0, std::int64_t d = 1) : numerator(n), denominator(d)
    {
        if (denominator < 0) {
            numerator = -numerator;
            denominator = -denominator;
        }
        const std::int64_t divisor = std::gcd(numerator, denominator);
        if (divisor > 1) {
            numerator /= divisor;
            denominator /= divisor;
        }
    }
    bool zero() const { return numerator == 0; }
    friend Fraction operator-(const Fraction& a, const Fraction& b)
    {
        return {a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator};
    }
    friend Fraction operator*(const Fraction& a, const Fraction& b)
    {
        return {a.numerator * b.numerator, a.denominator * b.denominator};
    }
    friend Fraction operator/(const Fraction& a, const Fraction& b)
    {
        return {a.numerator * b.denominator, a.denominator * b.numerator};
    }
};

void check_table(const CountTable& table)
{
    for (std::size_t entry : table.published)
        if (entry >= table.entries.size())
            throw Error("disclosure control: a published entry is not an entry of the table");
    for (const CountTable::Line& line : table.lines) {
        if (line.total >= table.entries.size())
            throw Error("disclosure control: a line's total is not an entry of the table");
        for (std::size_t member : line.members)
            if (member >= table.entries.size())
                throw Error("disclosure control: a line's member is not an entry of the table");
    }
}

// The entry to suppress next among `candidates` (all shown): the smallest non-zero count,
// so the least is hidden; else a zero (a zero hides nobody, but a reader cannot tell it apart).
std::optional<std::size_t> smallest(const CountTable& table, const std::vector<std::size_t>& candidates)
{
    std::optional<std::size_t> best;
    for (std::size_t entry : candidates) {
        if (!best) {
            best = entry;
            continue;
        }
        const std::int64_t value = table.entries[entry], best_value = table.entries[*best];
        const bool better = (value > 0 && best_value == 0) || ((value > 0) == (best_value > 0) && value < best_value);
        if (better)
            best = entry;
    }
    return best;
}

bool is_published(const CountTable& table, std::size_t entry)
{
    return std::find(table.published.begin(), table.published.end(), entry) != table.published.end();
}

// Whether `entry` may be hidden now: shown, and not published elsewhere.
bool hideable(const CountTable& table, const std::vector<Suppression>& suppression, std::size_t entry)
{
    return suppression[entry] == Suppression::shown && !is_published(table, entry);
}

// A second suppressed entry for a line: a shown member, else its total when shown (or the
// total first, when the line prefers it).
std::optional<std::size_t> partner(const CountTable& table, const CountTable::Line& line,
                                   const std::vector<Suppression>& suppression)
{
    if (line.total_first && hideable(table, suppression, line.total))
        return line.total;
    std::vector<std::size_t> members;
    for (std::size_t member : line.members)
        if (hideable(table, suppression, member))
            members.push_back(member);
    if (auto chosen = smallest(table, members))
        return chosen;
    if (hideable(table, suppression, line.total))
        return line.total;
    return std::nullopt;
}

std::size_t suppressed_in(const CountTable::Line& line, const std::vector<Suppression>& suppression)
{
    std::size_t count = suppression[line.total] != Suppression::shown ? 1 : 0;
    for (std::size_t member : line.members)
        count += suppression[member] != Suppression::shown ? 1 : 0;
    return count;
}

bool in_line(const CountTable::Line& line, std::size_t entry)
{
    return line.total == entry || std::find(line.members.begin(), line.members.end(), entry) != line.members.end();
}

} // namespace

std::string SuppressedTable::text(std::size_t entry) const
{
    return shown(entry) ? std::to_string(entries.at(entry)) : std::string("c");
}

std::optional<double> SuppressedTable::percent(std::size_t count_entry, std::size_t base_entry) const
{
    if (!shown(count_entry) || !shown(base_entry))
        return std::nullopt;
    const std::int64_t base = entries.at(base_entry);
    if (base <= 0 || base < threshold)
        return std::nullopt;
    return static_cast<double>(entries.at(count_entry)) * 100.0 / static_cast<double>(base);
}

std::vector<std::size_t> recoverable_entries(const CountTable& table, const std::vector<Suppression>& suppression)
{
    check_table(table);
    // Unknowns are the suppressed entries; each line is sum(members) - total = 0, with the
    // shown entries moved to the right-hand side (their values do not matter for whether an
    // unknown is determined). An unknown is determined exactly when, in reduced row echelon
    // form, its pivot row has no coefficient on a free unknown.
    std::vector<std::size_t> unknowns;
    std::vector<std::size_t> column_of(table.entries.size(), SIZE_MAX);
    for (std::size_t entry = 0; entry < table.entries.size(); ++entry)
        if (suppression.at(entry) != Suppression::shown) {
            column_of[entry] = unknowns.size();
            unknowns.push_back(entry);
        }
    if (unknowns.empty())
        return {};
    std::vector<std::vector<Fraction>> rows;
    for (const CountTable::Line& line : table.lines) {
        std::vector<Fraction> row(unknowns.size());
        bool any = false;
        for (std::size_t member : line.members)
            if (column_of[member] != SIZE_MAX) {
                row[column_of[member]] = row[column_of[member]] - Fraction(-1); // + 1
                any = true;
            }
        if (column_of[line.total] != SIZE_MAX) {
            row[column_of[line.total]] = row[column_of[line.total]] - Fraction(1);
            any = true;
        }
        if (any)
            rows.push_back(std::move(row));
    }

    std::vector<std::size_t> pivot_row_of(unknowns.size(), SIZE_MAX);
    std::size_t next_row = 0;
    for (std::size_t column = 0; column < unknowns.size() && next_row < rows.size(); ++column) {
        std::size_t pivot = next_row;
        while (pivot < rows.size() && rows[pivot][column].zero())
            ++pivot;
        if (pivot == rows.size())
            continue;
        std::swap(rows[pivot], rows[next_row]);
        const Fraction lead = rows[next_row][column];
        for (Fraction& value : rows[next_row])
            value = value / lead;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (r == next_row || rows[r][column].zero())
                continue;
            const Fraction factor = rows[r][column];
            for (std::size_t c = 0; c < unknowns.size(); ++c)
                rows[r][c] = rows[r][c] - factor * rows[next_row][c];
        }
        pivot_row_of[column] = next_row++;
    }

    std::vector<std::size_t> recoverable;
    for (std::size_t column = 0; column < unknowns.size(); ++column) {
        if (pivot_row_of[column] == SIZE_MAX)
            continue;
        const auto& row = rows[pivot_row_of[column]];
        bool determined = true;
        for (std::size_t c = 0; c < unknowns.size() && determined; ++c)
            determined = c == column || row[c].zero();
        if (determined)
            recoverable.push_back(unknowns[column]);
    }
    return recoverable;
}

SuppressedTable suppress(const CountTable& table, std::int64_t threshold)
{
    if (threshold < 1)
        throw Error("disclosure control: the threshold must be 1 or more, not " + std::to_string(threshold));
    check_table(table);
    SuppressedTable result{table.entries, std::vector<Suppression>(table.entries.size(), Suppression::shown),
                           threshold};
    for (std::size_t entry = 0; entry < table.entries.size(); ++entry)
        if (table.entries[entry] > 0 && table.entries[entry] < threshold && !is_published(table, entry))
            result.suppression[entry] = Suppression::primary;

    for (;;) {
        // One line at a time first: cheap, and what a reader would try with a calculator.
        bool changed = false;
        for (const CountTable::Line& line : table.lines)
            if (suppressed_in(line, result.suppression) == 1)
                if (auto chosen = partner(table, line, result.suppression)) {
                    result.suppression[*chosen] = Suppression::secondary;
                    changed = true;
                }
        if (changed)
            continue;
        // Then the lines together: an entry they still determine gets a suppressed neighbour.
        const std::vector<std::size_t> recoverable = recoverable_entries(table, result.suppression);
        if (recoverable.empty())
            break;
        std::vector<std::size_t> candidates;
        for (const CountTable::Line& line : table.lines)
            if (in_line(line, recoverable.front()))
                for (std::size_t member : line.members)
                    if (hideable(table, result.suppression, member))
                        candidates.push_back(member);
        if (candidates.empty())
            for (const CountTable::Line& line : table.lines)
                if (in_line(line, recoverable.front()) && hideable(table, result.suppression, line.total))
                    candidates.push_back(line.total);
        if (candidates.empty())
            for (std::size_t entry = 0; entry < table.entries.size(); ++entry)
                if (hideable(table, result.suppression, entry))
                    candidates.push_back(entry);
        const auto chosen = smallest(table, candidates);
        if (!chosen)
            break; // everything that may be hidden is: the rest is given away by what is published elsewhere
        result.suppression[*chosen] = Suppression::secondary;
    }
    return result;
}

CountTable list_with_total(const std::vector<std::int64_t>& counts)
{
    CountTable table;
    table.entries = counts;
    table.entries.push_back(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}));
    CountTable::Line line;
    line.total = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i)
        line.members.push_back(i);
    table.lines.push_back(std::move(line));
    return table;
}

CountTable grid_with_totals(const std::vector<std::vector<std::int64_t>>& cells)
{
    const std::size_t rows = cells.size();
    const std::size_t columns = rows == 0 ? 0 : cells.front().size();
    for (const auto& row : cells)
        if (row.size() != columns)
            throw Error("disclosure control: every row of a table needs the same number of columns");
    CountTable table;
    table.entries.assign((rows + 1) * (columns + 1), 0);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c) {
            const std::int64_t value = cells[r][c];
            table.entries[grid_entry(r, c, columns)] = value;
            table.entries[grid_entry(r, columns, columns)] += value;
            table.entries[grid_entry(rows, c, columns)] += value;
            table.entries[grid_entry(rows, columns, columns)] += value;
        }
    // Each row (the column-totals row too) adds up to its row total; each column (the
    // row-totals column too) to its column total.
    for (std::size_t r = 0; r <= rows; ++r) {
        CountTable::Line line;
        line.total = grid_entry(r, columns, columns);
        for (std::size_t c = 0; c < columns; ++c)
            line.members.push_back(grid_entry(r, c, columns));
        table.lines.push_back(std::move(line));
    }
    for (std::size_t c = 0; c <= columns; ++c) {
        CountTable::Line line;
        line.total = grid_entry(rows, c, columns);
        for (std::size_t r = 0; r < rows; ++r)
            line.members.push_back(grid_entry(r, c, columns));
        table.lines.push_back(std::move(line));
    }
    return table;
}

} // namespace chorus
