#pragma once
// The plugin's instrument definitions, compiled in from instruments/*.json by
// chorus_embed_instruments (plugins/CMakeLists.txt).
#include <string_view>
#include <vector>

namespace chorus::embedded {

struct EmbeddedText {
    std::string_view name; // file name, e.g. "three-houses.json"
    std::string_view text;
};

const std::vector<EmbeddedText>& family_feedback_instrument_texts();

} // namespace chorus::embedded
