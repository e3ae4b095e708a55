#pragma once

#include <QByteArray>

#include <optional>

// The head of an HTTP/1.x request as the metrics server reads it: only the request line
// matters (the method and the path); header lines are skipped. Strict, since the clients
// are untrusted: anything that is not METHOD SP /PATH SP HTTP/1.x is malformed.
struct HttpRequest
{
    static constexpr int maxHeadBytes = 8192;

    enum class Head { Incomplete, Complete, TooLarge };
    // Whether `received` (what the client sent so far) holds a whole head: the request
    // line and headers up to the empty line.
    static Head headState(const QByteArray &received);
    // The request of a complete head, or nothing when its request line is malformed.
    static std::optional<HttpRequest> parse(const QByteArray &head);

    QByteArray method; // "GET"
    QByteArray path;   // "/metrics", without the query
};
