#pragma once
// Core speaks UTF-8 std::string; wx speaks wxString. The one place that converts.
#include <wx/string.h>

#include <string>
#include <string_view>

class wxWindow;

namespace chorus::gui {

inline wxString wx(std::string_view text)
{
    return wxString::FromUTF8(text.data(), text.size());
}

inline std::string utf8(const wxString& text)
{
    return std::string(text.utf8_str());
}

// A modal error box titled "Chorus" with the message; the app carries on afterwards.
void show_error(wxWindow* parent, const wxString& what_failed, const std::exception& error);

// "Child in Need" with "&" doubled, so a label never grows a mnemonic by accident.
wxString label_text(std::string_view text);

} // namespace chorus::gui
