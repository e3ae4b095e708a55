#include "net/NetworkInterfaces.h"

#include <QTest>

// How interfaces are named and found, on every platform: by the system's name, by the name
// people use (Windows' friendly names, "Ethernet 2"), by an address, or by index.
class TestNetworkInterfaces final : public QObject
{
    Q_OBJECT

private:
    static QNetworkInterface loopback()
    {
        for (const QNetworkInterface &found : QNetworkInterface::allInterfaces()) {
            if (found.flags().testFlag(QNetworkInterface::IsLoopBack))
                return found;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        if (!loopback().isValid())
            QSKIP("this system lists no loopback interface");
    }

    void resolvesByNameFriendlyNameAddressAndIndex()
    {
        const QNetworkInterface lo = loopback();
        QStringList specs{lo.name(), lo.humanReadableName(), QStringLiteral("127.0.0.1"), QString::number(lo.index())};
        // A friendly name (Windows) is matched in any case; a system name as it is.
        if (lo.humanReadableName() != lo.name())
            specs.append(lo.humanReadableName().toUpper());
        for (const QString &spec : std::as_const(specs)) {
            QString error;
            const auto found = NetworkInterfaces::resolve(spec, &error);
            QVERIFY2(found, qPrintable(spec + QStringLiteral(": ") + error));
            QCOMPARE(found->index, lo.index());
            QCOMPARE(found->name, lo.name());
            QCOMPARE(found->address, QHostAddress(QHostAddress::LocalHost));
        }
    }

    void refusesWhatNamesNoInterface()
    {
        QString error;
        QVERIFY(!NetworkInterfaces::resolve(QStringLiteral("no-such-interface"), &error));
        QCOMPARE(error, QStringLiteral("no interface named or addressed no-such-interface"));
        QVERIFY(!NetworkInterfaces::resolve(QStringLiteral("99999"), &error));
        if (loopback().humanReadableName() == loopback().name())
            QVERIFY(!NetworkInterfaces::resolve(loopback().name().toUpper(), &error));
    }

    void labelsShowTheNamePeopleUseWithTheIndexWhereItDiffers()
    {
        const QNetworkInterface lo = loopback();
        const auto found = NetworkInterfaces::resolve(lo.name());
        QVERIFY(found);
        const bool friendlyDiffers = lo.humanReadableName() != lo.name();
        QCOMPARE(found->friendlyName, friendlyDiffers ? lo.humanReadableName() : QString());
        QCOMPARE(found->shownName(), lo.humanReadableName());
        const QString expected = friendlyDiffers
                                     ? QStringLiteral("%1 (#%2) — 127.0.0.1").arg(lo.humanReadableName()).arg(lo.index())
                                     : QStringLiteral("%1 — 127.0.0.1").arg(lo.name());
        QCOMPARE(found->label(), expected);
    }

    void everyChoiceCarriesItsFriendlyName()
    {
        const QList<InterfaceChoice> choices = NetworkInterfaces::ipv4InterfacesAndOthers();
        QVERIFY(!choices.isEmpty());
        for (const InterfaceChoice &choice : choices) {
            const QNetworkInterface qt = QNetworkInterface::interfaceFromIndex(choice.index);
            QCOMPARE(choice.shownName(), qt.humanReadableName());
        }
    }
};

QTEST_GUILESS_MAIN(TestNetworkInterfaces)
#include "tst_networkinterfaces.moc"
