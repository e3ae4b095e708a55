#pragma once

#include "DatagramFilterModel.h"
#include "DatagramTableModel.h"

#include <QAction>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <memory>

class ColumnChooser;
class MonitorSession;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class SettingsStore;

// The datagrams table and the bar above it: a filter on source and payload, Pause (the
// table holds still while receiving and statistics go on), Auto-scroll and Clear.
class DatagramPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatagramPane)

public:
    static constexpr std::chrono::milliseconds filterDelay{150};

    explicit DatagramPane(QWidget *parent = nullptr);
    ~DatagramPane() override;

    // Shows the session's datagrams from now on, and forgets them when it is cleared.
    void follow(MonitorSession &session);
    // The columns shown, their order and widths, as the user chose them (saved as "datagrams").
    void chooseColumnsWith(SettingsStore &settings);
    void appendBatch(const DatagramBatch &batch);
    void clear();
    void setCapacity(int rows) { m_model.setCapacity(rows); }
    qint64 evictedCount() const { return m_model.evictedCount(); }
    // The datagrams the table shows (the filter applied), oldest first: what File ▸ Save
    // Capture and Export Datagrams write.
    DatagramBatch shownDatagrams() const;

    // Checkable, Space while the table has focus; the window puts it in its menu too.
    QAction *pauseAction() { return &m_pauseAction; }
    void setPaused(bool paused) { m_pauseAction.setChecked(paused); }
    bool isPaused() const { return m_model.isPaused(); }
    void focusFilter();
    QTableView *view() const { return m_view; }

signals:
    void clearRequested();
    void datagramSelected(const ReceivedDatagram &datagram);

private:
    QWidget *createBar();
    void applyPause(bool paused);
    void applyFilter();
    void showCounts();
    void showCurrent(const QModelIndex &current);
    void scrollIfFollowing();

    DatagramTableModel m_model;
    DatagramFilterModel m_filter;
    QAction m_pauseAction;
    QAction m_leaveFilterAction;
    QAction m_deselectAction;
    QTimer m_filterTimer;
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_matchCount = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QCheckBox *m_autoScroll = nullptr;
    QLabel *m_heldLabel = nullptr;
    QPushButton *m_clearButton = nullptr;
    QTableView *m_view = nullptr;
    std::unique_ptr<ColumnChooser> m_columnChooser;
};
