#pragma once
// chorus::Progress shown as a cancellable wxProgressDialog: core reports, the user may stop.
#include "chorus/progress.hpp"

#include <wx/progdlg.h>

#include <memory>

namespace chorus::gui {

class ProgressDialog : public Progress {
public:
    ProgressDialog(wxWindow* parent, const wxString& title);
    ~ProgressDialog() override;
    void update(std::uint64_t done, std::uint64_t total, std::string_view stage) override;
    bool cancelled() const override { return cancelled_; }

private:
    std::unique_ptr<wxProgressDialog> dialog_;
    bool cancelled_ = false;
};

} // namespace chorus::gui
