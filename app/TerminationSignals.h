#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT/SIGTERM (Ctrl+C, Ctrl+Break on Windows) into a Qt signal delivered on the
// event loop, so a headless run can stop cleanly and print its final lines.
class TerminationSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};
