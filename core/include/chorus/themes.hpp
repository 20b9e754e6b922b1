#pragma once
// Free-text answers and the theme tags a lead adds to them ("communication", "delay",
// the three houses' themes), so what people wrote can be counted as well as read.
// Every change is one transaction with its audit row; audit rows name the response and
// the question, never the text or the tag.
#include "chorus/export.hpp"
#include "chorus/stats.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

class Store;

struct TextAnswer {
    std::string response_uuid;
    std::string captured_at;
    std::string team;
    std::string text;
    std::vector<std::string> tags; // in name order
};

// Answers to a short or long text question of every version of the instrument, newest
// first, restricted by the query's filters (excluded_codes is ignored). Throws Error when
// the instrument or question does not exist or is not a text question.
CHORUS_CORE_API std::vector<TextAnswer> list_text_answers(Store& store, const StatsQuery& query,
                                                          std::int64_t limit = -1, std::int64_t offset = 0);
CHORUS_CORE_API std::int64_t count_text_answers(Store& store, const StatsQuery& query);

// Tags the answer of response `uuid` to `question_key`. The tag is trimmed; an empty one,
// or one over 60 characters, is refused (Error). Tagging twice changes nothing.
CHORUS_CORE_API void add_theme_tag(Store& store, const std::string& uuid, const std::string& question_key,
                                   const std::string& tag, const std::string& actor);
// Removing a tag the answer does not have throws Error.
CHORUS_CORE_API void remove_theme_tag(Store& store, const std::string& uuid, const std::string& question_key,
                                      const std::string& tag, const std::string& actor);

// How many answers carry each tag, most used first (then by name), with the query's filters.
CHORUS_CORE_API std::vector<std::pair<std::string, std::int64_t>> theme_tag_counts(Store& store,
                                                                                   const StatsQuery& query);

} // namespace chorus
