#pragma once

#include <QScrollArea>

// Scroll bars for a window's or a dock's contents, only where they get less room than the
// least they need: above that, they fill the area as if it were not there. (A plain
// QScrollArea scrolls as soon as it is smaller than the contents' preferred height whenever
// word-wrapped text makes that height depend on the width.)
class ContentScrollArea final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentScrollArea)

public:
    explicit ContentScrollArea(QWidget *content, QWidget *parent = nullptr);
};
