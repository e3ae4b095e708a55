#include "metrics/HttpRequest.h"

#include <QList>

#include <algorithm>
#include <string_view>

namespace {

// Where the empty line that ends the head ends, or -1. Bare LF line ends are accepted,
// as RFC 9112 allows a server to.
qsizetype headEnd(const QByteArray &received)
{
    const qsizetype crlf = received.indexOf("\r\n\r\n");
    const qsizetype lf = received.indexOf("\n\n");
    if (crlf < 0)
        return lf < 0 ? -1 : lf + 2;
    return lf < 0 ? crlf + 4 : std::min(crlf + 4, lf + 2);
}

bool isTokenCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
           || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isTargetCharacter(char c)
{
    return c > 0x20 && c < 0x7f;
}

} // namespace

HttpRequest::Head HttpRequest::headState(const QByteArray &received)
{
    const qsizetype end = headEnd(received);
    if (end > maxHeadBytes || (end < 0 && received.size() >= maxHeadBytes))
        return Head::TooLarge;
    return end < 0 ? Head::Incomplete : Head::Complete;
}

std::optional<HttpRequest> HttpRequest::parse(const QByteArray &head)
{
    qsizetype lineEnd = head.indexOf('\n');
    if (lineEnd < 0)
        return std::nullopt;
    QByteArray line = head.left(lineEnd);
    if (line.endsWith('\r'))
        line.chop(1);
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3)
        return std::nullopt;
    const QByteArray &method = parts[0];
    const QByteArray &target = parts[1];
    const QByteArray &version = parts[2];
    if (method.isEmpty() || method.size() > 16 || !std::all_of(method.cbegin(), method.cend(), isTokenCharacter))
        return std::nullopt;
    if (!target.startsWith('/') || !std::all_of(target.cbegin(), target.cend(), isTargetCharacter))
        return std::nullopt;
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return std::nullopt;
    const qsizetype query = target.indexOf('?');
    return HttpRequest{method, query < 0 ? target : target.left(query)};
}
