#include "wx_text.hpp"

#include <wx/msgdlg.h>

namespace chorus::gui {

void show_error(wxWindow* parent, const wxString& what_failed, const std::exception& error)
{
    wxMessageDialog dialog(parent, wx(error.what()), what_failed, wxOK | wxICON_ERROR);
    dialog.SetTitle("Chorus");
    dialog.SetMessage(what_failed);
    dialog.SetExtendedMessage(wx(error.what()));
    dialog.ShowModal();
}

wxString label_text(std::string_view text)
{
    wxString label = wx(text);
    label.Replace("&", "&&");
    return label;
}

} // namespace chorus::gui
