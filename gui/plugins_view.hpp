#pragma once
// The plugins the host loaded, and those it refused with the reason for each.
#include <wx/panel.h>

class wxListCtrl;

namespace chorus::gui {

class Session;

class PluginsView : public wxPanel {
public:
    PluginsView(wxWindow* parent, Session& session);
    void reload();
    wxListCtrl& refused_list() { return *refused_; }

private:
    Session& session_;
    wxListCtrl* loaded_ = nullptr;
    wxListCtrl* refused_ = nullptr;
};

} // namespace chorus::gui
