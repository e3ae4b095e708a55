#include "metrics/MetricsServer.h"

#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

namespace {

// One client, read as the event loop runs (the server is on the same thread).
class Client final
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    QTcpSocket &socket() { return m_socket; }
    const QByteArray &received() const { return m_received; }
    QByteArray statusLine() const { return m_received.left(m_received.indexOf("\r\n")); }
    QByteArray header(const QByteArray &name) const
    {
        const QByteArray head = m_received.left(m_received.indexOf("\r\n\r\n"));
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith(name.toLower() + ':'))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
    QByteArray body() const { return m_received.mid(m_received.indexOf("\r\n\r\n") + 4); }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

class TestMetricsServer final : public QObject
{
    Q_OBJECT

private:
    static constexpr char defaultBody[] = "# HELP up_total Test.\n# TYPE up_total counter\nup_total 1\n";
    QByteArray m_body;
    int m_renders = 0;
    std::unique_ptr<MetricsServer> m_server;

    quint16 port() const { return m_server->endpoint().port; }

    // Sends a request and waits for the server to answer and close.
    std::unique_ptr<Client> exchange(const QByteArray &request)
    {
        auto client = std::make_unique<Client>(port());
        client->send(request);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(client->closed(), 10000); }();
        return client;
    }

private slots:
    void init()
    {
        m_body = defaultBody;
        m_renders = 0;
        m_server = std::make_unique<MetricsServer>([this] {
            ++m_renders;
            return m_body;
        });
        // Every scrape renders, unless a test says otherwise.
        m_server->setRenderReuse(std::chrono::milliseconds(0));
        QString reason;
        QVERIFY2(m_server->listen({QHostAddress::LocalHost, 0}, &reason), qPrintable(reason));
    }

    void servesMetricsInTheTextFormat()
    {
        const auto client = exchange("GET /metrics HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
        QCOMPARE(client->statusLine(), QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(client->header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QCOMPARE(client->header("Content-Length"), QByteArray::number(m_body.size()));
        QCOMPARE(client->header("Connection"), QByteArray("close"));
        QCOMPARE(client->body(), m_body);
        QCOMPARE(m_renders, 1);
    }

    void indexPageLinksToTheMetrics()
    {
        const auto client = exchange("GET / HTTP/1.0\r\n\r\n");
        QCOMPARE(client->statusLine(), QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(client->header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        QVERIFY(client->body().contains("<a href=\"/metrics\">"));
        QCOMPARE(m_renders, 0);
    }

    void healthAndQueriesAndHead()
    {
        QCOMPARE(exchange("GET /healthz HTTP/1.1\r\n\r\n")->body(), QByteArray("ok\n"));
        QCOMPARE(exchange("GET /metrics?name[]=x HTTP/1.1\r\n\r\n")->body(), m_body);
        // Bare line feeds end a head too.
        QCOMPARE(exchange("GET /healthz HTTP/1.1\n\n")->body(), QByteArray("ok\n"));
        const auto head = exchange("HEAD /metrics HTTP/1.1\r\n\r\n");
        QCOMPARE(head->statusLine(), QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(head->header("Content-Length"), QByteArray::number(m_body.size()));
        QCOMPARE(head->body(), QByteArray());
    }

    void wrongPathsAndMethods()
    {
        QCOMPARE(exchange("GET /metricsx HTTP/1.1\r\n\r\n")->statusLine(), QByteArray("HTTP/1.1 404 Not Found"));
        const auto post = exchange("POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        QCOMPARE(post->statusLine(), QByteArray("HTTP/1.1 405 Method Not Allowed"));
        QCOMPARE(post->header("Allow"), QByteArray("GET, HEAD"));
        QCOMPARE(m_renders, 0);
    }

    void malformedRequestLines_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("one word") << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("HTTP/0.9") << QByteArray("GET /metrics\r\n\r\n");
        QTest::newRow("no slash") << QByteArray("GET metrics HTTP/1.1\r\n\r\n");
        QTest::newRow("HTTP/2") << QByteArray("GET /metrics HTTP/2.0\r\n\r\n");
        QTest::newRow("two spaces") << QByteArray("GET  /metrics HTTP/1.1\r\n\r\n");
        QTest::newRow("control in path") << QByteArray("GET /met\x01rics HTTP/1.1\r\n\r\n");
        QTest::newRow("NUL") << QByteArray("GET /\0 HTTP/1.1\r\n\r\n", 19);
        QTest::newRow("TLS hello") << QByteArray("\x16\x03\x01\x02\x01\x01\x01\x01\xfc\x03\x03\n\n");
        QTest::newRow("empty line") << QByteArray("\r\n\r\n");
    }

    void malformedRequestLines()
    {
        QFETCH(QByteArray, request);
        const auto client = exchange(request);
        QCOMPARE(client->statusLine(), QByteArray("HTTP/1.1 400 Bad Request"));
        QCOMPARE(m_renders, 0);
    }

    void requestOverEightKibIsRefused()
    {
        auto client = std::make_unique<Client>(port());
        client->send("GET /metrics HTTP/1.1\r\nX-Padding: " + QByteArray(9000, 'a'));
        // More keeps coming: the server neither keeps it nor waits for the end.
        client->send(QByteArray(64 * 1024, 'b'));
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), 10000);
        QCOMPARE(client->statusLine(), QByteArray("HTTP/1.1 431 Request Header Fields Too Large"));
        QCOMPARE(m_renders, 0);
        // A request just within the limit is served.
        const QByteArray head = "GET /healthz HTTP/1.1\r\nX-Padding: ";
        const QByteArray fits = head + QByteArray(HttpRequest::maxHeadBytes - head.size() - 4, 'a') + "\r\n\r\n";
        QCOMPARE(fits.size(), HttpRequest::maxHeadBytes);
        QCOMPARE(exchange(fits)->statusLine(), QByteArray("HTTP/1.1 200 OK"));
    }

    void clientThatNeverFinishesIsDropped()
    {
        m_server->setRequestTimeout(std::chrono::milliseconds(300));
        Client slow(port());
        slow.send("GET /metrics HTTP/1.1\r\nHost: x\r\n"); // and never the empty line
        Client silent(port());
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(slow.closed() && silent.closed(), 10000);
        QCOMPARE(slow.statusLine(), QByteArray("HTTP/1.1 408 Request Timeout"));
        QCOMPARE(silent.statusLine(), QByteArray("HTTP/1.1 408 Request Timeout"));
        QTRY_COMPARE(m_server->connectionCount(), 0);
        QCOMPARE(m_renders, 0);
    }

    void clientThatNeverReadsIsCutOff()
    {
        m_body = QByteArray(32 * 1024 * 1024, 'x'); // more than the socket buffers hold
        m_server->setCloseTimeout(std::chrono::milliseconds(500));
        Client stalled(port());
        stalled.socket().setReadBufferSize(1); // reads (almost) nothing
        stalled.send("GET /metrics HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(m_renders, 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
    }

    void hundredClientsAtOnce()
    {
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 100; ++i)
            clients.push_back(std::make_unique<Client>(port()));
        for (auto &client : clients)
            client->send("GET /metrics HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.cbegin(), clients.cend(), [](const auto &client) { return client->closed(); }),
                                 20000);
        for (const auto &client : clients) {
            QCOMPARE(client->statusLine(), QByteArray("HTTP/1.1 200 OK"));
            QCOMPARE(client->body(), m_body);
        }
        QCOMPARE(m_renders, 100);
        QTRY_COMPARE(m_server->connectionCount(), 0);
    }

    void connectionsPastTheLimitAreClosed()
    {
        m_server->setMaxConnections(3);
        m_server->setRequestTimeout(std::chrono::milliseconds(1000));
        std::vector<std::unique_ptr<Client>> idle;
        for (int i = 0; i < 3; ++i)
            idle.push_back(std::make_unique<Client>(port()));
        QTRY_COMPARE(m_server->connectionCount(), 3);
        Client refused(port());
        refused.send("GET /metrics HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(refused.closed(), 10000);
        QCOMPARE(refused.received(), QByteArray());
        // Once the idle ones are dropped, clients are served again.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
        QCOMPARE(exchange("GET /metrics HTTP/1.1\r\n\r\n")->body(), m_body);
    }

    void scrapesCloseTogetherShareARendering()
    {
        m_server->setRenderReuse(std::chrono::milliseconds(60000));
        QCOMPARE(exchange("GET /metrics HTTP/1.1\r\n\r\n")->body(), m_body);
        QCOMPARE(exchange("GET /metrics HTTP/1.1\r\n\r\n")->body(), m_body);
        QCOMPARE(m_renders, 1);
        m_server->setRenderReuse(std::chrono::milliseconds(0));
        QCOMPARE(exchange("GET /metrics HTTP/1.1\r\n\r\n")->body(), m_body);
        QCOMPARE(m_renders, 2);
    }

    void endpointsReadAsTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("port") << "9300" << "127.0.0.1:9300";
        QTest::newRow("any IPv4") << "0.0.0.0:9300" << "0.0.0.0:9300";
        QTest::newRow("IPv6 loopback") << "[::1]:9300" << "[::1]:9300";
        QTest::newRow("any IPv6") << "[::]:9301" << "[::]:9301";
        QTest::newRow("port 0") << "0" << "";
        QTest::newRow("port too big") << "65536" << "";
        QTest::newRow("no port") << "127.0.0.1" << "";
        QTest::newRow("bare IPv6") << "::1:9300" << "";
        QTest::newRow("unclosed bracket") << "[::1:9300" << "";
        QTest::newRow("name") << "localhost:9300" << "";
        QTest::newRow("multicast") << "239.1.1.1:9300" << "";
        QTest::newRow("empty") << "" << "";
    }

    void endpointsReadAsTyped()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString reason;
        const auto endpoint = MetricsEndpoint::parse(text, &reason);
        QCOMPARE(endpoint ? endpoint->toString() : QString(), expected);
        if (!endpoint)
            QVERIFY2(reason.startsWith(QStringLiteral("--metrics '%1': ").arg(text)), qPrintable(reason));
    }

    void anAddressInUseIsSaid()
    {
        MetricsServer second([] { return QByteArray(); });
        QString reason;
        QVERIFY(!second.listen({QHostAddress::LocalHost, port()}, &reason));
        QVERIFY2(reason.startsWith(QStringLiteral("cannot serve metrics on 127.0.0.1:%1: ").arg(port())), qPrintable(reason));
    }
};

QTEST_GUILESS_MAIN(TestMetricsServer)
#include "tst_metricsserver.moc"
