#pragma once
// The state of one response being captured, without any window: answers as typed so far,
// which questions their relevance conditions show, and what core's validation says.
// The capture panel (capture_form_ui.hpp) and child mode both drive one of these.
#include "chorus/instrument.hpp"
#include "chorus/relevance.hpp"
#include "chorus/response.hpp"
#include "chorus/response_validation.hpp"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chorus::gui {

class CaptureForm {
public:
    explicit CaptureForm(Instrument instrument); // throws ConditionError for a bad condition

    const Instrument& instrument() const { return instrument_; }

    // A fresh response: new uuid, captured now by `captured_by`, no answers.
    void start_new(const std::string& captured_by);
    // Continues a draft, or corrects a stored response (same uuid).
    void load(const Response& response);

    void set_answer(const std::string& key, Answer answer);
    void clear_answer(const std::string& key);
    const Answer* answer(const std::string& key) const; // nullptr when blank (even if hidden)
    void set_team(const std::string& team) { response_.team = team; }
    void set_respondent_type(const std::string& type) { response_.respondent_type = type; }
    const Response& metadata() const { return response_; }

    bool is_visible(const Question& question) const;
    std::vector<const Question*> visible_questions() const;
    // Respondent types offered: the instrument's own list, else every known type.
    std::vector<std::string> respondent_types() const;

    // The response to save: answers of hidden questions left out (they stay here, so
    // they come back if the question is shown again).
    Response response() const;
    // Core's problems for response(), by question key ("" = the response as a whole).
    std::map<std::string, std::vector<std::string>> problems(ValidationMode mode) const;

    // What the respondent typed into a number or date box, as an answer; nullopt with
    // `problem` set when it is not one ("12.5" for a whole number...). Empty text = blank.
    static std::optional<Answer> parse_typed(const Question& question, const std::string& text, std::string& problem);
    // An answer as text for a box (numbers, dates, text).
    static std::string typed_text(const Answer& answer);

private:
    std::map<std::string, bool> visibility() const;

    Instrument instrument_;
    std::map<std::string, Condition> conditions_; // question key -> its relevance condition
    Response response_;                           // answers as entered, hidden or not
};

} // namespace chorus::gui
