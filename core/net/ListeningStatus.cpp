#include "net/ListeningStatus.h"

#include <algorithm>

QString SubscriptionStatus::describe() const
{
    QString text = Endpoint{subscription.group, subscription.port}.toString();
    if (subscription.isSourceSpecific())
        text = subscription.source.toString() + QLatin1Char(',') + text;
    return QStringLiteral("%1 on %2").arg(text, interface.name.isEmpty() ? subscription.interfaceSpec
                                                                         : interface.label());
}

QString SubscriptionStatus::stateName(State state)
{
    switch (state) {
    case State::Joined: return QStringLiteral("joined");
    case State::WaitingForInterface: return QStringLiteral("waiting");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

QList<Subscription> ListeningStatus::joined() const
{
    QList<Subscription> result;
    for (const SubscriptionStatus &status : subscriptions) {
        if (status.state == SubscriptionStatus::State::Joined)
            result.append(status.subscription);
    }
    return result;
}

QString ListeningStatus::describe() const
{
    const double kib = grantedBufferBytes / 1024.0;
    const QString buffer = kib >= 1024 ? QStringLiteral("%1 MiB").arg(kib / 1024.0, 0, 'f', 1)
                                       : QStringLiteral("%1 KiB").arg(kib, 0, 'f', 0);
    if (subscriptions.size() == 1)
        return QStringLiteral("%1, receive buffer %2").arg(subscriptions.front().describe(), buffer);
    QStringList counts;
    for (const auto state : {SubscriptionStatus::State::Joined, SubscriptionStatus::State::WaitingForInterface,
                             SubscriptionStatus::State::Failed}) {
        const auto count = std::count_if(subscriptions.cbegin(), subscriptions.cend(),
                                         [state](const SubscriptionStatus &s) { return s.state == state; });
        if (count > 0)
            counts.append(QStringLiteral("%1 %2").arg(count).arg(SubscriptionStatus::stateName(state)));
    }
    return QStringLiteral("%1 subscriptions (%2), receive buffer %3")
        .arg(subscriptions.size())
        .arg(counts.join(QStringLiteral(", ")), buffer);
}
