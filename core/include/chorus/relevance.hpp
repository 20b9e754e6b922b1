#pragma once
// Relevance conditions: when a question is shown. A small expression language,
// documented in docs/instrument-format.md, e.g.
//   listened = 'disagree' or listened = 'strongly_disagree'
//   age >= 11 and not answered(consent)
//   selected(worries, 'other')
//   rating in ['0', '1', '2']
// Question keys are bare identifiers; strings are quoted with ' or ".
#include "chorus/error.hpp"
#include "chorus/export.hpp"
#include "chorus/response.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class CHORUS_CORE_API ConditionError : public Error {
public:
    // position: 0-based offset into the condition text where the problem is.
    ConditionError(const std::string& message, std::size_t position)
        : Error(message), position_(position) {}
    std::size_t position() const { return position_; }

private:
    std::size_t position_;
};

// Returns the answer to a question, or nullptr when it is blank (or hidden).
using AnswerLookup = std::function<const Answer*(std::string_view key)>;

class CHORUS_CORE_API Condition {
public:
    // Throws ConditionError with a message such as
    //   "expected a value after '=' at position 9".
    static Condition parse(std::string_view text);

    // Semantics: a blank answer makes every comparison false ("!=" too) and
    // answered(key) false. A multiple-choice answer compares equal to a string
    // when that code is among those selected. A number compared with an option
    // code such as a rating "7" compares numerically.
    bool evaluate(const AnswerLookup& lookup) const;

    // Question keys the condition reads, in order of first appearance.
    const std::vector<std::string>& referenced_keys() const;

    Condition(Condition&&) noexcept;
    Condition& operator=(Condition&&) noexcept;
    Condition(const Condition&);
    Condition& operator=(const Condition&);
    ~Condition();

    struct Node; // defined in relevance.cpp

private:
    Condition();
    std::shared_ptr<const Node> root_;
    std::vector<std::string> keys_;
};

} // namespace chorus
