#include "ContentScrollArea.h"

#include <QVBoxLayout>

namespace {

// Holds the contents and answers the scroll area's question "how tall at this width" with
// "no more than the minimum", so that it scrolls only below the minimum height.
class MinimumHeightHolder final : public QWidget
{
public:
    explicit MinimumHeightHolder(QWidget *content)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(content);
    }

    int heightForWidth(int) const override { return -1; }
};

} // namespace

ContentScrollArea::ContentScrollArea(QWidget *content, QWidget *parent)
    : QScrollArea(parent)
{
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setWidget(new MinimumHeightHolder(content));
}
