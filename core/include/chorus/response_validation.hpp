#pragma once
// Checking a response against the version of the instrument it answers.
#include "chorus/error.hpp"
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"

#include <memory>
#include <string>
#include <vector>

namespace chorus {

struct AnswerProblem {
    std::string question_key; // "" for problems with the response as a whole (metadata)
    std::string message;      // e.g. "\"maybe\" is not an option of this question"
};

enum class ValidationMode {
    complete, // everything, including required questions
    draft,    // as complete, but required questions may still be blank
};

// Every problem found, in question order; empty when the response is valid.
// Checks: metadata (uuid, captured_at, respondent type), unknown question keys,
// answers to notes, required, type and range, option exists, and relevance
// (a question hidden by its condition must be blank).
CHORUS_CORE_API std::vector<AnswerProblem> validate_response(const Instrument& instrument,
                                                             const Response& response,
                                                             ValidationMode mode);

// The same checks with the instrument's conditions parsed once: for validating many
// responses to one instrument version (imports). Keeps a reference to `instrument`.
class CHORUS_CORE_API ResponseValidator {
public:
    explicit ResponseValidator(const Instrument& instrument);
    ~ResponseValidator();
    ResponseValidator(const ResponseValidator&) = delete;
    ResponseValidator& operator=(const ResponseValidator&) = delete;
    std::vector<AnswerProblem> check(const Response& response, ValidationMode mode) const;

private:
    struct Conditions;
    const Instrument& instrument_;
    std::unique_ptr<Conditions> conditions_;
};

class CHORUS_CORE_API InvalidResponse : public Error {
public:
    InvalidResponse(const std::string& context, std::vector<AnswerProblem> problems);
    const std::vector<AnswerProblem>& problems() const { return problems_; }

private:
    std::vector<AnswerProblem> problems_;
};

} // namespace chorus
