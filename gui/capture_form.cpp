#include "capture_form.hpp"

#include "chorus/dates.hpp"
#include "chorus/uuid.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

namespace chorus::gui {

CaptureForm::CaptureForm(Instrument instrument) : instrument_(std::move(instrument))
{
    for (const auto& question : instrument_.questions)
        if (!question.relevant.empty())
            conditions_.emplace(question.key, Condition::parse(question.relevant));
}

void CaptureForm::start_new(const std::string& captured_by)
{
    response_ = {};
    response_.uuid = new_uuid();
    response_.instrument_id = instrument_.id;
    response_.instrument_version = instrument_.version;
    response_.captured_at = utc_now();
    response_.captured_by = captured_by;
    const auto types = respondent_types();
    if (types.size() == 1)
        response_.respondent_type = types.front();
}

void CaptureForm::load(const Response& response)
{
    response_ = response;
}

void CaptureForm::set_answer(const std::string& key, Answer answer)
{
    response_.answers[key] = std::move(answer);
}

void CaptureForm::clear_answer(const std::string& key)
{
    response_.answers.erase(key);
}

const Answer* CaptureForm::answer(const std::string& key) const
{
    auto found = response_.answers.find(key);
    return found == response_.answers.end() ? nullptr : &found->second;
}

// In question order, so a condition on an earlier question sees whether that one is
// shown: the answer to a hidden question counts as blank.
std::map<std::string, bool> CaptureForm::visibility() const
{
    std::map<std::string, bool> visible;
    const AnswerLookup lookup = [&](std::string_view key) -> const Answer* {
        auto shown = visible.find(std::string(key));
        if (shown == visible.end() || !shown->second)
            return nullptr;
        return answer(std::string(key));
    };
    for (const auto& question : instrument_.questions) {
        auto condition = conditions_.find(question.key);
        visible[question.key] = condition == conditions_.end() || condition->second.evaluate(lookup);
    }
    return visible;
}

bool CaptureForm::is_visible(const Question& question) const
{
    return visibility().at(question.key);
}

std::vector<const Question*> CaptureForm::visible_questions() const
{
    const auto visible = visibility();
    std::vector<const Question*> result;
    for (const auto& question : instrument_.questions)
        if (visible.at(question.key))
            result.push_back(&question);
    return result;
}

std::vector<std::string> CaptureForm::respondent_types() const
{
    if (!instrument_.respondent_types.empty())
        return instrument_.respondent_types;
    std::vector<std::string> types;
    for (auto name : respondent_type_names())
        types.emplace_back(name);
    return types;
}

Response CaptureForm::response() const
{
    Response result = response_;
    const auto visible = visibility();
    for (auto it = result.answers.begin(); it != result.answers.end();) {
        auto shown = visible.find(it->first);
        it = shown != visible.end() && !shown->second ? result.answers.erase(it) : std::next(it);
    }
    return result;
}

std::map<std::string, std::vector<std::string>> CaptureForm::problems(ValidationMode mode) const
{
    std::map<std::string, std::vector<std::string>> by_question;
    for (auto& problem : validate_response(instrument_, response(), mode))
        by_question[problem.question_key].push_back(problem.message);
    return by_question;
}

std::optional<Answer> CaptureForm::parse_typed(const Question& question, const std::string& typed,
                                               std::string& problem)
{
    problem.clear();
    const auto first = typed.find_first_not_of(" \t");
    if (first == std::string::npos)
        return std::nullopt;
    const std::string text = typed.substr(first, typed.find_last_not_of(" \t") - first + 1);
    switch (question.type) {
    case QuestionType::integer: {
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size()) {
            problem = "Enter a whole number, such as 3";
            return std::nullopt;
        }
        return value;
    }
    case QuestionType::decimal: {
        std::istringstream in(text);
        in.imbue(std::locale::classic()); // "2.5" whatever the user's locale
        double value = 0;
        in >> value;
        if (in.fail() || !in.eof() || !std::isfinite(value)) {
            problem = "Enter a number, such as 2.5";
            return std::nullopt;
        }
        return value;
    }
    case QuestionType::date: {
        auto date = normalise_date(text);
        if (!date) {
            problem = "Enter a date as DD/MM/YYYY, such as 31/03/2026";
            return std::nullopt;
        }
        return *date;
    }
    default:
        return typed; // text is kept as typed
    }
}

std::string CaptureForm::typed_text(const Answer& answer)
{
    if (auto text = std::get_if<std::string>(&answer))
        return *text;
    if (auto number = std::get_if<std::int64_t>(&answer))
        return std::to_string(*number);
    if (auto number = std::get_if<double>(&answer)) {
        std::ostringstream out;
        out.imbue(std::locale::classic());
        out << *number;
        return out.str();
    }
    return {};
}

} // namespace chorus::gui
