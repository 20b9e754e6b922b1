#pragma once
// Editing a measure set file (docs/measures.md): what a measure can count, checking an edited
// set exactly as it will be read back, and saving it so a failed save never leaves half a file.
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/measures.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace chorus {

class CaseProcedure;
class Store;
namespace plugin {
struct Vocabulary;
}

// The questions of `instrument` a survey measure can count (choice questions), in order.
CHORUS_CORE_API std::vector<const Question*> measurable_questions(const Instrument& instrument);
// Every option of the questions `keys` of `instrument`, each code once, in question then
// option order: the codes a measure pooling them may count as positive or leave out.
CHORUS_CORE_API std::vector<Option> options_of_questions(const Instrument& instrument,
                                                         const std::vector<std::string>& keys);

// Every problem of `set` as it would be saved to `file`: its JSON read back with
// parse_measure_set, then checked against the store as a MeasureCalculator does (the
// procedure and codes may be null when the set counts no complaints). Empty when it is fine.
CHORUS_CORE_API std::vector<DefinitionProblem> measure_set_problems(const MeasureSet& set,
                                                                    const std::filesystem::path& file, Store& store,
                                                                    const CaseProcedure* complaints,
                                                                    const std::vector<plugin::Vocabulary>* codes);

// Writes measure_set_to_json(set) to `file` atomically: into a new file beside it, then
// renamed over it. Throws Error naming the file and why; `file` is unchanged then.
CHORUS_CORE_API void save_measure_set(const MeasureSet& set, const std::filesystem::path& file);

} // namespace chorus
