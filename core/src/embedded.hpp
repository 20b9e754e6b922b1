#pragma once
// Files compiled into libchorus_core (see core/cmake/embed_text.cmake).
#include <string_view>
#include <vector>

namespace chorus::embedded {

struct EmbeddedText {
    std::string_view name; // file name, e.g. "cin-family-feedback.json"
    std::string_view text;
};

const std::vector<EmbeddedText>& demo_definition_texts();

} // namespace chorus::embedded
