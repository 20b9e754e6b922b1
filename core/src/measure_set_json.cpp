// Measure set files (docs/measures.md): reading with every problem reported, and writing.
#include "chorus/measures.hpp"

#include "json_reading.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <set>

namespace chorus {

using json = nlohmann::json;

namespace {

constexpr int max_decimals = 3;

bool is_measure_id(std::string_view text)
{
    return !text.empty() && text.size() <= 64 && ((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= '0' && text[0] <= '9'))
        && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
           });
}

std::optional<MeasureSource> source_from_string(std::string_view name)
{
    for (MeasureSource source : {MeasureSource::survey, MeasureSource::complaints_within_timescale,
                                 MeasureSource::complaint_outcomes, MeasureSource::complaints_received,
                                 MeasureSource::compliments_received})
        if (to_string(source) == name)
            return source;
    return std::nullopt;
}

std::optional<Polarity> polarity_from_string(std::string_view name)
{
    for (Polarity polarity : {Polarity::increase, Polarity::decrease, Polarity::maintain})
        if (to_string(polarity) == name)
            return polarity;
    return std::nullopt;
}

class MeasureSetReader : private JsonObjectReader {
public:
    using JsonObjectReader::JsonObjectReader;

    MeasureSet read(const json& root)
    {
        MeasureSet set;
        if (!root.is_object()) {
            problem("$", "expected an object with id, title and measures, found " + json_kind(root));
            return set;
        }
        allow_only(root, "$", {"id", "title", "defaults", "measures"});
        read_string(root, "$", "id", set.id, true);
        read_string(root, "$", "title", set.title, true);
        if (!set.id.empty() && !is_measure_id(set.id))
            problem("$.id", in_quotes(set.id) + " is not a valid id: use lower-case letters, digits, '_', '.' or '-'");
        json defaults = json::object();
        if (const json* given = member(root, "$", "defaults", json::value_t::object, false)) {
            // What "defaults" may set for every measure that does not set it itself.
            allow_only(*given, "$.defaults",
                       {"frequency", "decimals", "minimum_base", "tolerance", "no_change_band", "polarity"});
            defaults = *given;
        }
        std::set<std::string> ids;
        if (const json* measures = member(root, "$", "measures", json::value_t::array, true)) {
            if (measures->empty())
                problem("$.measures", "a measure set needs at least one measure");
            for (std::size_t i = 0; i < measures->size(); ++i) {
                json object = (*measures)[i];
                const std::string path = "$.measures[" + std::to_string(i) + "]";
                if (!object.is_object()) {
                    problem(path, "expected a measure object, found " + json_kind(object));
                    continue;
                }
                for (const auto& item : defaults.items())
                    if (!object.contains(item.key()))
                        object[item.key()] = item.value();
                MeasureDefinition measure = read_measure(object, path);
                if (!measure.id.empty() && !ids.insert(measure.id).second)
                    problem(path + ".id", "duplicate measure id " + in_quotes(measure.id));
                set.measures.push_back(std::move(measure));
            }
        }
        return set;
    }

private:
    MeasureDefinition read_measure(const json& object, const std::string& measure_path)
    {
        MeasureDefinition measure;
        read_string(object, measure_path, "id", measure.id, true);
        const std::string path = measure_path + (measure.id.empty() ? "" : " (" + measure.id + ")");
        allow_only(object, path, {"id", "title", "plan_area", "source", "positive", "out_of_base", "blank_in_base",
                                  "frequency", "collection_method", "baseline", "baseline_period", "target",
                                  "polarity", "tolerance", "no_change_band", "decimals", "minimum_base", "complete"});
        if (!measure.id.empty() && !is_measure_id(measure.id))
            problem(path + ".id", in_quotes(measure.id)
                                      + " is not a valid id: use lower-case letters, digits, '_', '.' or '-'");
        if (read_string(object, path, "title", measure.title, true) && trim(measure.title).empty())
            problem(path + ".title", "must not be empty");
        if (read_string(object, path, "plan_area", measure.plan_area, true) && trim(measure.plan_area).empty())
            problem(path + ".plan_area", "must not be empty");
        read_string(object, path, "collection_method", measure.collection_method, false);
        // With no known source, which properties apply is unknown too.
        if (read_source(object, path, measure))
            read_codes(object, path, measure);
        read_reporting(object, path, measure);
        read_target(object, path, measure);
        return measure;
    }

    bool read_source(const json& object, const std::string& path, MeasureDefinition& measure)
    {
        const json* source = member(object, path, "source", json::value_t::object, true);
        if (!source)
            return false;
        const std::string source_path = path + ".source";
        allow_only(*source, source_path, {"type", "instrument", "questions", "stage", "procedure", "theme", "source_type"});
        std::string type;
        if (read_string(*source, source_path, "type", type, true)) {
            if (auto known = source_from_string(type))
                measure.source = *known;
            else {
                problem(source_path + ".type", "unknown source type " + in_quotes(type)
                                                   + "; expected survey, complaints_within_timescale, "
                                                     "complaint_outcomes, complaints_received or compliments_received");
                return false;
            }
        } else {
            return false;
        }
        const bool survey = measure.source == MeasureSource::survey;
        read_string(*source, source_path, "instrument", measure.instrument, survey);
        if (const json* questions = member(*source, source_path, "questions", json::value_t::array, survey)) {
            measure.questions = read_strings(*questions, source_path + ".questions");
            if (questions->empty())
                problem(source_path + ".questions", "name at least one question");
        }
        read_string(*source, source_path, "stage", measure.stage, false);
        read_string(*source, source_path, "procedure", measure.procedure, false);
        read_string(*source, source_path, "theme", measure.theme, false);
        read_string(*source, source_path, "source_type", measure.source_type, false);
        if (!measure.procedure.empty() && measure.procedure != "statutory" && measure.procedure != "corporate")
            problem(source_path + ".procedure", "expected \"statutory\" or \"corporate\"");
        refuse_unless(*source, source_path, "instrument", survey, "survey measures");
        refuse_unless(*source, source_path, "questions", survey, "survey measures");
        refuse_unless(*source, source_path, "stage", !survey && measure.source != MeasureSource::compliments_received,
                      "complaints measures");
        refuse_unless(*source, source_path, "procedure",
                      !survey && measure.source != MeasureSource::compliments_received, "complaints measures");
        refuse_unless(*source, source_path, "theme", measure.source == MeasureSource::complaints_received,
                      "complaints_received measures");
        refuse_unless(*source, source_path, "source_type", measure.source == MeasureSource::compliments_received,
                      "compliments_received measures");
        if (measure.source == MeasureSource::complaints_within_timescale && measure.stage.empty())
            measure.stage = "stage1";
        return true;
    }

    void read_codes(const json& object, const std::string& path, MeasureDefinition& measure)
    {
        const bool has_codes = measure.source == MeasureSource::survey
                            || measure.source == MeasureSource::complaint_outcomes;
        refuse_unless(object, path, "positive", has_codes, "survey and complaint_outcomes measures");
        refuse_unless(object, path, "out_of_base", has_codes, "survey and complaint_outcomes measures");
        refuse_unless(object, path, "blank_in_base", measure.source == MeasureSource::survey, "survey measures");
        if (const json* positive = member(object, path, "positive", json::value_t::array,
                                          measure.source == MeasureSource::survey)) {
            measure.positive = read_strings(*positive, path + ".positive");
            if (positive->empty())
                problem(path + ".positive", "name at least one positive code");
        }
        if (measure.source == MeasureSource::complaint_outcomes && !object.contains("positive"))
            measure.positive = {"upheld", "partially_upheld"};
        if (const json* out = member(object, path, "out_of_base", json::value_t::array, false))
            measure.out_of_base = read_strings(*out, path + ".out_of_base");
        if (const json* blank = member(object, path, "blank_in_base", json::value_t::boolean, false))
            measure.blank_in_base = blank->get<bool>();
        if (measure.out_of_base)
            for (const std::string& code : *measure.out_of_base)
                if (std::find(measure.positive.begin(), measure.positive.end(), code) != measure.positive.end())
                    problem(path + ".out_of_base", in_quotes(code) + " is also positive: a code is either counted "
                                                                    "as positive or left out of the base");
    }

    void read_reporting(const json& object, const std::string& path, MeasureDefinition& measure)
    {
        std::string frequency;
        if (read_string(object, path, "frequency", frequency, true)) {
            if (auto known = frequency_from_string(frequency))
                measure.frequency = *known;
            else
                problem(path + ".frequency", "unknown frequency " + in_quotes(frequency)
                                                 + "; expected monthly, quarterly, six-monthly or annual");
        }
        int decimals = measure.decimals;
        read_int(object, path, "decimals", decimals, false);
        if (decimals < 0 || decimals > max_decimals)
            problem(path + ".decimals", "must be 0 to " + std::to_string(max_decimals));
        else
            measure.decimals = decimals;
        int minimum = static_cast<int>(measure.minimum_base);
        read_int(object, path, "minimum_base", minimum, false);
        if (minimum < 1)
            problem(path + ".minimum_base", "must be 1 or more");
        else
            measure.minimum_base = minimum;
        if (const json* complete = member(object, path, "complete", json::value_t::boolean, false))
            measure.complete = complete->get<bool>();
    }

    void read_target(const json& object, const std::string& path, MeasureDefinition& measure)
    {
        measure.baseline = read_number(object, path, "baseline");
        measure.target = read_number(object, path, "target");
        for (const auto& [name, value] : {std::pair{"baseline", measure.baseline}, std::pair{"target", measure.target}})
            if (value && (*value < 0 || (!measure.is_count() && *value > 100)))
                problem(path + "." + name, measure.is_count() ? "must not be negative" : "must be a percentage, 0 to 100");
        if (read_string(object, path, "baseline_period", measure.baseline_period, false)
            && !parse_period(measure.baseline_period))
            problem(path + ".baseline_period", in_quotes(measure.baseline_period)
                                                   + " is not a period such as 2025-Q3, 2025-12, 2025-H1 or FY2025-26");
        std::string polarity;
        if (read_string(object, path, "polarity", polarity, true)) {
            if (auto known = polarity_from_string(polarity))
                measure.polarity = *known;
            else
                problem(path + ".polarity", "unknown polarity " + in_quotes(polarity)
                                                + "; expected increase, decrease or maintain");
        }
        if (const auto band = read_number(object, path, "no_change_band")) {
            if (*band < 0)
                problem(path + ".no_change_band", "must not be negative");
            else
                measure.no_change_band = *band;
        }
        if (const json* tolerance = member(object, path, "tolerance", json::value_t::object, false)) {
            const std::string tolerance_path = path + ".tolerance";
            allow_only(*tolerance, tolerance_path, {"points", "percent"});
            const auto points = read_number(*tolerance, tolerance_path, "points");
            const auto percent = read_number(*tolerance, tolerance_path, "percent");
            if (points.has_value() == percent.has_value())
                problem(tolerance_path, "give either points (an absolute amount) or percent (relative to the target)");
            else if (points.value_or(0) < 0 || percent.value_or(0) < 0)
                problem(tolerance_path, "must not be negative");
            else
                measure.tolerance = points ? Tolerance{ToleranceMode::points, *points}
                                           : Tolerance{ToleranceMode::relative_percent, *percent};
        }
    }

    // Reports `name` when present on a measure it does not apply to.
    void refuse_unless(const json& object, const std::string& path, const char* name, bool applies,
                       const std::string& only_for)
    {
        if (!applies && object.contains(name))
            problem(path + "." + name, "applies only to " + only_for);
    }
};

} // namespace

MeasureSet parse_measure_set(std::string_view json_text, const std::string& source)
{
    const json root = parse_definition_json(json_text, source);
    std::vector<DefinitionProblem> problems;
    MeasureSet set = MeasureSetReader(source, problems).read(root);
    if (!problems.empty())
        throw DefinitionError(std::move(problems));
    return set;
}

MeasureSet load_measure_set(const std::filesystem::path& file)
{
    return parse_measure_set(read_text_file(file), file.string());
}

std::string measure_set_to_json(const MeasureSet& set)
{
    json measures = json::array();
    for (const MeasureDefinition& measure : set.measures) {
        json source{{"type", to_string(measure.source)}};
        if (measure.source == MeasureSource::survey) {
            source["instrument"] = measure.instrument;
            source["questions"] = measure.questions;
        }
        for (const auto& [name, value] : {std::pair{"stage", &measure.stage}, std::pair{"procedure", &measure.procedure},
                                          std::pair{"theme", &measure.theme}, std::pair{"source_type", &measure.source_type}})
            if (!value->empty())
                source[name] = *value;
        json object{{"id", measure.id},
                    {"title", measure.title},
                    {"plan_area", measure.plan_area},
                    {"source", source},
                    {"frequency", to_string(measure.frequency)},
                    {"polarity", to_string(measure.polarity)},
                    {"decimals", measure.decimals},
                    {"minimum_base", measure.minimum_base},
                    {"no_change_band", measure.no_change_band},
                    {"tolerance", {{measure.tolerance.mode == ToleranceMode::points ? "points" : "percent",
                                    measure.tolerance.amount}}},
                    {"complete", measure.complete}};
        if (!measure.collection_method.empty())
            object["collection_method"] = measure.collection_method;
        if (measure.source == MeasureSource::survey || measure.source == MeasureSource::complaint_outcomes)
            object["positive"] = measure.positive;
        if (measure.out_of_base)
            object["out_of_base"] = *measure.out_of_base;
        if (measure.source == MeasureSource::survey)
            object["blank_in_base"] = measure.blank_in_base;
        if (measure.baseline)
            object["baseline"] = *measure.baseline;
        if (!measure.baseline_period.empty())
            object["baseline_period"] = measure.baseline_period;
        if (measure.target)
            object["target"] = *measure.target;
        measures.push_back(std::move(object));
    }
    return json{{"id", set.id}, {"title", set.title}, {"measures", measures}}.dump(2) + "\n";
}

} // namespace chorus
