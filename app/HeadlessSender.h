#pragma once

#include "CommandLine.h"
#include "session/MonitorSession.h"

#include <QObject>

class LineSink;

// --send: the transmit panel without a window. Prints "Sent <message> to <group>:<port>"
// per message, like the seed's sender, to a LineSink.
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
    CommandLineOptions m_options;
    TransmitConfig m_config;
    Transmitter &m_transmitter;
    LineSink &m_out;
    bool m_finished = false;
};
