#pragma once

class QPalette;

// View ▸ Dark Theme: Fusion with a dark palette, for desktops whose own theme is light
// (or that have none, as under a bare X server). Turning it off again restores the style
// and palette the application started with.
namespace AppTheme {

QPalette darkPalette();
void setDark(bool dark);
bool isDark();

} // namespace AppTheme
