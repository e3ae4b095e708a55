#include "net/Subscription.h"

QString Subscription::toString() const
{
    QString text;
    if (isSourceSpecific())
        text += source.toString() + QLatin1Char(',');
    text += Endpoint{group, port}.toString();
    if (!interfaceSpec.isEmpty())
        text += QLatin1Char('@') + interfaceSpec;
    return text;
}
