#include "InlineMessage.h"

#include <QColor>
#include <QLabel>
#include <QPalette>

namespace InlineMessage {

// Dark enough for light themes, light enough for dark ones.
QColor color(Severity severity)
{
    return severity == Severity::Error ? QColor(0xd0, 0x2f, 0x2f) : QColor(0xc0, 0x70, 0x00);
}

void prepare(QLabel *label)
{
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
}

void show(QLabel *label, const QString &text, Severity severity)
{
    if (text.isEmpty()) {
        clear(label);
        return;
    }
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color(severity));
    label->setPalette(palette);
    label->setText(text);
    label->show();
}

void clear(QLabel *label)
{
    label->clear();
    label->hide();
}

} // namespace InlineMessage
