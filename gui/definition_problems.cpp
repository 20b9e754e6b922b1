#include "definition_problems.hpp"

#include "wx_text.hpp"

#include <wx/msgdlg.h>

namespace chorus::gui {

void show_definition_problems(wxWindow* parent, const wxString& what_failed,
                              const std::vector<DefinitionProblem>& problems)
{
    wxString lines = wxString::Format(problems.size() == 1 ? "%zu problem:\n" : "%zu problems:\n", problems.size());
    for (const DefinitionProblem& problem : problems)
        lines += "\n" + wx(problem.to_string());
    wxMessageDialog dialog(parent, what_failed, "Chorus", wxOK | wxICON_ERROR);
    dialog.SetExtendedMessage(lines);
    dialog.ShowModal();
}

} // namespace chorus::gui
