#include "child_mode.hpp"

#include <algorithm>

namespace chorus::gui {

ChildSession::ChildSession(const Instrument& instrument, std::string worker, PinHash pin)
    : form_(instrument), worker_(std::move(worker)), pin_(std::move(pin))
{
    start_next_child();
}

const Question* ChildSession::current() const
{
    const auto visible = form_.visible_questions();
    return page_ < visible.size() ? visible[page_] : nullptr;
}

std::size_t ChildSession::pages() const
{
    return form_.visible_questions().size();
}

void ChildSession::next()
{
    if (!finished())
        ++page_;
}

void ChildSession::back()
{
    if (page_ > 0)
        --page_;
}

bool ChildSession::needs_answer() const
{
    const Question* question = current();
    return question && question->required && !form_.answer(question->key);
}

std::string ChildSession::child_respondent_type() const
{
    const auto types = form_.respondent_types();
    for (const char* preferred : {"child", "young_person"})
        if (std::find(types.begin(), types.end(), preferred) != types.end())
            return preferred;
    return types.empty() ? std::string() : types.front();
}

void ChildSession::start_next_child()
{
    const std::string respondent_type = form_.metadata().respondent_type;
    const std::string team = form_.metadata().team;
    form_.start_new(worker_);
    // Who answers and for which team is the worker's setting, kept from child to child.
    form_.set_respondent_type(respondent_type.empty() ? child_respondent_type() : respondent_type);
    form_.set_team(team);
    page_ = 0;
}

} // namespace chorus::gui
