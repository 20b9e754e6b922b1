#include "bench_responses.hpp"

#include "chorus/dates.hpp"
#include "chorus/relevance.hpp"
#include "demo_dice.hpp" // the demo's platform-independent dice, header-only

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::bench {

namespace {

using demo::Dice;

struct Weighted {
    std::string_view name;
    double weight = 1.0;
};

struct Team {
    std::string_view name;
    double weight = 1.0;
    double offset = 0.0; // added to every positivity: teams differ a little
};

// How one question is answered, beyond what its type says.
struct Plan {
    double positivity = 0.75; // chance of a top-box answer in the first quarter
    double blank = 0.04;      // left blank (never for required questions)
    double na = 0.0;          // "na" where the options offer it
    double dont_know = 0.0;   // "dont_know" where the options offer it
    std::vector<Weighted> choices{}; // single and multiple choice: code and weight (or chance)
};

constexpr int quarter_count = 8;
// First days of 2024-25 Q1 .. 2025-26 Q4, and the day after the last quarter.
constexpr std::array<std::string_view, quarter_count + 1> quarter_starts{
    "2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01", "2025-04-01",
    "2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"};
// Responses come in a little faster as the survey beds in.
const std::vector<Weighted> quarter_volumes{{"", 10}, {"", 11}, {"", 12}, {"", 12},
                                            {"", 13}, {"", 13}, {"", 14}, {"", 15}};
constexpr double improvement = 0.08; // positivity gained from the first quarter to the last
constexpr int workers_per_team = 8;

const std::vector<Team> teams{
    {"North locality", 14, 0.03},         {"South locality", 13, -0.02},
    {"East locality", 12, 0.0},           {"West locality", 11, 0.02},
    {"Central locality", 10, -0.01},      {"Front door (MASH)", 6, -0.06},
    {"Assessment team", 9, -0.04},        {"Children in need team", 8, 0.01},
    {"Child protection team", 7, -0.03},  {"Children in care team", 5, 0.04},
    {"Children with disabilities", 3, -0.05}, {"Care leavers team", 2, 0.05}};

const std::vector<Weighted> respondents{
    {"parent", 56}, {"carer", 14}, {"young_person", 16}, {"family_member", 9}, {"foster_carer", 5}};

// Phrases only, never names or places: free text is personal data in real life.
const std::vector<std::string_view> comments{
    "Visits were sometimes cancelled at short notice.",
    "More notice before meetings, please.",
    "I would have liked the same social worker all the way through.",
    "Reports came the night before the conference, so I could not read them properly.",
    "She always called back, which made a big difference.",
    "Explain things without jargon; \"threshold\" and \"strategy\" meant nothing to me.",
    "Nothing, the support was good.",
    "Listen to the children, not just the adults.",
    "It took too long to get help with housing.",
    "The family group conference helped us plan together.",
    "Meetings in school hours, please; I work shifts.",
    "Keep in touch by text, I cannot always answer the phone.",
    "Tell us sooner what is going to happen next.",
    "The interpreter was booked late twice.",
    "My son felt listened to for the first time.",
};

const Plan& plan_for(std::string_view key)
{
    static const std::vector<std::pair<std::string_view, Plan>> plans{
        {"knew_why", {0.80, 0.0}},
        {"listened", {0.74, 0.0}},
        {"easy_to_talk", {0.76, 0.03}},
        {"reliable", {0.66, 0.05}},
        {"respected", {0.82, 0.03}},
        {"understood_plan", {0.70, 0.05, 0.12}},
        {"plan_helped", {0.62, 0.06, 0.0, 0.08}},
        {"views_in_plan", {0.60, 0.08, 0.0, 0.10}},
        {"child_seen_alone", {0.78, 0.07, 0.22}},
        {"reports_in_time", {0.64, 0.06, 0.15}},
        {"meetings_accessible", {0.80, 0.05, 0.08}},
        {"interpreter_provided", {0.85, 0.06, 0.86}},
        {"know_how_to_complain", {0.0, 0.05, 0.0, 0.0, {{"yes", 62}, {"no", 23}, {"dont_know", 15}}}},
        {"child_safer", {0.0, 0.07, 0.0, 0.0, {{"yes", 48}, {"a_little", 27}, {"no", 12}, {"dont_know", 13}}}},
        {"worker_changes",
         {0.0, 0.04, 0.0, 0.0,
          {{"none", 46}, {"once", 28}, {"twice", 13}, {"three_or_more", 8}, {"dont_know", 5}}}},
        // Multiple choice: the chance of each option being chosen.
        {"support_received",
         {0.0, 0.10, 0.0, 0.0,
          {{"family_support", 0.45}, {"parenting_programme", 0.22}, {"early_help", 0.30}, {"camhs", 0.14},
           {"school_support", 0.33}, {"housing", 0.09}, {"other", 0.06}}}},
        {"contact_ways",
         {0.0, 0.06, 0.0, 0.0,
          {{"home_visit", 0.85}, {"phone", 0.78}, {"video", 0.18}, {"text", 0.52}, {"email", 0.21},
           {"office", 0.12}}}},
        {"overall_satisfied", {0.72, 0.0}},
        {"helpfulness", {0.70, 0.08}},
        {"could_be_better", {0.0, 0.72}}, // blank: most people write nothing
    };
    static const Plan fallback{};
    for (const auto& [name, plan] : plans)
        if (name == key)
            return plan;
    return fallback;
}

bool offers(const Question& question, std::string_view code)
{
    return question.find_option(code) != nullptr;
}

std::string agree_answer(Dice& dice, double positivity)
{
    if (dice.chance(positivity))
        return dice.chance(0.45) ? "strongly_agree" : "agree";
    const double rest = dice.uniform();
    return rest < 0.45 ? "neither" : rest < 0.80 ? "disagree" : "strongly_disagree";
}

std::string rating_answer(Dice& dice, double positivity)
{
    const double score = std::clamp(std::round(positivity * 10.0 + 1.8 * dice.normal()), 0.0, 10.0);
    return std::to_string(static_cast<int>(score));
}

std::string comment(Dice& dice)
{
    std::string text(comments[dice.below(comments.size())]);
    while (dice.chance(0.35))
        text += (dice.chance(0.1) ? "\n" : " ") + std::string(comments[dice.below(comments.size())]);
    return text;
}

std::vector<std::string> chosen(Dice& dice, const Plan& plan)
{
    std::vector<std::string> codes;
    for (const auto& option : plan.choices)
        if (dice.chance(option.weight))
            codes.emplace_back(option.name);
    return codes;
}

} // namespace

struct ResponseMaker::State {
    State(const Instrument& survey, std::uint32_t seed) : instrument(survey), dice(seed)
    {
        for (const auto& start : quarter_starts)
            quarter_days.push_back(*day_number(start));
        for (const auto& question : survey.questions)
            conditions.push_back(question.relevant.empty() ? std::nullopt
                                                           : std::optional(Condition::parse(question.relevant)));
    }

    // Earlier answers decide whether a question is shown; a hidden question stays blank.
    bool shown(std::size_t index, const Response& response) const
    {
        if (!conditions[index])
            return true;
        return conditions[index]->evaluate([&](std::string_view key) -> const Answer* {
            auto it = response.answers.find(std::string(key));
            return it == response.answers.end() ? nullptr : &it->second;
        });
    }

    // The answer to `question`, or false for a blank.
    bool answer(const Question& question, double positivity, Answer& answer)
    {
        const Plan& plan = plan_for(question.key);
        if (!question.required && dice.chance(plan.blank))
            return false;
        if (offers(question, "na") && dice.chance(plan.na)) {
            answer = std::string("na");
            return true;
        }
        if (offers(question, "dont_know") && dice.chance(plan.dont_know)) {
            answer = std::string("dont_know");
            return true;
        }
        const double chance = std::clamp(positivity + plan.positivity - 0.75, 0.05, 0.98);
        switch (question.type) {
        case QuestionType::agree_scale: answer = agree_answer(dice, chance); return true;
        case QuestionType::yes_no_na: answer = std::string(dice.chance(chance) ? "yes" : "no"); return true;
        case QuestionType::rating_0_10: answer = rating_answer(dice, chance); return true;
        case QuestionType::single_choice: answer = std::string(dice.pick(plan.choices).name); return true;
        case QuestionType::multiple_choice: {
            auto codes = chosen(dice, plan);
            if (codes.empty())
                return false;
            answer = std::move(codes);
            return true;
        }
        case QuestionType::long_text: answer = comment(dice); return true;
        default: return false; // the survey has no other types
        }
    }

    std::string captured_at(std::size_t quarter)
    {
        const std::int64_t first = quarter_days[quarter];
        const auto days = static_cast<std::size_t>(quarter_days[quarter + 1] - first);
        const std::int64_t day = first + static_cast<std::int64_t>(dice.below(days));
        char time[16];
        std::snprintf(time, sizeof time, "T%02zu:%02zu:%02zuZ", 8 + dice.below(10), dice.below(60), dice.below(60));
        return date_of_day_number(day) + time;
    }

    const Instrument& instrument;
    Dice dice;
    std::vector<std::int64_t> quarter_days;
    std::vector<std::optional<Condition>> conditions; // parallel to the questions
};

ResponseMaker::ResponseMaker(const Instrument& instrument, std::uint32_t seed)
    : state_(std::make_unique<State>(instrument, seed))
{
}

ResponseMaker::~ResponseMaker() = default;

Response ResponseMaker::next()
{
    State& state = *state_;
    Dice& dice = state.dice;
    Response response;
    response.uuid = dice.uuid();
    response.instrument_id = state.instrument.id;
    response.instrument_version = state.instrument.version;
    const std::size_t quarter = dice.pick_index(quarter_volumes);
    response.captured_at = state.captured_at(quarter);
    const std::size_t team = dice.pick_index(teams);
    response.team = teams[team].name;
    char worker[16];
    std::snprintf(worker, sizeof worker, "worker-%03zu", team * workers_per_team + dice.below(workers_per_team) + 1);
    response.captured_by = worker;
    response.respondent_type = dice.pick(respondents).name;

    // One mood per respondent, so that their answers agree with each other as real ones do.
    const double positivity = 0.75 + improvement * static_cast<double>(quarter) / (quarter_count - 1) +
                              teams[team].offset + 0.12 * dice.normal();
    const auto& questions = state.instrument.questions;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const Question& question = questions[i];
        if (!state.shown(i, response))
            continue;
        Answer answer;
        if (state.answer(question, positivity, answer))
            response.answers.emplace(question.key, std::move(answer));
    }
    return response;
}

} // namespace chorus::bench
