#pragma once
// A modal dialog listing every problem of a definition (file, JSON path, message), so a
// lead can fix them all in one go; the app carries on afterwards.
#include "chorus/instrument_json.hpp"

#include <wx/string.h>

#include <vector>

class wxWindow;

namespace chorus::gui {

void show_definition_problems(wxWindow* parent, const wxString& what_failed,
                              const std::vector<DefinitionProblem>& problems);

} // namespace chorus::gui
