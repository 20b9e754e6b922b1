#pragma once
// Realistic, reproducible responses to the benchmark survey (bench-family-feedback.json):
// eight UK financial-year quarters (2024-25 Q1 = April-June 2024 to 2025-26 Q4 =
// January-March 2026), twelve teams, answers that improve a little quarter by quarter and
// differ by team, blanks, "not applicable" and "don't know" at the rates a council sees.
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"

#include <cstdint>
#include <memory>

namespace chorus::bench {

class ResponseMaker {
public:
    // `instrument` is the benchmark survey; the same seed always gives the same responses.
    ResponseMaker(const Instrument& instrument, std::uint32_t seed);
    ~ResponseMaker();
    ResponseMaker(const ResponseMaker&) = delete;
    ResponseMaker& operator=(const ResponseMaker&) = delete;

    Response next();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace chorus::bench
