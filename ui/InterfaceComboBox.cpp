#include "InterfaceComboBox.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QIcon>
#include <QSignalBlocker>
#include <QStyle>

namespace {

// Items hold their spec in this role; the "(not found)" item is marked with the second.
constexpr int specRole = Qt::UserRole;
constexpr int missingRole = Qt::UserRole + 1;

} // namespace

InterfaceComboBox::InterfaceComboBox(QWidget *parent)
    : QComboBox(parent)
    , m_pollTimer(this)
{
    // Room for "lo — 127.0.0.1" and the like; longer names show in full in the popup.
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
    setToolTip(tr("Network interface, by name and IPv4 address"));
    m_interfaces = NetworkInterfaces::ipv4Interfaces();
    rebuild();
    connect(this, &QComboBox::activated, this, [this](int index) {
        const QString chosen = itemData(index, specRole).toString();
        if (chosen == m_spec)
            return;
        m_spec = chosen;
        emit specChosen(m_spec);
    });
    connect(&m_pollTimer, &QTimer::timeout, this, &InterfaceComboBox::refreshIfChanged);
    m_pollTimer.start(pollInterval);
}

void InterfaceComboBox::setSpec(const QString &spec)
{
    m_spec = spec.trimmed();
    rebuild();
}

bool InterfaceComboBox::isSpecFound() const
{
    const int index = currentIndex();
    return index >= 0 && !itemData(index, missingRole).toBool();
}

void InterfaceComboBox::refresh()
{
    m_interfaces = currentInterfaces();
    rebuild();
}

void InterfaceComboBox::setListsInterfacesWithoutIPv4(bool listed)
{
    m_withoutIPv4 = listed;
    refresh();
}

QList<InterfaceChoice> InterfaceComboBox::currentInterfaces() const
{
    return m_withoutIPv4 ? NetworkInterfaces::ipv4InterfacesAndOthers()
                         : NetworkInterfaces::ipv4Interfaces();
}

void InterfaceComboBox::attachRefreshButton(QAbstractButton *button)
{
    button->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh"),
                                     style()->standardIcon(QStyle::SP_BrowserReload)));
    connect(button, &QAbstractButton::clicked, this, &InterfaceComboBox::refresh);
}

void InterfaceComboBox::refreshIfChanged()
{
    // Never rebuild under the user's fingers.
    if (view()->isVisible())
        return;
    const QList<InterfaceChoice> interfaces = currentInterfaces();
    if (interfaces == m_interfaces)
        return;
    m_interfaces = interfaces;
    rebuild();
}

void InterfaceComboBox::rebuild()
{
    const QSignalBlocker blocker(this);
    clear();
    for (const InterfaceChoice &choice : std::as_const(m_interfaces)) {
        addItem(choice.label());
        const int index = count() - 1;
        setItemData(index, choice.address.isNull() ? choice.name : choice.address.toString(), specRole);
        if (!choice.isUp) {
            setItemText(index, tr("%1 (down)").arg(choice.label()));
            setItemData(index, tr("This interface is down"), Qt::ToolTipRole);
        }
    }
    if (m_spec.isEmpty() && count() > 0)
        m_spec = itemData(0, specRole).toString();
    int selected = indexForSpec(m_spec);
    if (selected < 0 && !m_spec.isEmpty()) {
        addItem(tr("%1 (not found)").arg(m_spec));
        selected = count() - 1;
        setItemData(selected, m_spec, specRole);
        setItemData(selected, true, missingRole);
        setItemData(selected, tr("No interface is named or addressed %1 right now").arg(m_spec),
                    Qt::ToolTipRole);
    }
    setCurrentIndex(selected);
}

int InterfaceComboBox::indexForSpec(const QString &spec) const
{
    for (int i = 0; i < m_interfaces.size(); ++i) {
        const InterfaceChoice &choice = m_interfaces.at(i);
        if (choice.name == spec || choice.address.toString() == spec)
            return i;
    }
    // Any of an interface's addresses is a valid spec, not only the first one listed.
    const auto resolved = NetworkInterfaces::resolve(spec);
    if (!resolved)
        return -1;
    for (int i = 0; i < m_interfaces.size(); ++i) {
        if (m_interfaces.at(i).index == resolved->index)
            return i;
    }
    return -1;
}
