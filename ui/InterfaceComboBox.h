#pragma once

#include "net/NetworkInterfaces.h"

#include <QComboBox>
#include <QTimer>

#include <chrono>

class QAbstractButton;

// The IPv4 interfaces that can carry multicast, as "lo — 127.0.0.1", one entry per address
// ("eth0 — 198.18.0.1" and "eth0 — 198.18.0.2"): choosing one uses that address. The
// selection is a spec, as in the configuration: a name ("lo") or an address ("127.0.0.1").
// A configured interface that does not exist (yet) stays selected, marked "(not found)",
// rather than being swapped silently for another one. The list follows interfaces coming
// and going. Where IPv6 is wanted too, interfaces without an IPv4 address are listed by name.
class InterfaceComboBox final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterfaceComboBox)

public:
    static constexpr std::chrono::milliseconds pollInterval{2000};

    explicit InterfaceComboBox(QWidget *parent = nullptr);

    QString spec() const { return m_spec; }
    void setSpec(const QString &spec);
    // Whether the selected spec names an interface that exists right now.
    bool isSpecFound() const;
    // Reads the interfaces again; the selection is kept.
    void refresh();
    // Makes button a refresh button for this box: reload icon, click refreshes.
    void attachRefreshButton(QAbstractButton *button);
    // Lists interfaces without an IPv4 address too (for IPv6 groups); off by default.
    void setListsInterfacesWithoutIPv4(bool listed);

signals:
    // Only for choices the user makes, not for setSpec().
    void specChosen(const QString &spec);

private:
    void refreshIfChanged();
    void rebuild();
    QList<InterfaceChoice> currentInterfaces() const;
    int indexForSpec(const QString &spec) const;

    QList<InterfaceChoice> m_interfaces;
    QString m_spec;
    QTimer m_pollTimer;
    bool m_withoutIPv4 = false;
};
