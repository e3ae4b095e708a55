#pragma once

#include "net/ReceivedDatagram.h"

#include <QAction>
#include <QObject>
#include <QString>

#include <functional>

class DatagramPane;
class TrafficStatistics;
class QWidget;

// File ▸ Save Capture… (the datagrams the table shows, as pcap), Export Datagrams… and
// Export Senders… (CSV). Each asks for a file, writes it at once, and says in a message box
// why it could not. A long export (a large history of large payloads) shows its progress
// and can be cancelled; it writes a copy of the rows, so what arrives meanwhile changes
// nothing. The file dialog is a PathChooser, so tests can name the file instead.
class ExportActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportActions)

public:
    // Returns the chosen path, or an empty string when the user cancelled.
    using PathChooser = std::function<QString(const QString &title, const QString &suggestedPath,
                                              const QString &filter)>;

    ExportActions(const DatagramPane &datagrams, const TrafficStatistics &statistics,
                  QWidget *window);

    QAction *saveCaptureAction() { return &m_saveCapture; }
    QAction *exportDatagramsAction() { return &m_exportDatagrams; }
    QAction *exportSendersAction() { return &m_exportSenders; }
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }

    // Each writes its file to path; false (and a message box saying why) when it could not.
    bool saveCapture(const QString &path);
    bool exportDatagrams(const QString &path);
    bool exportSenders(const QString &path);

    struct Written
    {
        QString error; // why the file could not be written; empty when it was
        bool cancelled = false; // nothing is left behind then
    };
    // Called every so many rows with the rows written so far; false stops (cancels) writing.
    using Progress = std::function<bool(qsizetype rows)>;

    // The files as the actions write them, without a dialog or message box.
    static Written writeCapture(const QString &path, const DatagramBatch &datagrams,
                                const Progress &progress = {});
    static Written writeDatagramsCsv(const QString &path, const DatagramBatch &datagrams,
                                     const Progress &progress = {});
    static Written writeSendersCsv(const QString &path, const TrafficStatistics &statistics);

private:
    void choosePathAndWrite(const QAction &action, const QString &extension, const QString &filter,
                            bool (ExportActions::*write)(const QString &));
    bool report(const QAction &action, const QString &path, const Written &written);
    Written withProgress(const QAction &action, qsizetype rows,
                         const std::function<Written(const Progress &)> &write);

    const DatagramPane &m_datagrams;
    const TrafficStatistics &m_statistics;
    QWidget *m_window = nullptr;
    QAction m_saveCapture;
    QAction m_exportDatagrams;
    QAction m_exportSenders;
    PathChooser m_choosePath;
    QString m_folder; // where the last file went: the next one is suggested there
};
