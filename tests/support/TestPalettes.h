#pragma once

#include "AppTheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

// The two themes widget tests render in: the style's own light palette and the dark one
// View ▸ Dark Theme sets, so that what is checked (contrast, colours) is the app's own.
namespace TestPalettes {

inline QPalette light()
{
    return QApplication::style()->standardPalette();
}

inline QPalette dark()
{
    return AppTheme::darkPalette();
}

} // namespace TestPalettes
