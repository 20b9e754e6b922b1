#pragma once
// A large answer button for child mode: a face drawn by the app (sad to happy) or just
// big text, with its label. Works with the keyboard (Tab to it, Space or Enter picks it)
// and sends wxEVT_BUTTON when picked.
#include <wx/control.h>

#include <optional>

namespace chorus::gui {

class FaceButton : public wxControl {
public:
    // mood: -1 (very sad) .. 1 (very happy); nullopt for a text-only button.
    FaceButton(wxWindow* parent, const wxString& label, std::optional<double> mood, const wxSize& size);

    void set_chosen(bool chosen);
    bool chosen() const { return chosen_; }
    bool AcceptsFocus() const override { return true; }

private:
    void paint(wxPaintEvent& event);
    void pick();

    std::optional<double> mood_;
    bool chosen_ = false;
    bool hover_ = false;
};

} // namespace chorus::gui
