#pragma once

#include "MainWindow.h"
#include "settings/MulticastConfig.h"
#include "settings/SettingsStore.h"

#include <QHostAddress>
#include <QString>

#include <optional>
#include <type_traits>

// What a window test chooses over the settings file, as main() applies the command line's
// --group, --port and --interface (to receiving and sending alike, and as the window's
// subscriptions for the run) before it makes the window.
struct ReceiveChoices
{
    std::optional<QHostAddress> group;
    std::optional<quint16> port;
    std::optional<QString> interfaceSpec;
    QList<Subscription> specs; // repeated --group SPECs

    template<typename Config> Config applied(Config config) const
    {
        if (group)
            config.group = *group;
        if (port)
            config.port = *port;
        if (interfaceSpec)
            config.interfaceSpec = *interfaceSpec;
        if constexpr (std::is_same_v<Config, ReceiveConfig>)
            config.subscriptions = specs;
        return config;
    }

    // The window's subscriptions as main() makes them: the command line's for this run, or
    // else the saved list.
    MainWindow::StartingSubscriptions subscriptions(SettingsStore &settings) const
    {
        if (!group && !port && !interfaceSpec && specs.isEmpty())
            return {settings.subscriptionChoices(), MainWindow::SubscriptionOrigin::Settings};
        MainWindow::StartingSubscriptions starting;
        starting.origin = MainWindow::SubscriptionOrigin::CommandLine;
        for (const Subscription &subscription : applied(settings.receiveConfig()).joined())
            starting.choices.append({subscription, true});
        return starting;
    }
};
