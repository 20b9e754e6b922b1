// The Chorus desktop app; everything but the entry point is in chorus_gui.
#include "app.hpp"

wxIMPLEMENT_APP(chorus::gui::ChorusApp);
