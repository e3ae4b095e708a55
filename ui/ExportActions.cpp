#include "ExportActions.h"

#include "DatagramPane.h"
#include "analysis/TrafficStatistics.h"
#include "capture/PcapFile.h"
#include "output/DatagramCsv.h"
#include "output/SenderCsv.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>

namespace {

// Written in pieces of about this size: memory stays small for any number of rows.
constexpr qsizetype chunkBytes = 256 * 1024;
// Progress is told, and cancelling looked at, after this many rows.
constexpr qsizetype progressRows = 2000;

QString defaultChoosePath(QWidget *window, const QString &title, const QString &suggestedPath,
                          const QString &filter)
{
    QFileDialog dialog(window, title, suggestedPath, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QFileInfo(suggestedPath).suffix());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

// Writes header and then each row that makeRow gives for 0..count-1 into path, replacing
// it only once everything was written (QSaveFile): a failed or cancelled export leaves
// what was there before.
template<typename MakeRow>
ExportActions::Written writeCsv(const QString &path, const QByteArray &header, qsizetype count,
                                MakeRow makeRow, const ExportActions::Progress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {file.errorString()};
    QByteArray chunk = header;
    chunk.reserve(chunkBytes + 4096);
    for (qsizetype i = 0; i < count; ++i) {
        chunk += makeRow(i);
        if (chunk.size() >= chunkBytes) {
            if (file.write(chunk) != chunk.size())
                return {file.errorString()};
            chunk.clear();
        }
        if (progress && (i + 1) % progressRows == 0 && !progress(i + 1))
            return {{}, true};
    }
    if (file.write(chunk) != chunk.size() || !file.commit())
        return {file.errorString()};
    return {};
}

} // namespace

ExportActions::ExportActions(const DatagramPane &datagrams, const TrafficStatistics &statistics,
                             QWidget *window)
    : QObject(window)
    , m_datagrams(datagrams)
    , m_statistics(statistics)
    , m_window(window)
    , m_saveCapture(tr("&Save Capture…"), this)
    , m_exportDatagrams(tr("Export &Datagrams…"), this)
    , m_exportSenders(tr("Export S&enders…"), this)
    , m_choosePath([window](const QString &title, const QString &suggestedPath, const QString &filter) {
        return defaultChoosePath(window, title, suggestedPath, filter);
    })
    , m_folder(QDir::homePath())
{
    setObjectName(QStringLiteral("exportActions"));
    m_saveCapture.setObjectName(QStringLiteral("saveCaptureAction"));
    m_saveCapture.setShortcut(QKeySequence::Save);
    m_saveCapture.setToolTip(tr("Save the datagrams the table shows as a pcap file for Wireshark"));
    m_exportDatagrams.setObjectName(QStringLiteral("exportDatagramsAction"));
    m_exportDatagrams.setToolTip(tr("Save the datagrams the table shows as CSV"));
    m_exportSenders.setObjectName(QStringLiteral("exportSendersAction"));
    m_exportSenders.setToolTip(tr("Save the senders table as CSV"));

    connect(&m_saveCapture, &QAction::triggered, this, [this] {
        choosePathAndWrite(m_saveCapture, QStringLiteral("pcap"),
                           tr("pcap capture (*.pcap);;All files (*)"), &ExportActions::saveCapture);
    });
    connect(&m_exportDatagrams, &QAction::triggered, this, [this] {
        choosePathAndWrite(m_exportDatagrams, QStringLiteral("csv"),
                           tr("CSV (*.csv);;All files (*)"), &ExportActions::exportDatagrams);
    });
    connect(&m_exportSenders, &QAction::triggered, this, [this] {
        choosePathAndWrite(m_exportSenders, QStringLiteral("csv"), tr("CSV (*.csv);;All files (*)"),
                           &ExportActions::exportSenders);
    });
}

void ExportActions::choosePathAndWrite(const QAction &action, const QString &extension,
                                       const QString &filter,
                                       bool (ExportActions::*write)(const QString &))
{
    const QString name = QStringLiteral("mcast-monitor-%1.%2")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                                  extension);
    const QString title = action.text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    const QString path = m_choosePath(title, QDir(m_folder).filePath(name), filter);
    if (path.isEmpty())
        return;
    m_folder = QFileInfo(path).absolutePath();
    (this->*write)(path);
}

bool ExportActions::saveCapture(const QString &path)
{
    const DatagramBatch datagrams = m_datagrams.shownDatagrams();
    return report(m_saveCapture, path,
                  withProgress(m_saveCapture, datagrams.size(), [&](const Progress &progress) {
                      return writeCapture(path, datagrams, progress);
                  }));
}

bool ExportActions::exportDatagrams(const QString &path)
{
    const DatagramBatch datagrams = m_datagrams.shownDatagrams();
    return report(m_exportDatagrams, path,
                  withProgress(m_exportDatagrams, datagrams.size(), [&](const Progress &progress) {
                      return writeDatagramsCsv(path, datagrams, progress);
                  }));
}

bool ExportActions::exportSenders(const QString &path)
{
    return report(m_exportSenders, path, writeSendersCsv(path, m_statistics));
}

ExportActions::Written ExportActions::writeCapture(const QString &path, const DatagramBatch &datagrams,
                                                   const Progress &progress)
{
    PcapFile file;
    if (!file.open(path))
        return {file.errorString()};
    for (qsizetype i = 0; i < datagrams.size(); ++i) {
        file.write(datagrams[i]);
        if (progress && (i + 1) % progressRows == 0 && !progress(i + 1)) {
            file.close();
            QFile::remove(path);
            return {{}, true};
        }
    }
    if (!file.close())
        return {file.errorString()};
    return {};
}

ExportActions::Written ExportActions::writeDatagramsCsv(const QString &path, const DatagramBatch &datagrams,
                                                        const Progress &progress)
{
    DatagramCsv csv;
    return writeCsv(
        path, DatagramCsv::header(), datagrams.size(), [&](qsizetype i) { return csv.row(datagrams[i]); },
        progress);
}

// A thousand flows at most: quick, so without progress (which would let the statistics
// change under the rows being written).
ExportActions::Written ExportActions::writeSendersCsv(const QString &path, const TrafficStatistics &statistics)
{
    const auto &senders = statistics.senders();
    return writeCsv(
        path, SenderCsv::header(), qsizetype(senders.size()),
        [&](qsizetype i) { return SenderCsv::row(statistics, senders[std::size_t(i)]); }, {});
}

// A dialog that appears only when writing takes more than half a second.
ExportActions::Written ExportActions::withProgress(const QAction &action, qsizetype rows,
                                                   const std::function<Written(const Progress &)> &write)
{
    QProgressDialog dialog(tr("Writing %n rows…", nullptr, int(rows)), tr("Cancel"), 0, int(rows), m_window);
    dialog.setWindowTitle(action.text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(500);
    dialog.setAutoReset(false);
    const Written written = write([&dialog](qsizetype done) {
        dialog.setValue(int(done)); // lets the window repaint and the dialog take Cancel
        return !dialog.wasCanceled();
    });
    dialog.reset();
    return written;
}

bool ExportActions::report(const QAction &action, const QString &path, const Written &written)
{
    if (written.cancelled)
        return false;
    const QString &error = written.error;
    if (error.isEmpty())
        return true;
    const QString title = action.text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    auto *box = new QMessageBox(QMessageBox::Warning, title,
                                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), error),
                                QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("exportErrorBox"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, without a nested event loop
    return false;
}
