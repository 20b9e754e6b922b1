#pragma once
// How a counting pass reads the responses it counts (internal). It must read every one of
// their rows (for the choice pack), and through an index it reads them in capture order: after
// a bulk import of a file not sorted by time that is random order on disk, 1.6 s for a million
// rows against 0.15 s for the whole table in row order. So a pass over a good part of the
// table reads all of it, in order, and skips the rest; a pass over a few rows takes the index.
#include "chorus/sqlite.hpp"

#include <cstdint>

namespace chorus {

// "response r", or "response r NOT INDEXED" when `matching` rows are a tenth of the table or
// more (max(id) is the table's size near enough, and costs one seek).
inline const char* response_source(sql::Connection& connection, std::int64_t matching)
{
    auto last = connection.prepare("SELECT max(id) FROM response");
    last.step();
    const std::int64_t rows = last.is_null(0) ? 0 : last.column_int64(0);
    return matching * 10 >= rows ? "response r NOT INDEXED" : "response r";
}

} // namespace chorus
