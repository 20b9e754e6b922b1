// Fuzz target: Chorus's own instrument JSON (parse_instrument). A definition it loads must
// pass validate_instrument and come back unchanged from its canonical JSON.
#include "fuzz_support.hpp"

#include "chorus/instrument_json.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace chorus;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Instrument instrument;
    if (fuzz::loads_or_refuses("parse_instrument", [&] { instrument = parse_instrument(text, "fuzz.json"); })
        == fuzz::Outcome::refused)
        return 0;
    if (!validate_instrument(instrument, "fuzz.json").empty())
        fuzz::fail("parse_instrument loaded a definition validate_instrument refuses");
    const std::string canonical = instrument_to_json(instrument);
    Instrument again;
    if (fuzz::loads_or_refuses("parse_instrument of its own canonical JSON",
                               [&] { again = parse_instrument(canonical, "canonical.json"); })
        == fuzz::Outcome::refused)
        fuzz::fail("the canonical JSON of a loaded definition does not load:\n" + canonical);
    if (instrument_to_json(again) != canonical)
        fuzz::fail("the canonical JSON changes when loaded again:\n" + canonical);
    return 0;
}
