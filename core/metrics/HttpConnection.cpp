#include "metrics/HttpConnection.h"

#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

HttpResponse HttpResponse::error(int status, const QByteArray &extraHeaders)
{
    HttpResponse response;
    response.status = status;
    response.body = QByteArray::number(status) + ' ' + reasonPhrase(status) + '\n';
    response.extraHeaders = extraHeaders;
    return response;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 400: return QByteArrayLiteral("Bad Request");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 503: return QByteArrayLiteral("Service Unavailable");
    }
    return QByteArrayLiteral("Error");
}

HttpConnection::HttpConnection(QTcpSocket *socket, Responder responder, std::chrono::milliseconds requestTimeout,
                               std::chrono::milliseconds closeTimeout, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_responder(std::move(responder))
{
    m_socket->setParent(this);
    m_requestTimer.setSingleShot(true);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(closeTimeout);
    connect(&m_requestTimer, &QTimer::timeout, this, [this] { respond(HttpResponse::error(408)); });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        m_socket->abort();
        deleteLater();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readRequest);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_responded && m_socket->bytesToWrite() == 0)
            shutDownWriting();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_requestTimer.start(requestTimeout);
    // Data may have come with the connection, before readyRead was connected.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readRequest, Qt::QueuedConnection);
}

void HttpConnection::readRequest()
{
    if (m_responded) {
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    // Never more than one byte past the limit is kept, however much the client sends.
    m_received += m_socket->read(HttpRequest::maxHeadBytes + 1 - m_received.size());
    switch (HttpRequest::headState(m_received)) {
    case HttpRequest::Head::Incomplete:
        return;
    case HttpRequest::Head::TooLarge:
        respond(HttpResponse::error(431));
        return;
    case HttpRequest::Head::Complete:
        break;
    }
    const auto request = HttpRequest::parse(m_received);
    if (!request) {
        respond(HttpResponse::error(400));
        return;
    }
    respond(m_responder(*request), request->method != "HEAD");
}

void HttpConnection::respond(const HttpResponse &response, bool withBody)
{
    if (m_responded)
        return;
    m_responded = true;
    m_requestTimer.stop();
    m_received.clear();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                      + HttpResponse::reasonPhrase(response.status) + "\r\n";
    head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n";
    head += response.extraHeaders;
    head += "\r\n";
    m_socket->write(head);
    if (withBody)
        m_socket->write(response.body);
    m_closeTimer.start();
    // What arrived beyond the head is dropped from now on.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readRequest, Qt::QueuedConnection);
}

void HttpConnection::shutDownWriting()
{
    if (m_writingShut)
        return;
    m_writingShut = true;
    // A full close with unread input would reset the connection, and the client could lose
    // the response; the client closes once it has read it.
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(m_socket->socketDescriptor()), SD_SEND);
#else
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#endif
}
