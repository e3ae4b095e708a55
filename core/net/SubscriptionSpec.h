#pragma once

#include "net/Subscription.h"

#include <QString>
#include <QStringView>

#include <optional>

// The command line's and the settings file's way of writing a subscription:
//   [SOURCE,]GROUP[:PORT][@INTERFACE]
// with an IPv6 group in brackets when a port follows: "239.1.1.2:5002@lo",
// "[ff15::1234]:5001@veth0", "2001:db8::5,[ff35::1]:6000". What a spec leaves out comes
// from the defaults (--port, --interface).
namespace SubscriptionSpec {

struct Defaults
{
    quint16 port = 0;
    QString interfaceSpec;
};

// The subscription, or nothing with *error saying which value is wrong and why.
std::optional<Subscription> parse(QStringView spec, const Defaults &defaults, QString *error);

// One part of a subscription as the window's table edits it.
enum class Part { Group, Source, Port, Interface };

// The subscription with one part replaced by text as typed (a group or source with or
// without brackets, an empty source for any source), or nothing with *error saying which
// value is wrong and why, as parse() would.
std::optional<Subscription> withPart(const Subscription &subscription, Part part, QStringView text,
                                     QString *error);

// Why a subscription cannot be joined as it stands, or an empty string: the group must be
// multicast; source-specific ranges (232/8, ff3x::/32) need a source; a source is a unicast
// address of the group's family; an IPv6 group of interface- or link-local scope needs an
// interface. A source outside the SSM ranges is a filter: only that source is received.
QString problem(const Subscription &subscription);

} // namespace SubscriptionSpec
