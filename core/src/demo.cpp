#include "chorus/demo.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/relevance.hpp"
#include "chorus/store.hpp"
#include "demo_dice.hpp"
#include "demo_definition_texts.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus {
namespace {

using demo::Dice;

struct Weighted {
    std::string_view name{};
    double weight = 1.0;
};

struct Team {
    std::string_view name{};
    double weight = 1.0;
    double offset = 0.0; // added to every positivity: teams differ a little
};

// How one question is answered. Positivity (chance of a top-box answer) moves
// in a straight line from the first quarter to the last, so the demo improves.
struct QuestionPlan {
    std::string_view key{};
    double first = 0.75;
    double last = 0.88;
    double blank = 0.03;  // optional questions left blank
    double na = 0.0;      // "na" where the options offer it
    double answer = 0.5;  // free text: chance of writing something
    double lean = 0.0;    // free text: +1 written more by happy respondents, -1 by unhappy ones
    double mean = 5.0;    // integer: mean of a skewed (exponential) spread
    std::vector<Weighted> choices{}; // single_choice: option codes and weights
    std::string_view forced_for{};   // single_choice: this respondent type always gives...
    std::string_view forced_code{};  // ...this option
    std::vector<std::string_view> texts{}; // free-text pool
};

struct InstrumentPlan {
    std::string_view id{};
    std::array<int, 8> per_quarter{}; // responses captured in each quarter
    std::vector<Weighted> respondents{};
    std::vector<Team> teams{};
    std::vector<std::string_view> workers{}; // captured_by; each team mostly uses two of them
    std::vector<QuestionPlan> questions{};
};

// Eight UK financial-year quarters: 2024-25 Q1 (April) to 2025-26 Q4 (March).
constexpr int quarters = 8;
constexpr std::uint32_t demo_seed = 20240401;

std::vector<Team> council_teams(bool with_front_door)
{
    std::vector<Team> teams{{"North locality", 22, 0.02},          {"South locality", 20, -0.03},
                            {"East locality", 18, 0.0},            {"West locality", 17, 0.03},
                            {"Children with disabilities", 12, -0.05}, {"Children in care", 11, 0.01}};
    if (with_front_door)
        teams.push_back({"Front door (MASH)", 10, -0.04});
    return teams;
}

const std::vector<InstrumentPlan>& plans()
{
    static const std::vector<InstrumentPlan> all{
        {.id = "cin-family-feedback",
         .per_quarter = {40, 45, 48, 52, 55, 58, 60, 62},
         .respondents = {{"parent", 68}, {"carer", 12}, {"young_person", 12}, {"family_member", 8}},
         .teams = council_teams(false),
         .workers = {"pw-003", "pw-007", "pw-014", "pw-022", "pw-031", "pw-045"},
         .questions = {
             {.key = "knew_why", .first = 0.78, .last = 0.88},
             {.key = "easy_to_talk", .first = 0.72, .last = 0.87},
             {.key = "listened", .first = 0.70, .last = 0.90},
             {.key = "listened_better", .answer = 0.6, .texts = {
                  "Actually let me finish what I was saying instead of talking over me.",
                  "Read the file before visiting so I didn't have to explain everything again.",
                  "Asked me what I thought before the meeting, not on the day.",
                  "I said many times the contact times did not work with my shifts and nothing changed.",
                  "Listened to my side of things and not just what school said.",
                  "Spoken to my son on his own as well, not just with me there.",
                  "Got back to me when they said they would so I knew my views had been passed on.",
                  "Put what I said in the report. Some of it was left out.",
                  "Used less jargon and checked I understood.", "Talked to me rather than at me.",
                  "Not made their mind up before they had even met us.",
                  "Taken my worries about my daughter's health seriously.",
                  "Given me time to speak in the meeting. It felt rushed.",
                  "Booked an interpreter so I could say what I meant properly.",
                  "I felt judged from the first visit. It would help to be asked rather than told.",
                  "Included my partner instead of only ever speaking to me."}},
             {.key = "reliable", .first = 0.64, .last = 0.82},
             {.key = "respected", .first = 0.80, .last = 0.92},
             {.key = "plan_helped", .first = 0.62, .last = 0.80, .blank = 0.04, .na = 0.08},
             {.key = "worked_well", .answer = 0.55, .lean = 1.0, .texts = {
                  "My social worker always came when she said she would and kept me updated.",
                  "Having the same social worker the whole time made a big difference.",
                  "Being honest with me, even when it was hard to hear.",
                  "The family support worker helped with bedtime routines and it has really helped.",
                  "Getting my son into the after-school club.",
                  "Help with the housing application and a referral for debt advice.",
                  "They helped us get the right support from school for my daughter's SEND needs.",
                  "My children liked their worker and felt able to talk to her.",
                  "The parenting course was really useful.",
                  "Meetings were at times that fitted around my work.",
                  "I always got a reply to texts, usually the same day.",
                  "Everything was explained in plain English and I was never talked down to.",
                  "The short breaks have given us time to recharge as a family.",
                  "Being listened to about my mental health and helped to get counselling.",
                  "Things feel calmer at home now.",
                  "Our plan was clear and we all knew what we had to do.",
                  "The worker went out of their way to help with food vouchers over the winter.",
                  "Having someone to talk to when things got difficult.",
                  "The direct work with my son helped him understand what was happening.",
                  "Everything. I was worried at first but it has been really positive."}},
             {.key = "could_be_better", .answer = 0.5, .lean = -1.0, .texts = {
                  "Sometimes it took a while to get a call back.",
                  "We had three different social workers in a year and had to keep telling our story.",
                  "More notice before visits please, I work and cannot always change my shifts.",
                  "Reports sent before the meeting, not handed to us on the day.",
                  "Nothing really, it has been fine.",
                  "The waiting list for the parenting course was too long.",
                  "Being told what happens next when the plan ends.",
                  "The assessment had things wrong in it and it took ages to get them corrected.",
                  "Better communication between social care and the school.",
                  "More help with my son's behaviour, we are still waiting for CAMHS.",
                  "More support in the school holidays.",
                  "Meetings should not be at school pick-up time.",
                  "Less paperwork and fewer forms asking the same things.",
                  "Someone to contact when my social worker is on leave.",
                  "I didn't know who the manager was when I wanted to raise a concern.",
                  "Visits felt rushed towards the end.",
                  "More understanding that we are trying our best.",
                  "Help with transport to appointments.", "Keep doing what you are doing.",
                  "Explaining the plan to my children in a way they can understand."}}}},
        {.id = "young-peoples-views-8-11",
         .per_quarter = {24, 27, 30, 32, 34, 36, 38, 39},
         .respondents = {{"child", 1}},
         .teams = council_teams(false),
         .workers = {"pw-003", "pw-007", "pw-014", "pw-022", "pw-031", "pw-045"},
         .questions = {
             {.key = "feel_social_worker", .first = 0.72, .last = 0.86},
             {.key = "listened", .first = 0.68, .last = 0.85},
             {.key = "understand_why", .first = 0.60, .last = 0.78, .blank = 0.05},
             {.key = "safe_home", .first = 0.82, .last = 0.90, .blank = 0.06},
             {.key = "happy_school", .first = 0.60, .last = 0.68, .blank = 0.05},
             {.key = "know_who", .first = 0.75, .last = 0.90, .na = 0.08},
             {.key = "one_thing", .answer = 0.45, .texts = {
                  "If my social worker came more often.", "Seeing my dad more.", "Having my own room.",
                  "More time to play games when my social worker comes.", "More days out.",
                  "If people stopped shouting at home.", "Nothing, it is good.", "If I could have a pet.",
                  "Not having to keep changing social worker.", "Going back to football club.",
                  "If my brother was nicer to me.", "Getting help with my reading at school.",
                  "If grown ups told me what is happening.", "Seeing my nan at the weekend.",
                  "Not missing school for meetings.", "If mum wasn't so sad.",
                  "A number I can ring if I am worried.", "If meetings were not so long and boring.",
                  "Being allowed to have friends round for tea.",
                  "Less people asking me the same questions."}}}},
        {.id = "practitioner-survey",
         .per_quarter = {20, 21, 22, 22, 23, 24, 24, 24},
         .respondents = {{"staff", 85}, {"partner", 15}},
         .teams = council_teams(true),
         .workers = {"qa-002", "qa-005", "qa-011"},
         .questions = {
             {.key = "role",
              .choices = {{"social_worker", 45}, {"team_manager", 12}, {"family_support_worker", 22},
                          {"iro", 8}, {"partner_agency", 0}},
              .forced_for = "partner", .forced_code = "partner_agency"},
             {.key = "years_in_role", .blank = 0.04, .mean = 4.5},
             {.key = "feedback_performance", .first = 0.58, .last = 0.78},
             {.key = "supervision", .first = 0.60, .last = 0.84},
             {.key = "learning_culture", .first = 0.55, .last = 0.76},
             {.key = "confident_exploitation", .first = 0.62, .last = 0.85, .na = 0.05},
             {.key = "confident_sos", .first = 0.55, .last = 0.82, .na = 0.06},
             {.key = "recommend", .first = 0.55, .last = 0.75},
             {.key = "one_change", .answer = 0.45, .texts = {
                  "Protected time for reflective supervision that doesn't get cancelled.",
                  "Lower caseloads so I can spend more time with families.",
                  "Fewer changes to the recording system.",
                  "More group supervision and case discussion across teams.",
                  "Better access to training on exploitation and contextual safeguarding.",
                  "Admin support for minutes and letters.",
                  "Clearer thresholds between early help and children's social care.",
                  "Laptops that work reliably on home visits.",
                  "More joint training with partner agencies.", "Quicker decisions from panels.",
                  "Audit feedback shared with the whole team, not just the allocated worker.",
                  "Refresher training on Signs of Safety mapping.",
                  "Less reliance on agency staff so families are not passed from worker to worker.",
                  "Regular information-sharing meetings between our service and social care.",
                  "Being told the outcome of the referrals we make.",
                  "A quiet space in the office to write up assessments.", "More flexible working.",
                  "Managers having time to be visible in the team.",
                  "Nothing major, the team is really supportive.",
                  "Quicker access to CAMHS and other specialist services for the families we support."}}}}};
    return all;
}

const QuestionPlan& plan_for(const InstrumentPlan& plan, const std::string& key)
{
    static const QuestionPlan fallback; // questions without a row get middling answers
    for (const QuestionPlan& question : plan.questions)
        if (question.key == key)
            return question;
    return fallback;
}

// A weekday in the quarter, during working hours in both GMT and BST.
std::string timestamp(Dice& dice, int quarter)
{
    using namespace std::chrono;
    const year_month_day april{year{2024}, month{4}, day{1}};
    const sys_days start{april + months{3 * quarter}};
    const sys_days end{april + months{3 * quarter + 3}};
    const auto length = static_cast<std::size_t>((end - start).count());
    sys_days date;
    do {
        date = start + days{static_cast<int>(dice.below(length))};
    } while (weekday{date} == Saturday || weekday{date} == Sunday);
    const year_month_day ymd{date};
    const auto hour = 9 + dice.below(7);
    const auto minute = dice.below(60);
    const auto second = dice.below(60);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02zu:%02zu:%02zuZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hour, minute,
                  second);
    return text;
}

// An ordered scale (worst first, "na" aside): the top two boxes (top one on a
// 3-point scale) when draw < p, otherwise mostly the middle.
std::string scale_answer(Dice& dice, const Question& question, const QuestionPlan& plan, double p,
                         double draw)
{
    std::vector<const Option*> scale;
    bool has_na = false;
    for (const Option& option : question.options) {
        if (option.code == "na")
            has_na = true;
        else
            scale.push_back(&option);
    }
    if (has_na && dice.chance(plan.na))
        return "na";
    const std::size_t n = scale.size();
    const std::size_t top = n >= 5 ? 2 : 1;
    if (draw < p) // happier respondents more often choose the very top
        return scale[top == 2 && dice.chance(0.2 + 0.4 * p) ? n - 1 : n - top]->code;
    static const std::vector<Weighted> below_top{{"", 0.45}, {"", 0.38}, {"", 0.17}};
    const auto below = static_cast<std::ptrdiff_t>(std::min<std::size_t>(n - top, below_top.size()));
    const std::vector<Weighted> weights(below_top.begin(), below_top.begin() + below);
    return scale[n - top - 1 - dice.pick_index(weights)]->code;
}

std::optional<Answer> answer(Dice& dice, const Question& question, const QuestionPlan& plan,
                             double p, double draw, const std::string& respondent_type)
{
    switch (question.type) {
    case QuestionType::agree_scale:
    case QuestionType::faces:
        return scale_answer(dice, question, plan, p, draw);
    case QuestionType::yes_no_na:
        if (dice.chance(plan.na))
            return std::string("na");
        return std::string(draw < p ? "yes" : "no");
    case QuestionType::rating_0_10: {
        const double score = std::round(1.5 + 8.5 * p + 1.6 * dice.normal());
        return std::to_string(static_cast<int>(std::clamp(score, 0.0, 10.0)));
    }
    case QuestionType::single_choice:
        if (!plan.forced_code.empty() && plan.forced_for == respondent_type)
            return std::string(plan.forced_code);
        if (!plan.choices.empty())
            return std::string(dice.pick(plan.choices).name);
        return question.options[dice.below(question.options.size())].code;
    case QuestionType::integer: {
        const double value = std::floor(-plan.mean * std::log(1.0 - dice.uniform()));
        return static_cast<std::int64_t>(
            std::clamp(value, question.min.value_or(0.0), question.max.value_or(1000.0)));
    }
    case QuestionType::short_text:
    case QuestionType::long_text:
        if (plan.texts.empty() ||
            !dice.chance(std::clamp(plan.answer + plan.lean * (p - 0.75), 0.0, 1.0)))
            return std::nullopt;
        return std::string(plan.texts[dice.below(plan.texts.size())]);
    default: // other types are not used by the demo instruments: left blank
        return std::nullopt;
    }
}

std::vector<Response> generate(const Instrument& instrument, const InstrumentPlan& plan,
                               std::uint32_t seed)
{
    Dice dice(seed);
    std::vector<std::optional<Condition>> conditions;
    for (const Question& question : instrument.questions)
        conditions.push_back(question.relevant.empty()
                                 ? std::nullopt
                                 : std::optional<Condition>(Condition::parse(question.relevant)));

    std::vector<Response> responses;
    for (int quarter = 0; quarter < quarters; ++quarter) {
        const double progress = quarter / static_cast<double>(quarters - 1);
        const auto count = static_cast<std::size_t>(plan.per_quarter[static_cast<std::size_t>(quarter)]);
        std::vector<std::vector<double>> draws; // per question, one per response
        for (std::size_t i = 0; i < instrument.questions.size(); ++i)
            draws.push_back(dice.stratified(count));
        for (std::size_t n = 0; n < count; ++n) {
            Response response;
            response.uuid = dice.uuid();
            response.instrument_id = instrument.id;
            response.instrument_version = instrument.version;
            response.captured_at = timestamp(dice, quarter);
            const std::size_t team = dice.pick_index(plan.teams);
            response.team = plan.teams[team].name;
            response.captured_by = plan.workers[(team + dice.below(2)) % plan.workers.size()];
            response.respondent_type = dice.pick(plan.respondents).name;
            // One mood per respondent, so a happy parent tends to agree throughout.
            const double warmth = 0.1 * dice.normal();
            const AnswerLookup lookup = [&response](std::string_view key) -> const Answer* {
                const auto found = response.answers.find(std::string(key));
                return found == response.answers.end() ? nullptr : &found->second;
            };
            for (std::size_t i = 0; i < instrument.questions.size(); ++i) {
                const Question& question = instrument.questions[i];
                if (question.type == QuestionType::note)
                    continue;
                if (conditions[i] && !conditions[i]->evaluate(lookup))
                    continue; // hidden questions must stay blank
                const QuestionPlan& question_plan = plan_for(plan, question.key);
                if (!question.required && dice.chance(question_plan.blank))
                    continue;
                const double p = std::clamp(std::lerp(question_plan.first, question_plan.last, progress) +
                                                plan.teams[team].offset + warmth,
                                            0.02, 0.98);
                if (auto value = answer(dice, question, question_plan, p, draws[i][n],
                                        response.respondent_type))
                    response.answers.emplace(question.key, std::move(*value));
            }
            responses.push_back(std::move(response));
        }
    }
    std::stable_sort(responses.begin(), responses.end(),
                     [](const Response& a, const Response& b) { return a.captured_at < b.captured_at; });
    return responses;
}

} // namespace

std::vector<Instrument> demo_instruments()
{
    std::vector<Instrument> instruments;
    for (const auto& text : embedded::demo_definition_texts())
        instruments.push_back(parse_instrument(text.text, std::string(text.name)));
    return instruments;
}

DemoSummary seed_demo(Store& store, const std::string& actor)
{
    const std::vector<Instrument> instruments = demo_instruments();
    DemoSummary summary;
    summary.instruments = instruments.size();
    for (std::size_t i = 0; i < plans().size(); ++i) {
        const InstrumentPlan& plan = plans()[i];
        const auto instrument = std::find_if(instruments.begin(), instruments.end(),
                                             [&plan](const Instrument& x) { return x.id == plan.id; });
        // Instruments that already have responses are left alone, so a seed that was
        // interrupted part-way completes the rest next time.
        if (instrument == instruments.end() || store.count_responses(instrument->id) > 0)
            continue;
        store.add_instrument(*instrument, actor); // `unchanged` when already there
        // Its own seed per instrument, so each one's data stays put if another changes.
        const auto responses = generate(*instrument, plan, demo_seed + static_cast<std::uint32_t>(i));
        store.add_responses(responses, actor, "demo data", nullptr);
        summary.seeded_now = true;
    }
    for (const Instrument& instrument : instruments)
        summary.responses += store.count_responses(instrument.id);

    ComplaintLog log(store);
    if (log.count() == 0) {
        log.add_all(demo_complaints(), actor, "demo data");
        summary.seeded_now = true;
    }
    if (log.count_compliments() == 0) {
        log.add_compliments(demo_compliments(), actor, "demo data");
        summary.seeded_now = true;
    }
    summary.complaints = log.count();
    summary.compliments = log.count_compliments();
    return summary;
}

} // namespace chorus
