#include "HeadlessMonitor.h"

#include "DatagramText.h"

HeadlessMonitor::HeadlessMonitor(const CommandLineOptions &options, const ReceiveConfig &config,
                                 QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(config)
    , m_pipeline(this)
    , m_durationTimer(this)
{
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, &HeadlessMonitor::finish);
    connect(&m_pipeline, &ReceivePipeline::batchRecorded, this, &HeadlessMonitor::print);
    connect(&m_pipeline.listener(), &MulticastListener::listening, this,
            [](const ListeningStatus &status) {
                std::fprintf(stderr, "Listening to %s\n", qUtf8Printable(status.describe()));
            });
    connect(&m_pipeline.listener(), &MulticastListener::failed, this, [this](const QString &reason) {
        std::fprintf(stderr, "mcast-monitor: %s\n", qUtf8Printable(reason));
        m_finished = true;
        emit finished(1);
    });
}

void HeadlessMonitor::start()
{
    if (m_options.durationSeconds)
        m_durationTimer.start(std::chrono::milliseconds(qRound64(*m_options.durationSeconds * 1000)));
    m_pipeline.listener().start(m_config);
}

void HeadlessMonitor::print(const DatagramBatch &batch)
{
    if (m_finished)
        return;
    for (const ReceivedDatagram &datagram : batch) {
        const QByteArray line = m_options.json ? DatagramText::jsonLine(datagram)
                                               : DatagramText::consoleLine(datagram);
        std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
        std::fputc('\n', m_out);
        ++m_printed;
        if (m_options.count && m_printed >= *m_options.count)
            break;
    }
    std::fflush(m_out);
    if (m_options.count && m_printed >= *m_options.count)
        finish();
}

void HeadlessMonitor::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_pipeline.listener().stop();
    std::fflush(m_out);
    emit finished(0);
}
