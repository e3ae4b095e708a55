#pragma once

#include <QApplication>
#include <QPalette>
#include <QStyle>

// The two themes widget tests render in: the style's own light palette and a dark one
// like those of Breeze Dark or a Fusion dark theme.
namespace TestPalettes {

inline QPalette light()
{
    return QApplication::style()->standardPalette();
}

inline QPalette dark()
{
    QPalette palette;
    const QColor text(0xe6, 0xe6, 0xe6);
    palette.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x28));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Light, QColor(0x50, 0x50, 0x54));
    palette.setColor(QPalette::Midlight, QColor(0x42, 0x42, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5e));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0c));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x90));
    palette.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x2d, 0x30));
    palette.setColor(QPalette::ToolTipText, text);
    return palette;
}

} // namespace TestPalettes
