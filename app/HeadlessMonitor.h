#pragma once

#include "CommandLine.h"
#include "capture/CaptureRecorder.h"
#include "session/MonitorSession.h"
#include "output/StatsPrinter.h"
#include "time/LongTimer.h"

#include <QObject>
#include <QTimer>

class LineSink;

// --headless: joins like the window does and prints one line per datagram, like the
// seed's listener, plus liveness events; with --stats, statistics every SEC seconds and
// once more at the end. Lines go to a LineSink, so receiving never waits for the reader.
// Runs until a count, a duration or a termination signal. With --pcap every datagram it
// takes (the first N with --count), printed or not (--stats), also goes into a capture
// file, written out at the end.
class HeadlessMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessMonitor)

public:
    HeadlessMonitor(MonitorSession &session, const CommandLineOptions &options,
                    const ReceiveConfig &config, LineSink &out, QObject *parent = nullptr);

    void start();
    // Listens to what config says from now on (SIGHUP with --config): the receiver joins
    // anew; flows, and subscriptions that stay, keep their counters.
    void reconfigure(const ReceiveConfig &config);
    // Stops listening, waits for the datagrams already read, prints the final statistics.
    void finish();

signals:
    void finished(int exitCode);

private:
    void print(const DatagramBatch &batch);
    void printEvents(const QList<LivenessEvent> &events);
    void complete(int exitCode);
    bool openCapture();
    int closeCapture(int exitCode);

    CommandLineOptions m_options;
    ReceiveConfig m_config;
    ReceivePipeline &m_pipeline;
    LineSink &m_out;
    LongTimer m_durationTimer;
    StatsPrinter m_stats;
    CaptureRecorder m_capture;
    QTimer m_stopTimeout;
    qint64 m_printed = 0;
    bool m_printDatagrams = true;
    bool m_stopping = false;
    bool m_completed = false;
};
