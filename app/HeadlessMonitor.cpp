#include "HeadlessMonitor.h"

#include "Diagnostics.h"
#include "StandardOutput.h"
#include "output/DatagramText.h"
#include "output/LineSink.h"
#include "output/StatsReport.h"

#include <algorithm>


HeadlessMonitor::HeadlessMonitor(MonitorSession &session, const CommandLineOptions &options,
                                 const ReceiveConfig &config, LineSink &out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(config)
    , m_pipeline(session.pipeline())
    , m_out(out)
    , m_durationTimer(this)
    , m_stats(m_pipeline.statistics(), out, options.json, this)
    , m_capture(CaptureRecorder::defaultCapacityBytes, this)
    , m_stopTimeout(this)
    , m_printDatagrams(!options.statsSeconds || options.datagrams)
{
    m_durationTimer.setSingleShot(true);
    m_stopTimeout.setSingleShot(true);
    connect(&m_durationTimer, &LongTimer::timeout, this, &HeadlessMonitor::finish);
    connect(&m_stopTimeout, &QTimer::timeout, this, [this] { complete(0); });
    connect(&m_pipeline, &ReceivePipeline::batchRecorded, this, &HeadlessMonitor::print);
    connect(&m_pipeline, &ReceivePipeline::livenessChanged, this, &HeadlessMonitor::printEvents);
    MulticastListener &listener = m_pipeline.listener();
    connect(&listener, &MulticastListener::listening, this, [](const ListeningStatus &status) {
        Diagnostics::note(QStringLiteral("Listening to ") + status.describe());
        // With several subscriptions, the ones not joined say why (each time it changes).
        for (const SubscriptionStatus &subscription : status.subscriptions) {
            if (subscription.state != SubscriptionStatus::State::Joined && status.subscriptions.size() > 1)
                Diagnostics::error(subscription.describe() + QStringLiteral(": ") + subscription.reason);
        }
    });
    connect(&listener, &MulticastListener::failed, this, [this](const QString &reason) {
        Diagnostics::error(reason);
        complete(1);
    });
    connect(&listener, &MulticastListener::interfaceLost, this, [](const QString &reason) {
        Diagnostics::error(reason);
    });
    connect(&listener, &MulticastListener::stopped, this, [this] {
        if (m_stopping)
            complete(0);
    });
    // Like standard output: a capture that cannot be written ends the run at once.
    connect(&m_capture, &CaptureRecorder::failed, this, [this] {
        complete(StandardOutput::writeErrorExitCode);
    });
}

void HeadlessMonitor::start()
{
    if (!openCapture())
        return;
    if (m_options.durationSeconds)
        m_durationTimer.start(LongTimer::fromSeconds(*m_options.durationSeconds));
    if (m_options.statsSeconds)
        m_stats.start(*m_options.statsSeconds);
    m_pipeline.listener().start(m_config);
}

void HeadlessMonitor::reconfigure(const ReceiveConfig &config)
{
    if (m_stopping || m_completed)
        return;
    m_config = config;
    m_pipeline.listener().start(m_config);
}

void HeadlessMonitor::print(const DatagramBatch &batch)
{
    // Batches the worker hands over while stopping arrived during the run, and the final
    // statistics count them: print them too.
    if (m_completed)
        return;
    const bool counting = m_options.count.has_value();
    m_capture.record(batch, counting ? std::max<qint64>(0, *m_options.count - m_printed) : -1);
    for (const ReceivedDatagram &datagram : batch) {
        if (counting && m_printed >= *m_options.count)
            break;
        if (m_printDatagrams)
            m_out.writeLine([&] {
                return m_options.json ? DatagramText::jsonLine(datagram)
                                      : DatagramText::consoleLine(datagram);
            });
        ++m_printed;
    }
    if (counting && m_printed >= *m_options.count)
        finish();
}

void HeadlessMonitor::printEvents(const QList<LivenessEvent> &events)
{
    for (const LivenessEvent &event : events)
        m_out.writeLine(m_options.json ? StatsReport::eventJson(event)
                                       : StatsReport::eventText(event));
}

void HeadlessMonitor::finish()
{
    if (m_stopping || m_completed)
        return;
    m_stopping = true;
    m_durationTimer.stop();
    m_stats.stop();
    if (!m_pipeline.listener().isListening()) {
        complete(0);
        return;
    }
    // The worker hands over what it has read before it reports stopped().
    m_pipeline.listener().stop();
    m_stopTimeout.start(2000);
}

void HeadlessMonitor::complete(int exitCode)
{
    if (m_completed)
        return;
    m_completed = true;
    m_stopTimeout.stop();
    exitCode = closeCapture(exitCode);
    if (exitCode == 0 && m_options.statsSeconds)
        m_stats.printFinal();
    emit finished(exitCode);
}

bool HeadlessMonitor::openCapture()
{
    if (!m_options.pcapPath)
        return true;
    if (m_capture.open(*m_options.pcapPath))
        return true;
    Diagnostics::error(QStringLiteral("cannot write capture file %1: %2")
                           .arg(*m_options.pcapPath, m_capture.errorString()));
    complete(StandardOutput::writeErrorExitCode);
    return false;
}

// Writes out what is queued. A write error is said once, and a run that would have ended
// well exits with the write-error code.
int HeadlessMonitor::closeCapture(int exitCode)
{
    if (!m_capture.isOpen())
        return exitCode;
    m_capture.close();
    if (m_capture.hasFailed()) {
        Diagnostics::error(QStringLiteral("cannot write capture file %1: %2")
                               .arg(m_capture.path(), m_capture.errorString()));
        return exitCode == 0 ? StandardOutput::writeErrorExitCode : exitCode;
    }
    if (const qint64 dropped = m_capture.droppedCount(); dropped > 0)
        Diagnostics::error(QStringLiteral("%1 of %2 datagrams not captured in %3: the disk did not keep up")
                               .arg(dropped)
                               .arg(dropped + m_capture.writtenCount())
                               .arg(m_capture.path()));
    return exitCode;
}
