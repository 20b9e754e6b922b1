#pragma once
// The code lists of the complaints and compliments log, offered to the host as
// vocabularies and used by the procedure to check a complaint's codes.
#include "chorus/plugin_api.hpp"

#include <string_view>
#include <vector>

namespace chorus::complaints {

// Vocabulary ids.
inline constexpr std::string_view complainant_types = "complainant-types";
inline constexpr std::string_view service_areas = "service-areas";
inline constexpr std::string_view complaint_themes = "complaint-themes";
inline constexpr std::string_view outcomes = "outcomes";
inline constexpr std::string_view compliment_sources = "compliment-sources";
inline constexpr std::string_view procedures = "procedures";
inline constexpr std::string_view stages = "stages";

std::vector<plugin::Vocabulary> complaint_vocabularies();

// Whether `code` is a term of the vocabulary `vocabulary_id` among `vocabularies`.
bool is_term(const std::vector<plugin::Vocabulary>& vocabularies, std::string_view vocabulary_id,
             std::string_view code);

} // namespace chorus::complaints
