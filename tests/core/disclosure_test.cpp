// Disclosure control: primary and secondary suppression of count tables. Every suppressed
// table is attacked by a checker written apart from the library's own elimination: by
// subtraction one line at a time, and by searching for another table that agrees with
// everything shown but differs in the suppressed entry.
#include "chorus/disclosure.hpp"
#include "chorus/error.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace chorus;

namespace {

// Subtraction, repeated: a line with one unknown left gives it away, which may give away
// another. Returns the entries worked out.
std::vector<std::size_t> recovered_by_subtraction(const CountTable& table, const SuppressedTable& published)
{
    std::vector<bool> known(table.entries.size());
    for (std::size_t i = 0; i < known.size(); ++i)
        known[i] = published.shown(i);
    std::vector<std::size_t> recovered;
    for (bool progress = true; progress;) {
        progress = false;
        for (const auto& line : table.lines) {
            std::vector<std::size_t> unknown;
            if (!known[line.total])
                unknown.push_back(line.total);
            for (std::size_t m : line.members)
                if (!known[m])
                    unknown.push_back(m);
            if (unknown.size() == 1) {
                known[unknown.front()] = true;
                recovered.push_back(unknown.front());
                progress = true;
            }
        }
    }
    return recovered;
}

// Whether another assignment of the suppressed entries (each changed by -1, 0 or +1, which
// is enough for tables of rows and columns with totals) keeps every line adding up while
// changing `entry`: if none does, the shown figures pin `entry` down.
bool can_differ(const CountTable& table, const SuppressedTable& published, std::size_t entry)
{
    std::vector<std::size_t> hidden;
    std::vector<std::size_t> position(table.entries.size(), 0); // 1-based order among hidden; 0 = shown
    for (std::size_t i = 0; i < table.entries.size(); ++i)
        if (!published.shown(i)) {
            hidden.push_back(i);
            position[i] = hidden.size();
        }
    // Each line is checked as soon as its last hidden entry has a change, to prune the search.
    std::vector<std::vector<const CountTable::Line*>> complete_at(hidden.size() + 1);
    for (const auto& line : table.lines) {
        std::size_t last = position[line.total];
        for (std::size_t m : line.members)
            last = std::max(last, position[m]);
        complete_at[last].push_back(&line);
    }
    std::vector<int> change(table.entries.size(), 0);
    const auto adds_up = [&](const CountTable::Line& line) {
        int sum = -change[line.total];
        for (std::size_t m : line.members)
            sum += change[m];
        return sum == 0;
    };
    std::function<bool(std::size_t)> search = [&](std::size_t next) {
        if (next == hidden.size())
            return change[entry] != 0;
        for (int delta : {1, -1, 0}) {
            change[hidden[next]] = delta;
            bool ok = true;
            for (const auto* line : complete_at[next + 1])
                ok = ok && adds_up(*line);
            if (ok && search(next + 1))
                return true;
        }
        change[hidden[next]] = 0;
        return false;
    };
    return search(0);
}

void expect_safe(const CountTable& table, const SuppressedTable& published)
{
    EXPECT_TRUE(recovered_by_subtraction(table, published).empty());
    for (std::size_t i = 0; i < table.entries.size(); ++i) {
        if (!published.shown(i)) {
            EXPECT_TRUE(can_differ(table, published, i)) << "entry " << i << " can be worked out";
        }
    }
    EXPECT_TRUE(recoverable_entries(table, published.suppression).empty());
    // Every count under the threshold (but zero) is hidden.
    for (std::size_t i = 0; i < table.entries.size(); ++i) {
        if (table.entries[i] > 0 && table.entries[i] < published.threshold) {
            EXPECT_FALSE(published.shown(i)) << "entry " << i << " = " << table.entries[i];
        }
    }
}

std::size_t count_suppressed(const SuppressedTable& published)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < published.entries.size(); ++i)
        n += published.shown(i) ? 0 : 1;
    return n;
}

} // namespace

TEST(Disclosure, ASingleSmallCountForcesTheNextSmallest)
{
    const CountTable table = list_with_total({12, 3, 7, 20});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_EQ(published.suppression[1], Suppression::primary);
    EXPECT_EQ(published.suppression[2], Suppression::secondary); // 7: the smallest shown count
    EXPECT_TRUE(published.shown(0));
    EXPECT_TRUE(published.shown(3));
    EXPECT_TRUE(published.shown(4)); // the total stays
    EXPECT_EQ(published.text(1), "c");
    EXPECT_EQ(published.text(4), "42");
    expect_safe(table, published);
}

TEST(Disclosure, ZeroIsShownAndNotChosenWhileANonZeroCountCanBe)
{
    const CountTable table = list_with_total({0, 2, 9, 30});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_TRUE(published.shown(0));
    EXPECT_EQ(published.text(0), "0");
    EXPECT_EQ(published.suppression[2], Suppression::secondary);
    expect_safe(table, published);
}

TEST(Disclosure, ALoneCountIsHiddenWithItsTotal)
{
    // One count and its total: nothing else can hide it.
    const CountTable table = list_with_total({3});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_FALSE(published.shown(0));
    EXPECT_FALSE(published.shown(1));
    expect_safe(table, published);
}

TEST(Disclosure, TwoSmallCountsHideEachOther)
{
    const CountTable table = list_with_total({2, 4, 10, 11});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_EQ(count_suppressed(published), 2u);
    expect_safe(table, published);
}

TEST(Disclosure, GridCascadesAcrossRowsAndColumns)
{
    // 3 in (0,0) forces a second cell in row 0 (6, at (0,2)) and in column 0 (8, at (2,0));
    // each of those leaves its column or row with one suppressed cell, and so on.
    const std::vector<std::vector<std::int64_t>> cells{{3, 10, 6}, {12, 9, 15}, {8, 20, 11}};
    const CountTable table = grid_with_totals(cells);
    const SuppressedTable published = suppress(table, 5);
    EXPECT_EQ(published.suppression[grid_entry(0, 0, 3)], Suppression::primary);
    EXPECT_EQ(published.suppression[grid_entry(0, 2, 3)], Suppression::secondary);
    EXPECT_EQ(published.suppression[grid_entry(2, 0, 3)], Suppression::secondary);
    EXPECT_GE(count_suppressed(published), 4u);
    // The grand total and the margins of untouched lines stay.
    EXPECT_TRUE(published.shown(grid_entry(3, 3, 3)));
    expect_safe(table, published);
}

TEST(Disclosure, GridWithAllZeroRowsAndColumns)
{
    const std::vector<std::vector<std::int64_t>> cells{{0, 0, 0}, {0, 4, 0}, {0, 0, 0}};
    const CountTable table = grid_with_totals(cells);
    const SuppressedTable published = suppress(table, 5);
    for (std::size_t r = 0; r < 3; ++r)
        for (std::size_t c = 0; c < 3; ++c)
            if (r != 1 || c != 1) {
                EXPECT_EQ(published.entries[grid_entry(r, c, 3)], 0);
            }
    EXPECT_FALSE(published.shown(grid_entry(1, 1, 3)));
    expect_safe(table, published);
}

TEST(Disclosure, AllZeroTableShowsEverything)
{
    const CountTable table = grid_with_totals({{0, 0}, {0, 0}});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_EQ(count_suppressed(published), 0u);
}

TEST(Disclosure, SeparateRectanglesJoinedByOneCellAreCaughtTogether)
{
    // Suppressing two 2x2 blocks and a cell between them leaves every line with two or more
    // hidden entries, yet the joining cell is a sum of shown figures: the elimination finds it.
    const std::vector<std::vector<std::int64_t>> cells{
        {1, 1, 9, 9}, {1, 1, 9, 9}, {9, 9, 1, 1}, {9, 9, 1, 1}};
    const CountTable table = grid_with_totals(cells);
    std::vector<Suppression> by_hand(table.entries.size(), Suppression::shown);
    for (auto [r, c] : std::vector<std::pair<std::size_t, std::size_t>>{
             {0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {0, 2}})
        by_hand[grid_entry(r, c, 4)] = Suppression::primary;
    EXPECT_EQ(recoverable_entries(table, by_hand), std::vector<std::size_t>{grid_entry(0, 2, 4)});

    // The same shape from small counts: one line at a time finds nothing to do, so only
    // solving the lines together shows that the joining cell needs another hidden neighbour.
    std::vector<std::vector<std::int64_t>> small = cells;
    small[0][2] = 2;
    const CountTable joined = grid_with_totals(small);
    const SuppressedTable published = suppress(joined, 5);
    EXPECT_GT(count_suppressed(published), 9u);
    expect_safe(joined, published);
}

TEST(Disclosure, ThresholdIsConfigurable)
{
    const CountTable table = list_with_total({5, 9, 6, 30});
    EXPECT_EQ(count_suppressed(suppress(table, 5)), 0u); // 5 is not under 5
    const SuppressedTable six = suppress(table, 6);      // DfE's 1-5
    EXPECT_EQ(six.suppression[0], Suppression::primary);
    EXPECT_EQ(six.suppression[2], Suppression::secondary);
    expect_safe(table, six);
    const SuppressedTable ten = suppress(table, 10);
    EXPECT_EQ(ten.suppression[0], Suppression::primary);
    EXPECT_EQ(ten.suppression[1], Suppression::primary);
    EXPECT_EQ(ten.suppression[2], Suppression::primary);
    expect_safe(table, ten);
    EXPECT_EQ(count_suppressed(suppress(table, 1)), 0u);
    EXPECT_THROW(suppress(table, 0), Error);
}

TEST(Disclosure, PercentagesOfHiddenCountsAndSmallBasesAreNotShown)
{
    const CountTable table = list_with_total({3, 9, 10});
    const SuppressedTable published = suppress(table, 5);
    EXPECT_FALSE(published.percent(0, 3));
    EXPECT_FALSE(published.percent(1, 3)); // the secondary one too
    ASSERT_TRUE(published.percent(2, 3));
    EXPECT_NEAR(*published.percent(2, 3), 10.0 * 100 / 22, 1e-9);

    const CountTable tiny = list_with_total({0, 0}); // a base of zero
    EXPECT_FALSE(suppress(tiny, 5).percent(0, 2));
    // A base shown but under the threshold (possible with threshold 1 tables merged by hand).
    CountTable small_base = list_with_total({6});
    const SuppressedTable strict = suppress(small_base, 10);
    EXPECT_FALSE(strict.percent(0, 1));
}

TEST(Disclosure, RandomTablesNeverGiveACellAway)
{
    std::uint32_t seed = 12345;
    const auto next = [&] {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<std::int64_t>((seed >> 16) % 14); // 0..13: plenty of small counts
    };
    for (int round = 0; round < 40; ++round) {
        const std::size_t rows = 2 + static_cast<std::size_t>(round % 2), columns = 3;
        std::vector<std::vector<std::int64_t>> cells(rows, std::vector<std::int64_t>(columns));
        for (auto& row : cells)
            for (auto& cell : row)
                cell = next();
        const CountTable table = grid_with_totals(cells);
        expect_safe(table, suppress(table, 5));
    }
}

TEST(Disclosure, LinesMustNameEntriesOfTheTable)
{
    CountTable table{{1, 2}, {{{0, 5}, 1}}, {}};
    EXPECT_THROW(suppress(table, 5), Error);
}

TEST(Disclosure, TheWorkedExampleOfTheDocs)
{
    // docs/report.md, "A worked example".
    const CountTable table = grid_with_totals({{12, 3}, {6, 0}});
    const SuppressedTable published = suppress(table, 5);
    std::vector<std::string> shown;
    for (std::size_t entry = 0; entry < table.entries.size(); ++entry)
        shown.push_back(published.text(entry));
    EXPECT_EQ(shown, (std::vector<std::string>{"c", "c", "15", "6", "0", "6", "c", "c", "21"}));
    EXPECT_EQ(published.suppression[grid_entry(2, 1, 2)], Suppression::primary);
    EXPECT_EQ(published.suppression[grid_entry(2, 0, 2)], Suppression::secondary);
    expect_safe(table, published);
}
