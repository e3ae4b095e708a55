#pragma once

#include "EventLogModel.h"
#include "MainWindow.h"
#include "ReceiveChoices.h"
#include "TrafficStatusBar.h"
#include "session/MonitorSession.h"
#include "settings/SettingsStore.h"
#include "time/WallClock.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QStringList>
#include <QTableView>
#include <QTest>

// A window as main.cpp runs it, on a settings file of its own, shown and active, with the
// command line's choices applied over the settings.
struct WindowHarness
{
    explicit WindowHarness(const QString &iniPath, const ReceiveChoices &choices = {})
        : settings(iniPath)
        , window(session, settings, choices.applied(settings.receiveConfig()),
                 choices.subscriptions(settings), choices.applied(settings.transmitConfig()))
    {
        window.show();
        QApplication::setActiveWindow(&window);
    }

    template<typename T> T *find(const char *name)
    {
        T *child = window.findChild<T *>(QLatin1String(name));
        if (!child)
            qFatal("no %s", name);
        return child;
    }

    QAbstractItemModel *subscriptions() { return find<QTableView>("subscriptionView")->model(); }
    QString subscriptionCell(int row, int column)
    {
        return subscriptions()->index(row, column).data().toString();
    }
    QAbstractItemModel *datagrams() { return find<QTableView>("datagramView")->model(); }
    QAbstractItemModel *senders() { return find<QTableView>("senderView")->model(); }
    QAbstractItemModel *events() { return find<QTableView>("eventLogView")->model(); }
    QString label(const char *name) { return find<QLabel>(name)->text(); }
    // Whole: the label elides it to the room it has.
    QString listeningText()
    {
        return find<TrafficStatusBar>("statusBar")->listeningText();
    }
    void click(const char *buttonName)
    {
        QTest::mouseClick(find<QPushButton>(buttonName), Qt::LeftButton);
    }
    // The Event column of the event log, top to bottom.
    QStringList eventTexts()
    {
        QStringList texts;
        for (int row = 0; row < events()->rowCount(); ++row)
            texts.append(events()->index(row, EventLogModel::Event).data().toString());
        return texts;
    }

    // Datagrams go in where the receiver's worker hands them over, so the whole receive
    // pipeline runs without a network: the batch, then the news that the socket is drained.
    void receive(const DatagramBatch &batch)
    {
        emit session.listener().datagramsReceived(batch);
        emit session.listener().drained(WallClock::nowUs());
    }

    SettingsStore settings;
    MonitorSession session;
    MainWindow window;
};
