#pragma once

#include "metrics/HttpRequest.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class QTcpSocket;

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    QByteArray body;
    QByteArray extraHeaders; // whole lines, each ending in \r\n

    static HttpResponse error(int status, const QByteArray &extraHeaders = {});
    static QByteArray reasonPhrase(int status);
};

// One client of the metrics server, which it answers once and closes: the head must be
// complete within maxHeadBytes (else 431) and within the request timeout (else 408), its
// request line well formed (else 400). After the response the write side is shut and
// whatever the client still sends is read and dropped until it closes, so a response is
// not lost to a reset; a client that neither reads nor closes is cut off after the close
// timeout. Deletes itself when done.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    using Responder = std::function<HttpResponse(const HttpRequest &request)>;

    HttpConnection(QTcpSocket *socket, Responder responder, std::chrono::milliseconds requestTimeout,
                   std::chrono::milliseconds closeTimeout, QObject *parent = nullptr);

private:
    void readRequest();
    void respond(const HttpResponse &response, bool withBody = true);
    void shutDownWriting();

    QTcpSocket *m_socket = nullptr;
    Responder m_responder;
    QByteArray m_received;
    QTimer m_requestTimer;
    QTimer m_closeTimer;
    bool m_responded = false;
    bool m_writingShut = false;
};
