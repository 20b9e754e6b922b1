#pragma once
// The demo database: realistic sample instruments and responses so that a new
// user (and a screenshot) sees a working product. Deterministic: the same data every time.
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace chorus {

class Store;

struct DemoSummary {
    bool seeded_now = false;     // false when the database already held the demo
    std::size_t instruments = 0; // demo instruments in the database
    std::int64_t responses = 0;  // responses to them
};

CHORUS_CORE_API std::vector<Instrument> demo_instruments();

// Adds each demo instrument with its responses (one transaction per instrument)
// unless the database already has responses to it; so a seed interrupted part-way
// completes on the next call, and a seeded database is left as it is.
CHORUS_CORE_API DemoSummary seed_demo(Store& store, const std::string& actor);

} // namespace chorus
