#pragma once
// The scorecard's drawn marks: a RAG swatch per rating and a direction-of-travel arrow per
// movement (up, down, flat) coloured by whether it improves. Always shown beside their word,
// never instead of it, so the colours are never the only sign.
#include "chorus/scorecard.hpp"

#include <wx/colour.h>

class wxImageList;

namespace chorus::gui {

wxColour rag_colour(Rag rag);
wxColour direction_colour(Direction direction);

// One image list with every mark, each 22 x 16; the index functions below find them.
wxImageList* make_scorecard_images();
int swatch_image(Rag rag);
int arrow_image(const ScorecardComparison& comparison); // -1: nothing to draw

} // namespace chorus::gui
