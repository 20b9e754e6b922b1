#pragma once
// Child mode without the window: one question per page over the questions relevance
// shows, a fresh response for every child, and the worker's PIN (kept only as a salted
// slow hash) needed to leave.
#include "capture_form.hpp"

#include "chorus/pin.hpp"

#include <cstddef>
#include <string>

namespace chorus::gui {

class ChildSession {
public:
    ChildSession(const Instrument& instrument, std::string worker, PinHash pin);

    CaptureForm& form() { return form_; }
    // The question on the current page; nullptr on the "thank you" page after the last.
    const Question* current() const;
    std::size_t page() const { return page_; }   // 0-based
    std::size_t pages() const;                   // visible questions, changing as answers do
    bool can_go_back() const { return page_ > 0; }
    void next();
    void back();
    bool finished() const { return current() == nullptr; }
    // The current question needs an answer before moving on (required and still blank).
    bool needs_answer() const;

    // For the next child: a new response, back to the first page. Nothing of the last
    // child's answers stays.
    void start_next_child();

    bool pin_matches(const std::string& pin) const { return chorus::pin_matches(pin_, pin); }

private:
    std::string child_respondent_type() const; // "child" or "young_person" when the instrument allows it

    CaptureForm form_;
    std::string worker_;
    PinHash pin_;
    std::size_t page_ = 0;
};

} // namespace chorus::gui
