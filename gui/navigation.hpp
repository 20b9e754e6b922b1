#pragma once
// Where the main window can be: a view, and for the survey views the instrument shown.
// A new view is a new View value, a name here and a node in MainFrame::build_navigation().
#include "chorus/access.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace chorus::gui {

enum class View { capture, responses, analysis, complaints, compliments, scorecard, plugins };

struct Place {
    View view = View::responses;
    std::string instrument_id; // capture, responses, analysis; "" = the view's own choice

    // "capture:cin-family-feedback", "plugins": how the last place is remembered.
    std::string key() const;
    static std::optional<Place> from_key(std::string_view key);
    friend bool operator==(const Place&, const Place&) = default;
};

std::string_view view_name(View view); // "capture", "responses", ... as --view takes them
// What showing the view needs (access.hpp): a worker has the capture view only.
Permission view_permission(View view);
std::optional<View> view_from_name(std::string_view name);

} // namespace chorus::gui
