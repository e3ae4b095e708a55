#pragma once

#include "settings/MulticastConfig.h"
#include "settings/SettingsStore.h"

#include <QHostAddress>
#include <QString>

#include <optional>

// What a window test chooses over the settings file, as main() applies the command line's
// --group, --port and --interface (to receiving and sending alike, and as the window's one
// subscription) before it makes the window.
struct ReceiveChoices
{
    std::optional<QHostAddress> group;
    std::optional<quint16> port;
    std::optional<QString> interfaceSpec;

    template<typename Config> Config applied(Config config) const
    {
        if (group)
            config.group = *group;
        if (port)
            config.port = *port;
        if (interfaceSpec)
            config.interfaceSpec = *interfaceSpec;
        return config;
    }

    // The window's subscriptions: as main() makes them, the one that --group, --port or
    // --interface name, or else the saved list.
    QList<SubscriptionChoice> subscriptions(SettingsStore &settings) const
    {
        if (group || port || interfaceSpec)
            return {{applied(settings.receiveConfig()).joined().front(), true}};
        return settings.subscriptionChoices();
    }
};
