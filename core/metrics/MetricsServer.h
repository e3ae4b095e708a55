#pragma once

#include "metrics/HttpConnection.h"
#include "metrics/MetricsEndpoint.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTcpServer>

#include <chrono>
#include <functional>

// --metrics: a small HTTP/1.1 server for Prometheus on the thread it lives on (the
// window's or headless's event loop, never the receiver's, which goes on reading whatever
// the clients do). GET /metrics answers with render(), GET / with a page linking to it,
// GET /healthz with "ok". Every response closes its connection. Clients are not trusted:
// see HttpConnection for the limits on one; past maxConnections at once, new ones are
// closed at once. Scrapes within renderReuse of a rendering share it, so a crowd of
// clients costs the event loop one rendering per renderReuse, not one each.
class MetricsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsServer)

public:
    using Render = std::function<QByteArray()>;

    static constexpr int defaultMaxConnections = 256;
    static constexpr std::chrono::milliseconds defaultRequestTimeout{5000};
    static constexpr std::chrono::milliseconds defaultCloseTimeout{10000};
    static constexpr std::chrono::milliseconds defaultRenderReuse{250};

    explicit MetricsServer(Render render, QObject *parent = nullptr);

    // Port 0 takes any free port (tests). On failure *reason says why.
    bool listen(const MetricsEndpoint &endpoint, QString *reason);
    bool isListening() const { return m_server.isListening(); }
    MetricsEndpoint endpoint() const; // as bound, with the port chosen
    int connectionCount() const { return m_connections; }

    void setMaxConnections(int count) { m_maxConnections = count; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }
    void setCloseTimeout(std::chrono::milliseconds timeout) { m_closeTimeout = timeout; }
    void setRenderReuse(std::chrono::milliseconds reuse) { m_renderReuse = reuse; }

    HttpResponse respond(const HttpRequest &request);

private:
    void accept();
    QByteArray metrics();

    Render m_render;
    QTcpServer m_server;
    int m_connections = 0;
    int m_maxConnections = defaultMaxConnections;
    std::chrono::milliseconds m_requestTimeout = defaultRequestTimeout;
    std::chrono::milliseconds m_closeTimeout = defaultCloseTimeout;
    std::chrono::milliseconds m_renderReuse = defaultRenderReuse;
    QByteArray m_rendered;
    QElapsedTimer m_renderedAge;
};
