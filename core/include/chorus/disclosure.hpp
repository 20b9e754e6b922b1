#pragma once
// Disclosure control of published counts (docs/report.md, "Disclosure control"): small counts
// identify children, so every count table a report or export publishes goes through here.
//   Primary suppression: a count of 1 to threshold-1 is shown as "c". Zero is shown: "nobody"
//   identifies no one, and hiding zeros would hide that a service had no complaints.
//   Secondary suppression: no suppressed entry may be worked out from the shown ones. A table
//   is its entries plus its lines, each "these members add up to that total" (a row with its
//   row total, a column with its column total...). Each line holding exactly one suppressed
//   entry gets a second: the smallest shown non-zero member, else the smallest zero, else the
//   line's total (the total first for a line that says so). Then every suppressed entry that the lines together still determine (solved
//   as a linear system, not just one line at a time) gets another suppressed neighbour, until
//   nothing changes.
//   Percentages: not shown of a suppressed count, nor on a suppressed base or one under the threshold.
#include "chorus/export.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chorus {

inline constexpr std::int64_t default_disclosure_threshold = 5;

enum class Suppression { shown, primary, secondary };

// A table of counts with the equations that tie them together. Entries are the counts and
// their totals alike (a total is an entry that is the `total` of a line).
struct CountTable {
    struct Line {
        std::vector<std::size_t> members; // indexes into entries
        std::size_t total = 0;            // the entry the members add up to
        // Hide the total before any member when a second entry is needed: for a total that
        // matters less than its members (a question's responses, beside the base of its percentages).
        bool total_first = false;
    };
    std::vector<std::int64_t> entries;
    std::vector<Line> lines;
    // Entries published elsewhere (a measure's count beside a chart of its question): known to
    // a reader whatever this table shows, so never hidden, and never chosen to hide another.
    std::vector<std::size_t> published;
};

// What may be published of a table: per entry, shown or why not.
struct CHORUS_CORE_API SuppressedTable {
    std::vector<std::int64_t> entries;
    std::vector<Suppression> suppression;
    std::int64_t threshold = default_disclosure_threshold;

    bool shown(std::size_t entry) const { return suppression.at(entry) == Suppression::shown; }
    // The count, or "c".
    std::string text(std::size_t entry) const;
    // count/base as a percentage, unrounded; nullopt when either is suppressed or the base is
    // under the threshold (or zero).
    std::optional<double> percent(std::size_t count_entry, std::size_t base_entry) const;
};

// Applies primary and secondary suppression. threshold 1 suppresses nothing (counts of 1
// upwards are shown); it must be at least 1 (Error otherwise). A line's indexes must be in range.
CHORUS_CORE_API SuppressedTable suppress(const CountTable& table, std::int64_t threshold);

// The suppressed entries that the shown entries and the lines determine exactly (whatever
// the other suppressed values): empty for a table suppress() made. Exposed for tests and for
// checking a table suppressed by hand.
CHORUS_CORE_API std::vector<std::size_t> recoverable_entries(const CountTable& table,
                                                              const std::vector<Suppression>& suppression);

// A list of counts with its total: entries 0..n-1 are the counts, entry n the total.
CHORUS_CORE_API CountTable list_with_total(const std::vector<std::int64_t>& counts);

// A rows x columns table with row totals, column totals and the grand total. Entry of cell
// (r, c) is grid_entry(r, c, columns) for r <= rows, c <= columns: row `rows` holds the
// column totals and column `columns` the row totals.
CHORUS_CORE_API CountTable grid_with_totals(const std::vector<std::vector<std::int64_t>>& cells);
inline std::size_t grid_entry(std::size_t row, std::size_t column, std::size_t columns)
{
    return row * (columns + 1) + column;
}

} // namespace chorus
