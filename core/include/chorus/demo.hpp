#pragma once
// The demo database: realistic sample instruments and responses so that a new
// user (and a screenshot) sees a working product. Deterministic: the same data every time.
#include "chorus/complaints.hpp"
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
    std::int64_t complaints = 0;  // in the complaints log
    std::int64_t compliments = 0;
};

CHORUS_CORE_API std::vector<Instrument> demo_instruments();

// The demo's complaints and compliments log over the same eight quarters as the survey
// demo: about 60 complaints (most answered at stage 1 in time, some late, a few escalated
// as far as the Ombudsman, several open) and about 80 compliments.
CHORUS_CORE_API std::vector<Complaint> demo_complaints();
CHORUS_CORE_API std::vector<Compliment> demo_compliments();
// The day the demo is meant to be seen on ("2026-03-31", the end of its last quarter):
// the demo's open complaints are open, and some overdue, on this day. A view of the demo
// register shows status as at this date, since the demo data does not move with the clock.
CHORUS_CORE_API std::string demo_today();

// Adds each demo instrument with its responses (one transaction per instrument)
// unless the database already has responses to it, then the demo complaints (one
// transaction) unless the log has complaints, and the compliments likewise; so a seed
// interrupted part-way completes on the next call, and a seeded database is left as it is.
CHORUS_CORE_API DemoSummary seed_demo(Store& store, const std::string& actor);

} // namespace chorus
