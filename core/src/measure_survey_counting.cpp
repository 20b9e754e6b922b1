// Survey measures: one pass over an instrument's responses in the date range of every
// period asked for, reading each response's chosen options once, whatever the number of
// measures and periods. The range is cut into "atoms" at every period boundary, so periods
// of different frequencies (a month inside a quarter) are added up from the same counts.
#include "measure_counting.hpp"

#include "choice_pack.hpp"
#include "response_scan.hpp"

#include "chorus/dates.hpp"
#include "chorus/progress.hpp"
#include "chorus/store.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace chorus {

namespace {

constexpr std::size_t max_multiple_choice_codes = 64; // a respondent's choices are one 64-bit mask
constexpr std::int64_t responses_per_progress = 1 << 16;

// The choice questions the measures of one instrument read, by key across every version.
struct KeyCodes {
    std::string key;
    bool multiple = false;           // multiple choice in any version: counted per respondent
    std::vector<std::string> codes;  // every version's codes, latest version's order first
    std::set<std::int64_t> versions; // instrument_version ids having the key
    std::size_t first_slot = 0;      // its codes' slots in the counts
    std::size_t multiple_index = 0;  // its place among the multiple-choice keys
};

class InstrumentCounts {
public:
    InstrumentCounts(Store& store, std::string instrument, const std::vector<std::string>& keys)
        : store_(store), instrument_(std::move(instrument))
    {
        auto versions = store.connection().prepare(
            "SELECT id FROM instrument_version WHERE instrument = ? ORDER BY version DESC");
        versions.bind(1, instrument_);
        while (versions.step())
            version_ids_.push_back(versions.column_int64(0));
        for (const std::string& key : keys)
            add_key(key);
    }

    const KeyCodes& key(const std::string& name) const
    {
        return *std::find_if(keys_.begin(), keys_.end(), [&](const KeyCodes& k) { return k.key == name; });
    }

    // Counts every response captured in [boundaries.front(), boundaries.back()).
    void count(std::vector<std::string> boundaries, Progress* progress);

    // Totals over the atoms making up [from, to): chosen counts per slot, responses per
    // version, and multiple-choice masks per key.
    struct Totals {
        std::vector<std::int64_t> chosen;
        std::map<std::int64_t, std::int64_t> responses_by_version;
        std::vector<std::map<std::uint64_t, std::int64_t>> masks;
    };
    Totals totals(const std::string& from, const std::string& to) const;

private:
    void add_key(const std::string& key);
    std::size_t atom_of(std::string_view timestamp) const
    {
        return static_cast<std::size_t>(std::upper_bound(boundaries_.begin(), boundaries_.end(), timestamp)
                                        - boundaries_.begin() - 1);
    }

    Store& store_;
    std::string instrument_;
    std::vector<std::int64_t> version_ids_;
    std::vector<KeyCodes> keys_;
    std::size_t slots_ = 0, multiple_keys_ = 0;
    // choice row id -> (slot, multiple-choice key index or -1, bit), for the keys measured.
    struct ChoiceSlot {
        std::int64_t slot = -1;
        std::int64_t multiple = -1;
        std::uint64_t bit = 0;
    };
    // Indexed by choice row id: the hot loop looks one up per chosen option.
    std::vector<ChoiceSlot> choice_slots_;

    std::vector<std::string> boundaries_; // sorted UTC timestamps; atom i is [b[i], b[i+1])
    std::vector<std::int64_t> chosen_;    // atom * slots_ + slot
    std::vector<std::map<std::int64_t, std::int64_t>> responses_; // per atom: version id -> responses
    std::vector<std::vector<std::map<std::uint64_t, std::int64_t>>> masks_; // per atom, per key
};

void InstrumentCounts::add_key(const std::string& key)
{
    if (std::any_of(keys_.begin(), keys_.end(), [&](const KeyCodes& k) { return k.key == key; }))
        return;
    KeyCodes entry;
    entry.key = key;
    entry.first_slot = slots_;
    auto& connection = store_.connection();
    auto questions = connection.prepare(
        "SELECT q.id, q.instrument_version_id, q.type FROM question q "
        "JOIN instrument_version v ON v.id = q.instrument_version_id "
        "WHERE v.instrument = ? AND q.key = ? ORDER BY v.version DESC");
    questions.bind(1, instrument_).bind(2, key);
    std::vector<std::int64_t> question_ids;
    while (questions.step()) {
        question_ids.push_back(questions.column_int64(0));
        entry.versions.insert(questions.column_int64(1));
        entry.multiple = entry.multiple || questions.column_text(2) == "multiple_choice";
    }
    if (entry.multiple)
        entry.multiple_index = multiple_keys_++;
    auto choices = connection.prepare("SELECT id, code FROM choice WHERE question_id = ? ORDER BY position");
    for (std::int64_t question_id : question_ids) {
        choices.reset();
        choices.bind(1, question_id);
        while (choices.step()) {
            const std::string code = choices.column_text(1);
            auto at = std::find(entry.codes.begin(), entry.codes.end(), code);
            if (at == entry.codes.end()) {
                if (entry.multiple && entry.codes.size() == max_multiple_choice_codes)
                    throw Error("question \"" + key + "\" of " + instrument_ + " has more than "
                                + std::to_string(max_multiple_choice_codes) + " options, too many for a measure");
                at = entry.codes.insert(entry.codes.end(), code);
            }
            const auto index = static_cast<std::size_t>(at - entry.codes.begin());
            const auto choice_id = static_cast<std::size_t>(choices.column_int64(0));
            if (choice_id >= choice_slots_.size())
                choice_slots_.resize(choice_id + 1);
            ChoiceSlot& slot = choice_slots_[choice_id];
            slot.slot = static_cast<std::int64_t>(entry.first_slot + index);
            if (entry.multiple) {
                slot.multiple = static_cast<std::int64_t>(entry.multiple_index);
                slot.bit = std::uint64_t{1} << index;
            }
        }
    }
    slots_ += entry.codes.size();
    keys_.push_back(std::move(entry));
}

void InstrumentCounts::count(std::vector<std::string> boundaries, Progress* progress)
{
    boundaries_ = std::move(boundaries);
    const std::size_t atoms = boundaries_.size() - 1;
    chosen_.assign(atoms * slots_, 0);
    responses_.assign(atoms, {});
    masks_.assign(atoms, std::vector<std::map<std::uint64_t, std::int64_t>>(multiple_keys_));
    if (version_ids_.empty() || atoms == 0)
        return;

    std::string versions;
    for (std::int64_t id : version_ids_)
        versions += (versions.empty() ? "" : ", ") + std::to_string(id);
    // Each response row carries its chosen options (choice_pack.hpp): one row read per response,
    // and a response with none still counts as a blank.
    auto& connection = store_.connection();
    const std::string where = " WHERE r.instrument_version_id IN (" + versions + ") AND r.captured_at >= ?1 AND r.captured_at < ?2";
    auto matching = connection.prepare("SELECT count(*) FROM response r" + where); // from the index alone
    matching.bind(1, boundaries_.front()).bind(2, boundaries_.back());
    matching.step();
    auto rows = connection.prepare(std::string("SELECT r.captured_at, r.instrument_version_id, r.choices FROM ")
                                   + response_source(connection, matching.column_int64(0)) + where);
    rows.bind(1, boundaries_.front()).bind(2, boundaries_.back());

    std::int64_t seen = 0;
    std::vector<std::uint64_t> masks(multiple_keys_, 0);
    const std::string stage = "Counting answers to " + instrument_;
    while (rows.step()) {
        const std::size_t atom = atom_of(rows.column_text_view(0));
        ++responses_[atom][rows.column_int64(1)];
        if (++seen % responses_per_progress == 0 && progress) {
            if (progress->cancelled())
                throw Cancelled();
            progress->update(static_cast<std::uint64_t>(seen), 0, stage);
        }
        for_each_choice_id(rows.column_text_view(2), [&](std::int64_t id) {
            const auto choice_id = static_cast<std::size_t>(id);
            if (choice_id >= choice_slots_.size() || choice_slots_[choice_id].slot < 0)
                return; // a question no measure reads
            const ChoiceSlot& slot = choice_slots_[choice_id];
            ++chosen_[atom * slots_ + static_cast<std::size_t>(slot.slot)];
            if (slot.multiple >= 0)
                masks[static_cast<std::size_t>(slot.multiple)] |= slot.bit;
        });
        for (std::size_t k = 0; k < multiple_keys_; ++k)
            if (masks[k]) {
                ++masks_[atom][k][masks[k]];
                masks[k] = 0;
            }
    }
}

InstrumentCounts::Totals InstrumentCounts::totals(const std::string& from, const std::string& to) const
{
    Totals totals;
    totals.chosen.assign(slots_, 0);
    totals.masks.assign(multiple_keys_, {});
    const auto first = static_cast<std::size_t>(std::lower_bound(boundaries_.begin(), boundaries_.end(), from)
                                                - boundaries_.begin());
    const auto last = static_cast<std::size_t>(std::lower_bound(boundaries_.begin(), boundaries_.end(), to)
                                               - boundaries_.begin());
    for (std::size_t atom = first; atom < last; ++atom) {
        for (std::size_t slot = 0; slot < slots_; ++slot)
            totals.chosen[slot] += chosen_[atom * slots_ + slot];
        for (const auto& [version, count] : responses_[atom])
            totals.responses_by_version[version] += count;
        for (std::size_t k = 0; k < multiple_keys_; ++k)
            for (const auto& [mask, count] : masks_[atom][k])
                totals.masks[k][mask] += count;
    }
    return totals;
}

// A period as a half-open range of stored UTC timestamps.
std::string period_start(const Period& period) { return utc_start_of_uk_day(period.first_day()); }
std::string period_end(const Period& period) { return utc_end_of_uk_day(period.last_day()); }

bool contains(const std::vector<std::string>& codes, const std::string& code)
{
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The codes a measure leaves out of its base for one question.
std::vector<std::string> out_of_base_codes(const MeasureDefinition& measure, const KeyCodes& key)
{
    if (measure.out_of_base)
        return *measure.out_of_base;
    std::vector<std::string> codes;
    for (const std::string& code : key.codes)
        if (std::find(default_out_of_base_codes().begin(), default_out_of_base_codes().end(), code)
            != default_out_of_base_codes().end())
            codes.push_back(code);
    return codes;
}

void add_out_of_base(std::vector<std::pair<std::string, std::int64_t>>& out, const std::string& code,
                     std::int64_t count)
{
    auto at = std::find_if(out.begin(), out.end(), [&](const auto& entry) { return entry.first == code; });
    if (at == out.end())
        out.emplace_back(code, count);
    else
        at->second += count;
}

MeasureFigures measure_figures(const MeasureDefinition& measure, const Period& period, const InstrumentCounts& counts,
                               const InstrumentCounts::Totals& totals)
{
    std::int64_t base = 0, positive = 0, blank = 0;
    std::vector<std::pair<std::string, std::int64_t>> out_of_base;
    for (const std::string& name : measure.questions) {
        const KeyCodes& key = counts.key(name);
        const std::vector<std::string> excluded = out_of_base_codes(measure, key);
        std::int64_t asked = 0, answered = 0;
        for (std::int64_t version : key.versions)
            if (auto found = totals.responses_by_version.find(version); found != totals.responses_by_version.end())
                asked += found->second;
        if (key.multiple) {
            std::uint64_t positive_bits = 0, excluded_bits = 0;
            for (std::size_t i = 0; i < key.codes.size(); ++i) {
                positive_bits |= contains(measure.positive, key.codes[i]) ? std::uint64_t{1} << i : 0;
                excluded_bits |= contains(excluded, key.codes[i]) ? std::uint64_t{1} << i : 0;
            }
            // A respondent is in the base with at least one option that is not left out.
            for (const auto& [mask, count] : totals.masks[key.multiple_index]) {
                answered += count;
                if (mask & ~excluded_bits) {
                    base += count;
                    positive += (mask & positive_bits) ? count : 0;
                    continue;
                }
                for (std::size_t i = 0; i < key.codes.size(); ++i)
                    if (mask & (std::uint64_t{1} << i)) {
                        add_out_of_base(out_of_base, key.codes[i], count);
                        break; // counted once, under its first option
                    }
            }
        } else {
            for (std::size_t i = 0; i < key.codes.size(); ++i) {
                const std::int64_t count = totals.chosen[key.first_slot + i];
                answered += count;
                if (contains(excluded, key.codes[i]))
                    add_out_of_base(out_of_base, key.codes[i], count);
                else {
                    base += count;
                    positive += contains(measure.positive, key.codes[i]) ? count : 0;
                }
            }
        }
        blank += asked - answered;
    }
    if (measure.blank_in_base)
        base += blank;
    else
        out_of_base.emplace_back("blank", blank);
    return make_figures(measure, period, base, positive, std::move(out_of_base));
}

} // namespace

void count_survey_measures(Store& store, const MeasureSet& set, const std::vector<std::vector<Period>>& periods,
                           FiguresTable& figures, Progress* progress)
{
    std::map<std::string, std::vector<std::size_t>> measures_by_instrument;
    for (std::size_t m = 0; m < set.measures.size(); ++m)
        if (set.measures[m].source == MeasureSource::survey && !periods[m].empty())
            measures_by_instrument[set.measures[m].instrument].push_back(m);

    for (const auto& [instrument, measures] : measures_by_instrument) {
        std::vector<std::string> keys;
        std::set<std::string> boundaries; // each period ends where the day after its last day begins
        for (std::size_t m : measures) {
            keys.insert(keys.end(), set.measures[m].questions.begin(), set.measures[m].questions.end());
            for (const Period& period : periods[m]) {
                boundaries.insert(period_start(period));
                boundaries.insert(period_end(period));
            }
        }
        InstrumentCounts counts(store, instrument, keys);
        counts.count(std::vector<std::string>(boundaries.begin(), boundaries.end()), progress);
        for (std::size_t m : measures)
            for (std::size_t i = 0; i < periods[m].size(); ++i) {
                const Period& period = periods[m][i];
                const auto totals = counts.totals(period_start(period), period_end(period));
                figures[m][i] = measure_figures(set.measures[m], period, counts, totals);
            }
    }
}

} // namespace chorus
