#pragma once
// Translating other tools' display conditions into Chorus's condition language
// (relevance.hpp), for the definition importers (internal):
//   XLSForm relevant:   ${q} = 'yes' and selected(${many}, 'a') or not(${age} >= 18)
//   SurveyJS visibleIf: {q} = 'a' or {many} contains 'b' and {name} notempty
#include "chorus/error.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

enum class ConditionDialect { xlsform, surveyjs };

// What a name in the source condition stands for: a Chorus question key, and the
// option codes that the source's values became (e.g. a SurveyJS boolean's true -> "yes").
struct ImportedName {
    std::string key;
    std::map<std::string, std::string, std::less<>> codes; // source value -> option code
};

// The earlier question a source name refers to, or nullptr.
using ImportedNameLookup = std::function<const ImportedName*(std::string_view source_name)>;

// Why a condition could not be translated, e.g. "refers to ${age}, which is not an
// earlier question" or "the function once() has no equivalent".
class UntranslatableCondition : public Error {
public:
    using Error::Error;
};

// The condition in Chorus's language; throws UntranslatableCondition.
std::string translate_condition(std::string_view expression, ConditionDialect dialect,
                                const ImportedNameLookup& lookup);

struct NumberRange {
    std::optional<double> min;
    std::optional<double> max;
};

// An XLSForm constraint made only of bounds on the answer (". >= 0 and . <= 120"), as a
// range; nothing when it says anything else. A strict bound (". > 0") is kept only for
// whole numbers, as the next whole number.
std::optional<NumberRange> translate_number_constraint(std::string_view constraint, bool whole_numbers);

} // namespace chorus
