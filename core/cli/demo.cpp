// demo: seeds the demo data once and shows what a new user should see first:
// where the data is, what is in it, and one real figure per survey.
#include "commands.hpp"
#include "table.hpp"

#include "chorus/demo.hpp"
#include "chorus/paths.hpp"
#include "chorus/stats.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

namespace chorus::cli {

namespace {

// The agree-scale question a report would lead with: "listened" when there is
// one (the classic Child in Need measure), else the first agree-scale question.
const Question* headline_question(const Instrument& instrument)
{
    const Question* first = nullptr;
    for (const auto& question : instrument.questions) {
        if (question.type != QuestionType::agree_scale)
            continue;
        if (question.key == "listened")
            return &question;
        if (first == nullptr)
            first = &question;
    }
    return first;
}

bool has_option(const Question& question, std::string_view code)
{
    return std::any_of(question.options.begin(), question.options.end(),
                       [&](const Option& option) { return option.code == code; });
}

// "My social worker listened" -> "my social worker listened"; "I receive" and
// "IRO visits" keep their capital.
std::string sentence_case_inside(std::string label)
{
    const bool lower_case_word = label.size() > 1 && label[1] >= 'a' && label[1] <= 'z';
    if (label[0] >= 'A' && label[0] <= 'Z' && lower_case_word)
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return label;
}

struct Headline {
    std::string text;
    std::string stats_command;
};

// "92% agreed that my social worker listened to my views (base 48)": agree +
// strongly agree over the answers, leaving "not applicable" out when it is an option.
std::optional<Headline> headline(Store& store, const Instrument& instrument)
{
    const Question* question = headline_question(instrument);
    if (question == nullptr)
        return std::nullopt;
    StatsQuery query;
    query.instrument_id = instrument.id;
    query.question_key = question->key;
    if (has_option(*question, "na"))
        query.excluded_codes = {"na"};
    const auto stats = compute_question_stats(store, query);
    if (stats.base == 0)
        return std::nullopt;

    std::int64_t agreed = 0;
    for (const auto& option : stats.options)
        if (option.code == "agree" || option.code == "strongly_agree")
            agreed += option.count;
    Headline result;
    result.text = format_percent(agreed, stats.base, 0) + "% agreed that " +
                  sentence_case_inside(stats.question_label) + " (base " +
                  std::to_string(stats.base) + ")";
    result.stats_command = "chorus-cli stats --instrument " + instrument.id + " --question " +
                           question->key + (query.excluded_codes.empty() ? "" : " --exclude na") +
                           " --format table";
    return result;
}

} // namespace

int demo(const Arguments& /*arguments*/, Context& context)
{
    Store& store = context.store();
    const auto summary = seed_demo(store, context.actor());
    std::ostream& out = context.out();

    out << "Database: " << context.database().string() << '\n'
        << (summary.seeded_now ? "Seeded the demo data: " : "Demo data already present: ")
        << count_noun(static_cast<std::int64_t>(summary.instruments), "instrument",
                      "instruments")
        << ", " << count_noun(summary.responses, "response", "responses") << ", "
        << count_noun(summary.complaints, "complaint", "complaints") << ", "
        << count_noun(summary.compliments, "compliment", "compliments") << ".\n\n";
    print_instruments_table(out, store.list_instruments());

    // Suggested commands must reach this database even when it is not the default one.
    const std::string database_option_text =
        context.database() == default_database_path()
            ? std::string()
            : " --db \"" + context.database().string() + "\"";
    const auto instruments = demo_instruments();
    std::string next_command;
    bool printed_title = false;
    for (const auto& instrument : instruments) {
        auto line = headline(store, instrument);
        if (!line)
            continue;
        if (!printed_title)
            out << "\nHeadlines:\n";
        printed_title = true;
        out << "  " << instrument.title << ": " << line->text << '\n';
        if (next_command.empty())
            next_command = line->stats_command + database_option_text;
    }

    out << "\nNext:\n";
    if (!next_command.empty())
        out << "  " << next_command << '\n';
    if (!instruments.empty())
        out << "  chorus-cli instruments show " << instruments.front().id << database_option_text
            << '\n';
    // The demo register is fixed in time, so its status is shown as at the demo's day.
    if (summary.complaints > 0 && context.plugins().case_procedure() != nullptr)
        out << "  chorus-cli complaints list --open --today " << demo_today() << database_option_text << '\n';
    out << "  chorus-cli --help\n";
    return 0;
}

} // namespace chorus::cli
