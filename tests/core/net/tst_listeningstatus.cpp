#include "net/ListeningStatus.h"

#include <QTest>

// What the status line says of the receive buffer: what was asked, and what the kernel
// reserved when that differs.
class TestListeningStatus final : public QObject
{
    Q_OBJECT

private slots:
    void describesTheBuffer_data()
    {
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("granted");
        QTest::addColumn<QString>("text");
        constexpr int mib = 1024 * 1024;
        QTest::newRow("as asked") << 4 * mib << 4 * mib << QStringLiteral("4.0 MiB");
        QTest::newRow("doubled (Linux)")
            << 4 * mib << 8 * mib << QStringLiteral("4.0 MiB (the kernel reserves 8.0 MiB)");
        QTest::newRow("capped") << 4 * mib << 212992
                                << QStringLiteral("208 KiB of 4.0 MiB asked");
        QTest::newRow("nothing asked") << 0 << 212992 << QStringLiteral("208 KiB");
    }

    void describesTheBuffer()
    {
        QFETCH(int, requested);
        QFETCH(int, granted);
        QFETCH(QString, text);
        ListeningStatus status;
        status.requestedBufferBytes = requested;
        status.grantedBufferBytes = granted;
        QCOMPARE(status.describeBuffer(), text);
        QVERIFY(status.describe().endsWith(QStringLiteral("receive buffer ") + text));
    }
};

QTEST_GUILESS_MAIN(TestListeningStatus)
#include "tst_listeningstatus.moc"
