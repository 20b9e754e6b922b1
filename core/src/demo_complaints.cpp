// The demo complaints and compliments log: the same eight quarters as the demo surveys
// (2024-25 Q1 to 2025-26 Q4), seen on demo_today(). Dates follow the statutory timescales
// by counting weekdays with room to spare, so they hold whatever bank holidays fall in
// between; the procedure itself (a plugin) is not needed to make them.
// All text is invented: no names, nothing taken from a real case.
#include "chorus/demo.hpp"

#include "demo_dice.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <string_view>

namespace chorus {
namespace {

using demo::Dice;
using namespace std::chrono;

constexpr std::uint32_t complaints_seed = 20240402;
constexpr std::uint32_t compliments_seed = 20240403;
constexpr const char* today_text = "2026-03-31";
constexpr const char* recorder[] = {"cm-001", "cm-002"};

struct Weighted {
    std::string_view name{};
    double weight = 1.0;
};

std::string text_of(sys_days date)
{
    const year_month_day ymd{date};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

sys_days date_of(const std::string& text)
{
    const auto number = [&text](std::size_t at, std::size_t length) {
        return static_cast<unsigned>(std::stoi(text.substr(at, length)));
    };
    return sys_days{year_month_day{year{static_cast<int>(number(0, 4))}, month{number(5, 2)}, day{number(8, 2)}}};
}

const sys_days demo_day = date_of(today_text);

bool is_weekday(sys_days date)
{
    const weekday day{date};
    return day != Saturday && day != Sunday;
}

// n weekdays after `from` (before it when n is negative).
sys_days add_weekdays(sys_days from, int n)
{
    const int step = n < 0 ? -1 : 1;
    for (int left = n < 0 ? -n : n; left > 0;) {
        from += days{step};
        if (is_weekday(from))
            --left;
    }
    return from;
}

int between(Dice& dice, int low, int high)
{
    return low + static_cast<int>(dice.below(static_cast<std::size_t>(high - low + 1)));
}

sys_days quarter_start(int quarter)
{
    return sys_days{year_month_day{year{2024}, month{4}, day{1}} + months{3 * quarter}};
}

// A weekday in [first, last].
sys_days weekday_between(Dice& dice, sys_days first, sys_days last)
{
    const auto length = static_cast<std::size_t>((last - first).count() + 1);
    sys_days date;
    do {
        date = first + days{static_cast<int>(dice.below(length))};
    } while (!is_weekday(date));
    return date;
}

// What becomes of a complaint. Closed ones end before demo_today(); open ones are
// placed relative to it.
enum class Fate {
    in_time,         // stage 1 answered within 10 working days
    late,            // stage 1 answered after 10
    complex,         // stage 1 extended, answered within 20
    late_request,    // made over a year after the complainant became aware; answered in time
    stage2,          // escalated; stage 2 answered within 25
    stage2_late,     // stage 2 answered after 25
    stage2_extended, // stage 2 extended, answered within 65
    stage3,          // through a review panel
    ombudsman,       // then to the Ombudsman
    open_in_time,    // stage 1 open, not yet due
    open_complex,    // stage 1 open, extended
    open_overdue,    // stage 1 open and past its due date
    open_stage2,     // stage 2 open, not yet due
};

const std::vector<std::vector<Fate>>& fates_per_quarter()
{
    using enum Fate;
    static const std::vector<std::vector<Fate>> fates{
        {in_time, in_time, late, in_time, stage2, in_time},
        {in_time, ombudsman, in_time, complex, in_time, late, in_time},
        {in_time, in_time, stage3, in_time, late, in_time, complex, in_time},
        {in_time, stage2_late, in_time, late_request, in_time, late, in_time},
        {in_time, in_time, stage2_extended, in_time, complex, in_time, late, in_time},
        {in_time, in_time, in_time, late, in_time, stage2, in_time, in_time},
        {in_time, in_time, in_time, in_time, complex, in_time, late, in_time},
        {in_time, open_stage2, open_overdue, open_overdue, open_complex, open_in_time, open_in_time, open_in_time},
    };
    return fates;
}

struct PointText {
    std::string_view theme;
    std::string_view summary;
};

const std::vector<PointText>& point_texts()
{
    static const std::vector<PointText> texts{
        {"communication", "Phone calls and emails to the allocated worker were not returned."},
        {"communication", "The family were not told that their social worker had changed."},
        {"communication", "Nobody explained what the assessment had concluded or what would happen next."},
        {"communication", "Meeting minutes were not shared with the family before the review."},
        {"delay", "The assessment took much longer than the family were told it would."},
        {"delay", "A referral for family support was agreed but not made."},
        {"delay", "The review meeting was postponed twice at short notice."},
        {"staff_attitude", "The parent felt the worker was dismissive during a home visit."},
        {"staff_attitude", "The young person felt they were not taken seriously at their review."},
        {"factual_errors_in_assessment", "The assessment contains factual errors about the family's history."},
        {"factual_errors_in_assessment", "The conference report records the wrong school for the child."},
        {"contact_arrangements", "Family time with a brother and sister was cancelled at short notice."},
        {"contact_arrangements", "The contact venue cannot be reached by public transport."},
        {"allowances_and_finance", "The special guardianship allowance was paid late for two months."},
        {"allowances_and_finance", "The setting-up home allowance was less than the young person was told."},
        {"placement", "The young person was moved to a new home without being asked for their views."},
        {"decision_disagreement", "The family disagree with the decision to hold a child protection conference."},
        {"decision_disagreement", "The request for a change of social worker was refused without reasons."},
    };
    return texts;
}

const std::vector<std::string_view>& learning_texts()
{
    static const std::vector<std::string_view> texts{
        "Team managers check that families are told in writing when their worker changes.",
        "Calls and emails from families are answered within two working days; duty cover named on voicemail.",
        "The assessment template now records factual corrections asked for by families.",
        "Family time arrangements are confirmed in writing a week ahead.",
        "Allowance payments moved to a monthly schedule with a named back-up in the finance team.",
        "Young people's views are recorded before any planned move of home.",
        "Minutes are shared with families five working days before reviews.",
    };
    return texts;
}

const std::vector<std::string_view>& learning_owners()
{
    static const std::vector<std::string_view> owners{
        "Service manager, localities", "Practice standards team", "Children in care service",
        "Finance team",                "Fostering service",       "Independent reviewing service"};
    return owners;
}

const std::vector<Weighted> complainant_types{{"parent", 52}, {"young_person", 14}, {"other_family", 12},
                                              {"foster_carer", 9}, {"advocate", 8}, {"care_leaver", 5}};
const std::vector<Weighted> service_areas{{"children_in_need", 30}, {"child_protection", 22},
                                          {"children_looked_after", 20}, {"front_door", 10},
                                          {"care_leavers", 8},      {"disabled_children", 10}};
const std::vector<Weighted> teams{{"North locality", 22}, {"South locality", 20}, {"East locality", 18},
                                  {"West locality", 17},  {"Children with disabilities", 12},
                                  {"Children in care", 11}};
const std::vector<Weighted> stage1_outcomes{{"not_upheld", 40}, {"partially_upheld", 25}, {"upheld", 25},
                                            {"resolved", 7},    {"withdrawn", 3}};
const std::vector<Weighted> later_outcomes{{"not_upheld", 45}, {"partially_upheld", 35}, {"upheld", 20}};

bool open_fate(Fate fate)
{
    return fate == Fate::open_in_time || fate == Fate::open_complex || fate == Fate::open_overdue ||
           fate == Fate::open_stage2;
}

// Working days before demo_today() that an open complaint's current stage started:
// in time, extended or overdue by construction (no bank holiday falls in March 2026).
int open_stage_age(Dice& dice, Fate fate)
{
    switch (fate) {
    case Fate::open_overdue: return between(dice, 13, 19);  // 10 allowed
    case Fate::open_complex: return between(dice, 12, 16);  // 20 allowed
    case Fate::open_stage2: return between(dice, 8, 14);    // 25 allowed
    default: return between(dice, 2, 8);                    // 10 allowed
    }
}

struct Milestone {
    std::string_view code;
    int low;  // weekdays after the clock starts
    int high;
};

// Runs one stage: its milestones in order, each counted from the one before.
sys_days run_stage(Dice& dice, ComplaintStage& stage, sys_days started, const std::vector<Milestone>& milestones)
{
    sys_days at = started;
    for (const Milestone& milestone : milestones) {
        at = add_weekdays(at, between(dice, milestone.low, milestone.high));
        stage.milestones[std::string(milestone.code)] = text_of(at);
    }
    return at;
}

void decide(Dice& dice, Complaint& complaint, const std::vector<Weighted>& outcomes)
{
    for (ComplaintPoint& point : complaint.points) {
        point.outcome = dice.pick(outcomes).name;
        point.outcome_stage = complaint.stages.back().stage;
    }
}

Complaint make_complaint(Dice& dice, Fate fate, int quarter)
{
    const sys_days today = demo_day;
    Complaint complaint;
    complaint.uuid = dice.uuid();
    complaint.complainant_type = dice.pick(complainant_types).name;
    complaint.service_area = dice.pick(service_areas).name;
    complaint.team = dice.pick(teams).name;
    complaint.recorded_by = recorder[dice.below(2)];
    // The statutory procedure is for children and those acting for them; a few
    // complaints from others go through the corporate procedure.
    const bool corporate = complaint.complainant_type == "other_family" && fate == Fate::in_time && dice.chance(0.6);
    complaint.procedure = corporate ? "corporate" : "statutory";
    complaint.advocate_offered = complaint.complainant_type == "young_person" ||
                                 complaint.complainant_type == "care_leaver" ||
                                 (complaint.procedure == "statutory" && dice.chance(0.3));

    // Points and themes.
    const std::size_t point_count = dice.chance(0.55) ? 1 : dice.chance(0.65) ? 2 : 3;
    const auto& texts = point_texts();
    std::size_t text = dice.below(texts.size());
    for (std::size_t i = 0; i < point_count; ++i, text = (text + 1 + dice.below(4)) % texts.size()) {
        complaint.points.push_back({std::string(texts[text].summary), "", ""});
        const std::string theme(texts[text].theme);
        if (std::find(complaint.themes.begin(), complaint.themes.end(), theme) == complaint.themes.end())
            complaint.themes.push_back(theme);
    }

    // When it arrived: closed complaints leave room for every stage before today.
    sys_days received;
    if (open_fate(fate)) {
        const int age = open_stage_age(dice, fate);
        received = add_weekdays(today, fate == Fate::open_stage2 ? -(age + between(dice, 16, 20)) : -age);
    } else {
        const sys_days last_day = std::min(quarter_start(quarter + 1) - days{1}, add_weekdays(today, -30));
        received = weekday_between(dice, quarter_start(quarter), last_day);
    }
    complaint.received = text_of(received);
    complaint.became_aware = text_of(received - days{between(dice, 2, 45)});
    if (fate == Fate::late_request)
        complaint.became_aware = text_of(received - days{between(dice, 400, 480)});

    // Stage 1.
    ComplaintStage stage1{"stage1", complaint.received, false, "", {}};
    const bool extended = fate == Fate::complex || fate == Fate::open_complex || dice.chance(0.05);
    if (extended && !(fate == Fate::late || fate == Fate::open_overdue)) {
        stage1.extended = true;
        stage1.extension_reason = dice.chance(0.5)
            ? "Several services involved; records from partner agencies were needed."
            : "The complainant asked to meet before the response was written.";
    }
    complaint.stages.push_back(stage1);
    if (fate == Fate::open_in_time || fate == Fate::open_complex || fate == Fate::open_overdue)
        return complaint;
    const Milestone stage1_response = fate == Fate::late           ? Milestone{"responded", 15, 24}
                                      : complaint.stages[0].extended ? Milestone{"responded", 11, 18}
                                                                     : Milestone{"responded", 3, 9};
    sys_days at = run_stage(dice, complaint.stages[0], received, {stage1_response});
    decide(dice, complaint, fate == Fate::late_request ? std::vector<Weighted>{{"out_of_time", 1}}
                            : fate == Fate::in_time || fate == Fate::late || fate == Fate::complex
                                ? stage1_outcomes
                                : later_outcomes);
    if (fate == Fate::in_time || fate == Fate::late || fate == Fate::complex || fate == Fate::late_request)
        return complaint;

    // Stage 2, asked for within 20 working days of the stage 1 response.
    const sys_days stage2_start = fate == Fate::open_stage2 ? add_weekdays(today, -open_stage_age(dice, fate))
                                                            : add_weekdays(at, between(dice, 4, 15));
    ComplaintStage stage2{"stage2", text_of(stage2_start), false, "", {}};
    if (fate == Fate::stage2_extended) {
        stage2.extended = true;
        stage2.extension_reason = "The investigating officer needed to interview staff who had left the service.";
    }
    complaint.stages.push_back(stage2);
    if (fate == Fate::open_stage2)
        return complaint;
    const Milestone stage2_response = fate == Fate::stage2_late       ? Milestone{"responded", 32, 40}
                                      : fate == Fate::stage2_extended ? Milestone{"responded", 40, 58}
                                                                      : Milestone{"responded", 16, 23};
    at = run_stage(dice, complaint.stages[1], stage2_start, {stage2_response});
    decide(dice, complaint, later_outcomes);
    if (fate != Fate::stage3 && fate != Fate::ombudsman)
        return complaint;

    // Stage 3: panel within 30 working days, its report within 5, the response within 15.
    const sys_days stage3_start = add_weekdays(at, between(dice, 4, 15));
    complaint.stages.push_back({"stage3", text_of(stage3_start), false, "", {}});
    at = run_stage(dice, complaint.stages[2], stage3_start,
                   {{"panel_held", 18, 27}, {"report_sent", 2, 4}, {"responded", 6, 13}});
    decide(dice, complaint, later_outcomes);
    if (fate == Fate::ombudsman)
        complaint.stages.push_back({"ombudsman", text_of(add_weekdays(at, between(dice, 10, 30))), false, "", {}});
    return complaint;
}

void add_learning(Dice& dice, Complaint& complaint)
{
    const bool upheld = std::any_of(complaint.points.begin(), complaint.points.end(), [](const ComplaintPoint& p) {
        return p.outcome == "upheld" || p.outcome == "partially_upheld";
    });
    if (!upheld || !dice.chance(0.6))
        return;
    // Learning follows the council's last response (an Ombudsman stage has none of its own).
    const auto decided = std::find_if(complaint.stages.rbegin(), complaint.stages.rend(),
                                      [](const ComplaintStage& stage) { return stage.milestones.count("responded"); });
    const sys_days responded = date_of(decided->milestones.at("responded"));
    const sys_days due = responded + days{between(dice, 40, 90)};
    LearningAction action;
    action.action = learning_texts()[dice.below(learning_texts().size())];
    action.owner = learning_owners()[dice.below(learning_owners().size())];
    action.due = text_of(due);
    const sys_days completed = responded + days{between(dice, 20, 100)};
    if (completed < demo_day)
        action.completed = text_of(completed);
    complaint.learning.push_back(std::move(action));
}

const std::vector<Weighted> compliment_sources{{"parent", 34}, {"grandparent", 10}, {"foster_carer", 16},
                                               {"teacher", 12}, {"child", 8},       {"young_person", 10},
                                               {"professional", 10}};

const std::map<std::string_view, std::vector<std::string_view>>& compliment_texts()
{
    static const std::map<std::string_view, std::vector<std::string_view>> texts{
        {"parent",
         {"Thanked the social worker for being honest and always keeping the family updated.",
          "Said the family support worker helped them get their routines back on track.",
          "Wrote to say the plan had made a real difference and home feels calmer.",
          "Thanked the team for arranging an interpreter for every meeting."}},
        {"grandparent",
         {"Thanked the worker for helping the grandchildren stay in touch with each other.",
          "Said the kinship support group had been a lifeline."}},
        {"foster_carer",
         {"Praised the supervising social worker for being available at a difficult time.",
          "Thanked the team for preparing the young person well for their move."}},
        {"teacher",
         {"Thanked the worker for joining the school meeting and explaining the plan clearly.",
          "Said the joint work with school had helped the pupil settle."}},
        {"child", {"Drew a card to say thank you for the days out.", "Said their social worker always listens."}},
        {"young_person",
         {"Thanked their personal adviser for help finding a college course.",
          "Said their worker helped them feel heard at their review."}},
        {"professional",
         {"A health visitor praised the clear and quick response to a referral.",
          "The police thanked the team for a well-run strategy meeting."}},
    };
    return texts;
}

} // namespace

std::string demo_today()
{
    return today_text;
}

std::vector<Complaint> demo_complaints()
{
    Dice dice(complaints_seed);
    std::vector<Complaint> complaints;
    const auto& fates = fates_per_quarter();
    for (std::size_t quarter = 0; quarter < fates.size(); ++quarter) {
        for (Fate fate : fates[quarter]) {
            Complaint complaint = make_complaint(dice, fate, static_cast<int>(quarter));
            if (!open_fate(fate))
                add_learning(dice, complaint);
            complaints.push_back(std::move(complaint));
        }
    }
    std::stable_sort(complaints.begin(), complaints.end(),
                     [](const Complaint& a, const Complaint& b) { return a.received < b.received; });
    // Case references number the complaints of each financial year in the order received.
    int number = 0;
    std::string year_prefix;
    for (Complaint& complaint : complaints) {
        const std::string prefix = complaint.received < "2025-04-01" ? "24" : "25";
        if (prefix != year_prefix) {
            year_prefix = prefix;
            number = 0;
        }
        char reference[24];
        std::snprintf(reference, sizeof reference, "CMP-%s-%03d", prefix.c_str(), ++number);
        complaint.reference = reference;
    }
    return complaints;
}

std::vector<Compliment> demo_compliments()
{
    Dice dice(compliments_seed);
    static constexpr std::array<int, 8> per_quarter{8, 9, 10, 10, 10, 11, 11, 11};
    std::vector<Compliment> compliments;
    for (std::size_t quarter = 0; quarter < per_quarter.size(); ++quarter) {
        const sys_days first = quarter_start(static_cast<int>(quarter));
        const sys_days last = quarter_start(static_cast<int>(quarter) + 1) - days{1};
        for (int i = 0; i < per_quarter[quarter]; ++i) {
            Compliment compliment;
            compliment.uuid = dice.uuid();
            compliment.received = text_of(weekday_between(dice, first, last));
            compliment.source_type = dice.pick(compliment_sources).name;
            compliment.service_area = dice.pick(service_areas).name;
            compliment.team = dice.pick(teams).name;
            const auto& pool = compliment_texts().at(compliment.source_type);
            compliment.summary = pool[dice.below(pool.size())];
            compliment.recorded_by = recorder[dice.below(2)];
            compliments.push_back(std::move(compliment));
        }
    }
    std::stable_sort(compliments.begin(), compliments.end(),
                     [](const Compliment& a, const Compliment& b) { return a.received < b.received; });
    return compliments;
}

} // namespace chorus
