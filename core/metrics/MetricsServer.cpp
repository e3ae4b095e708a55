#include "metrics/MetricsServer.h"

#include "metrics/MetricsExposition.h"

#include <QTcpSocket>

namespace {

QByteArray indexPage()
{
    return QByteArrayLiteral(
               "<!DOCTYPE html>\n"
               "<html lang=\"en\">\n"
               "<head><meta charset=\"utf-8\"><title>Multicast Monitor</title></head>\n"
               "<body>\n"
               "<h1>Multicast Monitor</h1>\n"
               "<p>Version " MCAST_MONITOR_VERSION ". A Prometheus target:</p>\n"
               "<ul>\n"
               "<li><a href=\"/metrics\">/metrics</a> &mdash; the metrics, in the Prometheus text format</li>\n"
               "<li><a href=\"/healthz\">/healthz</a> &mdash; &ldquo;ok&rdquo; while the monitor runs</li>\n"
               "</ul>\n"
               "</body>\n"
               "</html>\n");
}

} // namespace

MetricsServer::MetricsServer(Render render, QObject *parent)
    : QObject(parent)
    , m_render(std::move(render))
    , m_server(this)
{
    // A burst of clients waits in the kernel's queue rather than being refused.
    m_server.setListenBacklogSize(128);
    connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::accept);
}

bool MetricsServer::listen(const MetricsEndpoint &endpoint, QString *reason)
{
    m_server.close();
    if (m_server.listen(endpoint.address, endpoint.port))
        return true;
    if (reason)
        *reason = QStringLiteral("cannot serve metrics on %1: %2").arg(endpoint.toString(), m_server.errorString());
    return false;
}

MetricsEndpoint MetricsServer::endpoint() const
{
    return {m_server.serverAddress(), m_server.serverPort()};
}

void MetricsServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_connections >= m_maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        auto *connection = new HttpConnection(
            socket, [this](const HttpRequest &request) { return respond(request); }, m_requestTimeout,
            m_closeTimeout, this);
        connect(connection, &QObject::destroyed, this, [this] { --m_connections; });
    }
}

QByteArray MetricsServer::metrics()
{
    if (!m_renderedAge.isValid() || m_renderedAge.elapsed() >= m_renderReuse.count()) {
        m_rendered = m_render();
        m_renderedAge.start();
    }
    return m_rendered;
}

HttpResponse MetricsServer::respond(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return HttpResponse::error(405, QByteArrayLiteral("Allow: GET, HEAD\r\n"));
    HttpResponse response;
    if (request.path == "/metrics") {
        response.contentType = MetricsExposition::contentType;
        response.body = metrics();
    } else if (request.path == "/") {
        response.contentType = QByteArrayLiteral("text/html; charset=utf-8");
        response.body = indexPage();
    } else if (request.path == "/healthz") {
        response.body = QByteArrayLiteral("ok\n");
    } else {
        return HttpResponse::error(404);
    }
    return response;
}
