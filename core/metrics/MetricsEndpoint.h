#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

// Where --metrics serves: an address and a TCP port, loopback unless an address is given,
// since the metrics name the groups and interfaces a machine watches.
struct MetricsEndpoint
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0;

    // "PORT", "ADDRESS:PORT" or "[IPv6]:PORT" ("9300", "0.0.0.0:9300", "[::1]:9300"). An
    // address must be numeric: a probe's metrics should not depend on name resolution.
    static std::optional<MetricsEndpoint> parse(const QString &text, QString *reason);
    // "127.0.0.1:9300", "[::1]:9300"
    QString toString() const;
    // "http://127.0.0.1:9300/metrics"; a wildcard address is shown as it was bound.
    QString metricsUrl() const;
};
