#include "scorecard_drawing.hpp"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/pen.h>
#include <wx/image.h>
#include <wx/imaglist.h>

#include <functional>
#include <memory>

namespace chorus::gui {

namespace {

constexpr int image_width = 22, image_height = 16;
constexpr Rag ratings[] = {Rag::none, Rag::green, Rag::amber, Rag::red, Rag::blue};
// After the swatches: up, then down, each improving, worsening and no change (a "maintain"
// measure can move beyond the band and stay as close to its target), then flat.
constexpr int first_arrow = 5;

wxBitmap draw_mark(const std::function<void(wxGraphicsContext&)>& draw)
{
    wxImage image(image_width, image_height);
    image.InitAlpha();
    for (int x = 0; x < image_width; ++x)
        for (int y = 0; y < image_height; ++y)
            image.SetAlpha(x, y, 0);
    {
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
        gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);
        draw(*gc);
    } // the image holds the drawing once the context is gone
    return wxBitmap(image);
}

wxBitmap swatch(Rag rag)
{
    return draw_mark([rag](wxGraphicsContext& gc) {
        if (rag == Rag::none) {
            gc.SetPen(wxPen(wxColour(120, 120, 120), 1, wxPENSTYLE_SHORT_DASH));
            gc.SetBrush(*wxTRANSPARENT_BRUSH);
        } else {
            gc.SetPen(wxPen(rag_colour(rag).ChangeLightness(70), 1));
            gc.SetBrush(wxBrush(rag_colour(rag)));
        }
        gc.DrawRoundedRectangle(2, 2, image_width - 5, image_height - 5, 3);
    });
}

wxBitmap arrow(Movement movement, Direction direction)
{
    return draw_mark([=](wxGraphicsContext& gc) {
        const wxColour colour = direction_colour(direction);
        gc.SetPen(wxPen(colour, 2));
        gc.SetBrush(wxBrush(colour));
        const double middle_x = image_width / 2.0, middle_y = image_height / 2.0;
        wxGraphicsPath head = gc.CreatePath();
        if (movement == Movement::flat) {
            gc.StrokeLine(3, middle_y, image_width - 8, middle_y);
            head.MoveToPoint(image_width - 9, middle_y - 5);
            head.AddLineToPoint(image_width - 2, middle_y);
            head.AddLineToPoint(image_width - 9, middle_y + 5);
        } else {
            const bool up = movement == Movement::up;
            const double tip = up ? 1 : image_height - 1, tail = up ? image_height - 1 : 1;
            const double neck = up ? tip + 7 : tip - 7;
            gc.StrokeLine(middle_x, tail, middle_x, neck);
            head.MoveToPoint(middle_x - 6, neck);
            head.AddLineToPoint(middle_x, tip);
            head.AddLineToPoint(middle_x + 6, neck);
        }
        head.CloseSubpath();
        gc.FillPath(head);
    });
}

int direction_offset(Direction direction)
{
    switch (direction) {
    case Direction::improving: return 0;
    case Direction::worsening: return 1;
    default: return 2;
    }
}

} // namespace

wxColour rag_colour(Rag rag)
{
    switch (rag) {
    case Rag::green: return {46, 125, 50};
    case Rag::amber: return {240, 160, 0};
    case Rag::red: return {198, 40, 40};
    case Rag::blue: return {21, 101, 192};
    case Rag::none: break;
    }
    return {200, 200, 200};
}

wxColour direction_colour(Direction direction)
{
    switch (direction) {
    case Direction::improving: return {46, 125, 50};
    case Direction::worsening: return {198, 40, 40};
    default: return {97, 97, 97};
    }
}

wxImageList* make_scorecard_images()
{
    auto* images = new wxImageList(image_width, image_height, false);
    for (Rag rag : ratings)
        images->Add(swatch(rag));
    for (Movement movement : {Movement::up, Movement::down})
        for (Direction direction : {Direction::improving, Direction::worsening, Direction::no_change})
            images->Add(arrow(movement, direction));
    images->Add(arrow(Movement::flat, Direction::no_change));
    return images;
}

int swatch_image(Rag rag)
{
    for (int i = 0; i < 5; ++i)
        if (ratings[i] == rag)
            return i;
    return 0;
}

int arrow_image(const ScorecardComparison& comparison)
{
    switch (comparison.movement) {
    case Movement::up: return first_arrow + direction_offset(comparison.direction);
    case Movement::down: return first_arrow + 3 + direction_offset(comparison.direction);
    case Movement::flat: return first_arrow + 6;
    case Movement::none: break;
    }
    return -1;
}

} // namespace chorus::gui
