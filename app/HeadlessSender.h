#pragma once

#include "CommandLine.h"
#include "session/MonitorSession.h"

#include <QObject>
#include <QTimer>

class LineSink;

// --send: the transmit panel without a window. Prints "Sent <message> to <group>:<port>"
// per ATU message, like the seed's sender, or for a stream one line when it starts and one
// a second with the counts, to a LineSink; the totals go to stderr at the end.
class HeadlessSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessSender)

public:
    HeadlessSender(MonitorSession &session, const CommandLineOptions &options,
                   const TransmitConfig &config, LineSink &out, QObject *parent = nullptr);

    void start();
    void finish();

signals:
    void finished(int exitCode);

private:
    QString destination() const;
    void printStreamProgress();

    CommandLineOptions m_options;
    TransmitConfig m_config;
    Transmitter &m_transmitter;
    LineSink &m_out;
    QTimer m_streamProgress;
    bool m_finished = false;
};
