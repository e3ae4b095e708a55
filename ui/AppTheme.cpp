#include "AppTheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace AppTheme {

namespace {

struct Original
{
    QString styleName;
    QPalette palette;
    bool saved = false;
    bool dark = false;
};

Original &original()
{
    static Original state;
    return state;
}

} // namespace

QPalette darkPalette()
{
    QPalette palette;
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x84);
    palette.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x28));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Light, QColor(0x50, 0x50, 0x54));
    palette.setColor(QPalette::Midlight, QColor(0x42, 0x42, 0x46));
    palette.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5e));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0c));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9c, 0xff));
    palette.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x90));
    palette.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x2d, 0x30));
    palette.setColor(QPalette::ToolTipText, text);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Base, QColor(0x28, 0x28, 0x2a));
    return palette;
}

void setDark(bool dark)
{
    Original &state = original();
    if (dark == state.dark)
        return;
    if (!state.saved) {
        state.styleName = QApplication::style()->name();
        state.palette = QApplication::palette();
        state.saved = true;
    }
    state.dark = dark;
    if (dark) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        return;
    }
    if (QStyle *style = QStyleFactory::create(state.styleName))
        QApplication::setStyle(style);
    QApplication::setPalette(state.palette);
}

bool isDark()
{
    return original().dark;
}

} // namespace AppTheme
