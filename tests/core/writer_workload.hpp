#pragma once
// What the writer process (chorus_test_writer) saves, shared with the tests that check it:
// response `index` has answers derived from the index alone, so a test can tell a response
// that came back whole from one that came back partly written.
#include "chorus/response.hpp"

#include <string>

namespace chorus::test {

// A complete, valid response to every-type version 1 (test_support.hpp) with this uuid.
Response workload_response(long index, const std::string& uuid);

} // namespace chorus::test
