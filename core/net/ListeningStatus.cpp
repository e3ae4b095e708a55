#include "net/ListeningStatus.h"

#include <algorithm>

QString SubscriptionStatus::describe() const
{
    QString text = Endpoint{subscription.group, subscription.port}.toString();
    if (subscription.isSourceSpecific())
        text = subscription.source.toString() + QLatin1Char(',') + text;
    return QStringLiteral("%1 on %2").arg(text, networkInterface.name.isEmpty() ? subscription.interfaceSpec
                                                                         : networkInterface.label());
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

namespace {

QString bufferSize(int bytes)
{
    const double kib = bytes / 1024.0;
    return kib >= 1024 ? QStringLiteral("%1 MiB").arg(kib / 1024.0, 0, 'f', 1)
                       : QStringLiteral("%1 KiB").arg(kib, 0, 'f', 0);
}

} // namespace

// Linux reserves twice the SO_RCVBUF asked for (half of it for its own bookkeeping) and
// reports that: both are said, so that 8 MiB for 4 MiB asked is not a surprise.
QString ListeningStatus::describeBuffer() const
{
    if (requestedBufferBytes <= 0 || grantedBufferBytes == requestedBufferBytes)
        return bufferSize(grantedBufferBytes);
    if (grantedBufferBytes > requestedBufferBytes)
        return QStringLiteral("%1 (the kernel reserves %2)")
            .arg(bufferSize(requestedBufferBytes), bufferSize(grantedBufferBytes));
    return QStringLiteral("%1 of %2 asked").arg(bufferSize(grantedBufferBytes),
                                                bufferSize(requestedBufferBytes));
}

QString ListeningStatus::describe() const
{
    const QString buffer = describeBuffer();
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
