#include "navigation.hpp"

#include <array>
#include <utility>

namespace chorus::gui {

namespace {

constexpr std::array<std::pair<View, std::string_view>, 7> names{{{View::capture, "capture"},
                                                                 {View::responses, "responses"},
                                                                 {View::analysis, "analysis"},
                                                                 {View::complaints, "complaints"},
                                                                 {View::compliments, "compliments"},
                                                                 {View::scorecard, "scorecard"},
                                                                 {View::plugins, "plugins"}}};

} // namespace

std::string_view view_name(View view)
{
    for (const auto& [each, name] : names)
        if (each == view)
            return name;
    return "responses";
}

std::optional<View> view_from_name(std::string_view name)
{
    for (const auto& [view, each] : names)
        if (each == name)
            return view;
    return std::nullopt;
}

std::string Place::key() const
{
    std::string text(view_name(view));
    if (!instrument_id.empty())
        text += ":" + instrument_id;
    return text;
}

std::optional<Place> Place::from_key(std::string_view key)
{
    const auto colon = key.find(':');
    auto view = view_from_name(key.substr(0, colon));
    if (!view)
        return std::nullopt;
    Place place{*view, {}};
    if (colon != std::string_view::npos)
        place.instrument_id = std::string(key.substr(colon + 1));
    return place;
}

Permission view_permission(View view)
{
    switch (view) {
    case View::capture: return Permission::capture;
    case View::complaints:
    case View::compliments: return Permission::manage_complaints;
    case View::responses:
    case View::analysis:
    case View::scorecard:
    case View::plugins: return Permission::analyse;
    }
    return Permission::analyse;
}

} // namespace chorus::gui
