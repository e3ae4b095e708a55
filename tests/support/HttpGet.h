#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

#include <optional>

// A blocking HTTP/1.0 GET for tests whose server runs in another process (the monitor,
// Prometheus). HTTP/1.0, so the reply is never chunked and ends when the server closes.
namespace HttpGet {

struct Reply
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith(name.toLower() + ':'))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
};

// target: "/metrics", "/api/v1/query?query=…" (already percent-encoded).
inline std::optional<Reply> get(quint16 port, const QByteArray &target, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return std::nullopt;
    socket.write("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        socket.waitForReadyRead(int(timeoutMs - timer.elapsed()));
        received += socket.readAll();
    }
    received += socket.readAll();
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0 || !received.startsWith("HTTP/1."))
        return std::nullopt;
    Reply reply;
    reply.head = received.left(headEnd);
    reply.body = received.mid(headEnd + 4);
    reply.status = reply.head.mid(9, 3).toInt();
    return reply;
}

} // namespace HttpGet
