#pragma once

#include "CommandLine.h"
#include "ReceivePipeline.h"

#include <QObject>
#include <QTimer>

#include <cstdio>

// --headless: joins like the window does and prints one line per datagram, like the
// seed's listener, until a count, a duration or a termination signal.
class HeadlessMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessMonitor)

public:
    HeadlessMonitor(const CommandLineOptions &options, const ReceiveConfig &config,
                    QObject *parent = nullptr);

    void start();
    void finish();

signals:
    void finished(int exitCode);

private:
    void print(const DatagramBatch &batch);

    CommandLineOptions m_options;
    ReceiveConfig m_config;
    ReceivePipeline m_pipeline;
    QTimer m_durationTimer;
    qint64 m_printed = 0;
    bool m_finished = false;
    std::FILE *m_out = stdout;
};
