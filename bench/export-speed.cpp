// How long File > Save Capture and Export Datagrams / Senders take for a large history, and
// how fast the headless --pcap recorder takes batches and writes them out. Built by hand
// against a build tree (see bench/README.md); prints wall and CPU time per export.
#include "ExportActions.h"
#include "analysis/TrafficStatistics.h"
#include "capture/CaptureRecorder.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <ctime>

namespace {

double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int size = argc > 2 ? std::atoi(argv[2]) : 100;
    const QString dir = QDir::tempPath();
    DatagramBatch batch;
    for (int i = 0; i < rows; ++i) {
        ReceivedDatagram datagram;
        datagram.arrivalUs = 1'700'000'000'000'000 + qint64(i) * 1000;
        datagram.source = IpAddress::fromIPv4(0xc6120000 + quint32(i % 1000));
        datagram.sourcePort = quint16(40000 + i % 100);
        datagram.destination = IpAddress::fromIPv4(0xef010101);
        datagram.destinationPort = 5001;
        datagram.ttl = 1;
        datagram.payload = QByteArray::number(i).leftJustified(size, 'x');
        if (i % 10 == 0)
            datagram.payload[3] = '\x1b';
        batch.append(datagram);
    }
    TrafficStatistics statistics;
    statistics.record(batch);

    const auto measure = [&](const char *what, const QString &path, auto write) {
        QElapsedTimer wall;
        wall.start();
        const double cpu = cpuMs();
        const ExportActions::Written written = write(path);
        std::printf("%-16s %7lld ms wall, %7.0f ms CPU, %11lld bytes %s\n", what, wall.elapsed(),
                    cpuMs() - cpu, QFileInfo(path).size(), qPrintable(written.error));
        QFile::remove(path);
    };
    std::printf("%d rows of %d-byte payloads\n", rows, size);
    measure("pcap", dir + QStringLiteral("/export-speed.pcap"),
            [&](const QString &path) { return ExportActions::writeCapture(path, batch); });
    measure("datagrams CSV", dir + QStringLiteral("/export-speed.csv"),
            [&](const QString &path) { return ExportActions::writeDatagramsCsv(path, batch); });
    measure("senders CSV", dir + QStringLiteral("/export-speed-senders.csv"),
            [&](const QString &path) { return ExportActions::writeSendersCsv(path, statistics); });

    const QString recorded = dir + QStringLiteral("/export-speed-recorder.pcap");
    CaptureRecorder recorder;
    recorder.open(recorded);
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < rows; i += 64)
        recorder.record(batch.mid(i, 64));
    const qint64 handedOver = wall.elapsed();
    recorder.close();
    std::printf("recorder: batches of 64 handed over in %lld ms, all written after %lld ms "
                "(%lld written, %lld dropped)\n",
                handedOver, wall.elapsed(), recorder.writtenCount(), recorder.droppedCount());
    QFile::remove(recorded);
    return 0;
}
