#include "plugins_view.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace chorus::gui {

PluginsView::PluginsView(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, "Plugins");
    title->SetFont(title->GetFont().Scaled(1.4f).Bold());
    sizer->Add(title, 0, wxALL, 12);
    sizer->Add(new wxStaticText(this, wxID_ANY, "&Loaded:"), 0, wxLEFT, 12);
    loaded_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200), wxLC_REPORT | wxLC_SINGLE_SEL);
    loaded_->SetName("loaded plugins");
    loaded_->AppendColumn("Plugin", wxLIST_FORMAT_LEFT, 260);
    loaded_->AppendColumn("Version", wxLIST_FORMAT_LEFT, 80);
    loaded_->AppendColumn("Surveys and forms", wxLIST_FORMAT_LEFT, 140);
    loaded_->AppendColumn("What it does", wxLIST_FORMAT_LEFT, 460);
    loaded_->AppendColumn("File", wxLIST_FORMAT_LEFT, 400);
    sizer->Add(loaded_, 1, wxEXPAND | wxALL, 12);
    sizer->Add(new wxStaticText(this, wxID_ANY, "&Refused (not used):"), 0, wxLEFT, 12);
    refused_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 160), wxLC_REPORT | wxLC_SINGLE_SEL);
    refused_->SetName("refused plugins");
    refused_->AppendColumn("File", wxLIST_FORMAT_LEFT, 360);
    refused_->AppendColumn("Why it was refused", wxLIST_FORMAT_LEFT, 900);
    sizer->Add(refused_, 1, wxEXPAND | wxALL, 12);
    SetSizer(sizer);
}

void PluginsView::reload()
{
    loaded_->DeleteAllItems();
    const auto& loaded = session_.plugins().loaded();
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        const auto& plugin = loaded[i];
        const long row = loaded_->InsertItem(static_cast<long>(i), wx(plugin.info.name));
        loaded_->SetItem(row, 1, wx(plugin.info.version));
        loaded_->SetItem(row, 2, wxString::Format("%zu", plugin.instruments.size()));
        loaded_->SetItem(row, 3, wx(plugin.info.description));
        loaded_->SetItem(row, 4, wx(plugin.file.string()));
    }
    refused_->DeleteAllItems();
    const auto& refused = session_.plugins().refused();
    for (std::size_t i = 0; i < refused.size(); ++i) {
        const long row = refused_->InsertItem(static_cast<long>(i), wx(refused[i].file.filename().string()));
        refused_->SetItem(row, 1, wx(refused[i].reason));
    }
    if (refused.empty())
        refused_->InsertItem(0, "(none)");
}

} // namespace chorus::gui
