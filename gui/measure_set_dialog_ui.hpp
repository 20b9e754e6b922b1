#pragma once
// Editing a measure set: its id and title and its measures (add, edit, remove after
// confirmation). Saving checks the set as it will be read back (core's
// measure_set_problems) and lists every problem instead of saving; a save is atomic, and a
// failed one says why naming the file. Save As writes another file; a new set has none yet.
#include "chorus/measures.hpp"

#include <wx/dialog.h>

#include <filesystem>
#include <string>
#include <vector>

class wxListCtrl;
class wxTextCtrl;

namespace chorus::gui {

class Session;

class MeasureSetDialog : public wxDialog {
public:
    // `file` "" for a set never saved (Save then asks where).
    MeasureSetDialog(wxWindow* parent, Session& session, MeasureSet set, std::filesystem::path file);

    const MeasureSet& set(); // as edited, with the id and title typed
    void add(MeasureDefinition measure);
    void replace(std::size_t index, MeasureDefinition measure);
    // Asks first unless `confirmed`; true when removed.
    bool remove(std::size_t index, bool confirmed = false);
    // Checks, then writes to the file (Save As when there is none); true when saved.
    bool save();
    bool save_as(const std::filesystem::path& file);
    // The file last saved to; "" when nothing was saved.
    const std::filesystem::path& saved_file() const { return saved_; }
    std::vector<std::string> plan_areas() const;

private:
    void show_measures(long select);
    long selected() const;
    void edit(std::size_t index);
    void add_new();
    void choose_file_and_save();

    Session& session_;
    MeasureSet set_;
    std::filesystem::path file_;
    std::filesystem::path saved_;
    wxTextCtrl* id_ = nullptr;
    wxTextCtrl* title_ = nullptr;
    wxListCtrl* list_ = nullptr;
};

} // namespace chorus::gui
