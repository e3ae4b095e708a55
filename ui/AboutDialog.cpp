#include "AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QLabel *plainLabel(const QString &text, const QString &objectName)
{
    auto *label = new QLabel(text);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Multicast Monitor"));

    auto *icon = new QLabel;
    icon->setObjectName(QStringLiteral("aboutIcon"));
    const int size = 2 * style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this);
    const QIcon windowIcon = QApplication::windowIcon();
    if (!windowIcon.isNull())
        icon->setPixmap(windowIcon.pixmap(size, size));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto *name = plainLabel(tr("Multicast Monitor"), QStringLiteral("aboutName"));
    QFont titleFont = name->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    name->setFont(titleFont);

    const QString homepage = QStringLiteral(MCAST_MONITOR_HOMEPAGE);
    // Our own constant, but escaped all the same: this label is rich text for the link.
    auto *link = new QLabel(QStringLiteral("<a href=\"%1\">%2</a>")
                                .arg(homepage.toHtmlEscaped(), homepage.toHtmlEscaped()));
    link->setObjectName(QStringLiteral("aboutHomepage"));
    link->setTextFormat(Qt::RichText);
    link->setOpenExternalLinks(true);

    auto *text = new QVBoxLayout;
    text->setSpacing(2); // its own: a nested layout would take the wide spacing of the grid
    text->addWidget(name);
    text->addWidget(plainLabel(tr("Watches and generates UDP multicast traffic"),
                               QStringLiteral("aboutDescription")));
    text->addSpacing(8);
    text->addWidget(plainLabel(tr("Version %1").arg(QStringLiteral(MCAST_MONITOR_VERSION)),
                               QStringLiteral("aboutVersion")));
    text->addWidget(plainLabel(tr("Qt %1 (built with %2)")
                                   .arg(QString::fromLatin1(qVersion()),
                                        QStringLiteral(QT_VERSION_STR)),
                               QStringLiteral("aboutQtVersion")));
    text->addSpacing(8);
    text->addWidget(plainLabel(QStringLiteral(MCAST_MONITOR_COPYRIGHT),
                               QStringLiteral("aboutCopyright")));
    text->addWidget(plainLabel(tr("Licensed under the %1 licence")
                                   .arg(QStringLiteral(MCAST_MONITOR_LICENSE)),
                               QStringLiteral("aboutLicense")));
    text->addWidget(link);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Room on every side, as wide as the gap between the icon and the text: the homepage,
    // the longest line, must not run to the dialog's edge.
    const int spacing = fontMetrics().height() * 3 / 2;
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(spacing, spacing, spacing, spacing * 2 / 3);
    layout->setHorizontalSpacing(spacing);
    layout->setVerticalSpacing(spacing);
    layout->addWidget(icon, 0, 0);
    layout->addLayout(text, 0, 1);
    layout->addWidget(buttons, 1, 0, 1, 2);
    layout->setSizeConstraint(QLayout::SetFixedSize);
}
