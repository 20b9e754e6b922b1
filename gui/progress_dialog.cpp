#include "progress_dialog.hpp"

#include "wx_text.hpp"

namespace chorus::gui {

namespace {
constexpr int range = 1000; // wxProgressDialog takes an int range; done/total is scaled to it
}

ProgressDialog::ProgressDialog(wxWindow* parent, const wxString& title)
    : dialog_(std::make_unique<wxProgressDialog>(title, "Starting...", range, parent,
                                                 wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME
                                                     | wxPD_AUTO_HIDE))
{
}

ProgressDialog::~ProgressDialog() = default;

void ProgressDialog::update(std::uint64_t done, std::uint64_t total, std::string_view stage)
{
    const wxString message = wx(stage);
    bool keep_going = true;
    if (total == 0) {
        keep_going = dialog_->Pulse(message);
    } else {
        const auto value = static_cast<int>(std::min<std::uint64_t>(done, total) * (range - 1) / total);
        keep_going = dialog_->Update(value, message);
    }
    if (!keep_going)
        cancelled_ = true;
}

} // namespace chorus::gui
