#pragma once
// Files compiled into the complaints plugin (CMakeLists.txt, core/cmake/embed_text.cmake).
#include <string_view>
#include <vector>

namespace chorus::embedded {

struct EmbeddedText {
    std::string_view name; // file name, e.g. "bank-holidays-england-and-wales.txt"
    std::string_view text;
};

// data/bank-holidays-england-and-wales.txt
const std::vector<EmbeddedText>& complaints_data_texts();

} // namespace chorus::embedded
