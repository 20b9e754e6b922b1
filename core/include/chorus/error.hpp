#pragma once
// The one exception family core throws. Every message is meant for a person:
// it names the input (file, instrument, question) and says what is wrong with it.
#include "chorus/export.hpp"

#include <stdexcept>
#include <string>

namespace chorus {

class CHORUS_CORE_API Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace chorus
