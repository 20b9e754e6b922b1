#pragma once
// The code lists of the complaints and compliments log, offered to the host as
// vocabularies and used by the procedure to check a complaint's codes.
#include "chorus/case_procedure.hpp"
#include "chorus/plugin_api.hpp"

#include <string_view>
#include <vector>

namespace chorus::complaints {

// The vocabulary ids shared with the host (case_procedure.hpp).
using namespace ::chorus::complaint_vocabulary;

std::vector<plugin::Vocabulary> complaint_vocabularies();

// Whether `code` is a term of the vocabulary `vocabulary_id` among `vocabularies`.
bool is_term(const std::vector<plugin::Vocabulary>& vocabularies, std::string_view vocabulary_id,
             std::string_view code);

} // namespace chorus::complaints
