#include "face_button.hpp"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <cmath>
#include <memory>

namespace chorus::gui {

namespace {

// Sad faces are a soft blue, happy ones warm yellow-green: never red for "sad", which
// a child might read as "wrong".
wxColour face_colour(double mood)
{
    const double t = (mood + 1) / 2;
    auto mix = [t](int a, int b) { return static_cast<unsigned char>(a + (b - a) * t); };
    return {mix(140, 255), mix(180, 214), mix(230, 90)};
}

} // namespace

FaceButton::FaceButton(wxWindow* parent, const wxString& label, std::optional<double> mood, const wxSize& size)
    : wxControl(parent, wxID_ANY, wxDefaultPosition, size, wxBORDER_NONE | wxWANTS_CHARS), mood_(mood)
{
    SetLabel(label);
    SetName(label);
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(size);
    Bind(wxEVT_PAINT, &FaceButton::paint, this);
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) { pick(); });
    Bind(wxEVT_ENTER_WINDOW, [this](wxMouseEvent&) { hover_ = true; Refresh(); });
    Bind(wxEVT_LEAVE_WINDOW, [this](wxMouseEvent&) { hover_ = false; Refresh(); });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& event) { Refresh(); event.Skip(); });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) { Refresh(); event.Skip(); });
    Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& event) {
        const int key = event.GetKeyCode();
        if (key == WXK_SPACE || key == WXK_RETURN || key == WXK_NUMPAD_ENTER)
            pick();
        else if (key == WXK_TAB)
            Navigate(event.ShiftDown() ? wxNavigationKeyEvent::IsBackward : wxNavigationKeyEvent::IsForward);
        else
            event.Skip();
    });
}

void FaceButton::set_chosen(bool chosen)
{
    chosen_ = chosen;
    Refresh();
}

void FaceButton::pick()
{
    wxCommandEvent event(wxEVT_BUTTON, GetId());
    event.SetEventObject(this);
    ProcessWindowEvent(event);
}

void FaceButton::paint(wxPaintEvent&)
{
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc)
        return;
    const wxSize size = GetClientSize();
    const double w = size.x, h = size.y;

    // The tile: a rounded card, outlined thick when chosen or focused.
    const bool focused = HasFocus();
    gc->SetBrush(wxBrush(chosen_ ? wxColour(215, 235, 255) : hover_ ? wxColour(245, 248, 252) : *wxWHITE));
    gc->SetPen(wxPen(chosen_ ? wxColour(20, 90, 180) : focused ? wxColour(40, 40, 40) : wxColour(190, 190, 190),
                     chosen_ || focused ? 5 : 2, focused && !chosen_ ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
    gc->DrawRoundedRectangle(4, 4, w - 8, h - 8, 18);

    wxFont font = GetFont().Scaled(1.6f).Bold();
    double text_w = 0, text_h = 0;
    if (mood_) {
        const double mood = *mood_;
        const double radius = std::min(w, h - 60) * 0.36;
        const double cx = w / 2, cy = 14 + radius;
        gc->SetBrush(wxBrush(face_colour(mood)));
        gc->SetPen(wxPen(wxColour(60, 60, 60), 3));
        gc->DrawEllipse(cx - radius, cy - radius, 2 * radius, 2 * radius);
        gc->SetBrush(wxBrush(wxColour(40, 40, 40)));
        gc->SetPen(*wxTRANSPARENT_PEN);
        const double eye = radius * 0.12;
        gc->DrawEllipse(cx - radius * 0.38 - eye, cy - radius * 0.3 - eye, 2 * eye, 2 * eye);
        gc->DrawEllipse(cx + radius * 0.38 - eye, cy - radius * 0.3 - eye, 2 * eye, 2 * eye);
        // The mouth: a curve whose middle dips for a smile and rises for a frown.
        wxGraphicsPath mouth = gc->CreatePath();
        const double mouth_y = cy + radius * 0.35, half = radius * 0.45;
        mouth.MoveToPoint(cx - half, mouth_y);
        mouth.AddQuadCurveToPoint(cx, mouth_y + mood * radius * 0.45, cx + half, mouth_y);
        gc->SetPen(wxPen(wxColour(40, 40, 40), static_cast<int>(std::max(3.0, radius * 0.08))));
        gc->SetBrush(*wxTRANSPARENT_BRUSH);
        gc->StrokePath(mouth);
        gc->SetFont(font, wxColour(30, 30, 30));
        gc->GetTextExtent(GetLabel(), &text_w, &text_h);
        gc->DrawText(GetLabel(), (w - text_w) / 2, h - text_h - 16);
    } else {
        gc->SetFont(font, wxColour(30, 30, 30));
        gc->GetTextExtent(GetLabel(), &text_w, &text_h);
        gc->DrawText(GetLabel(), std::max(10.0, (w - text_w) / 2), (h - text_h) / 2);
    }
}

} // namespace chorus::gui
