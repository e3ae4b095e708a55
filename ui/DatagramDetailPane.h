#pragma once

#include <QByteArray>
#include <QWidget>

class QBoxLayout;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
struct ReceivedDatagram;

// Everything about one received datagram: where it came from and went to, when, how it
// arrived, its ATU timestamp if it has one, and the whole payload as a hex dump and as
// escaped text. All of it is plain text, selectable and copyable: the bytes are untrusted.
// Docked wide and low, the fields sit beside the payload; tall and narrow, above it, and
// the hex dump has eight bytes a line where sixteen would not fit, and is never narrower
// than eight bytes' line.
class DatagramDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatagramDetailPane)

public:
    explicit DatagramDetailPane(QWidget *parent = nullptr);

    void setDatagram(const ReceivedDatagram &datagram);
    void clear();
    // Wide enough for eight bytes a line with their characters, not cut.
    QSize sizeHint() const override;
    // How many bytes a line of the hex dump shows: sixteen where they fit, else eight.
    int bytesPerLine() const { return m_bytesPerLine; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *addRow(const QString &label, const QString &objectName);
    void setAtuRowsVisible(bool visible);
    void showHex();
    int hexViewWidth(int bytesPerLine) const;
    int hexLineWidth(int bytesPerLine) const;

    QBoxLayout *m_layout = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_destination = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_ttl = nullptr;
    QLabel *m_interface = nullptr;
    QLabel *m_arrival = nullptr;
    QLabel *m_atuTime = nullptr;
    QLabel *m_atuOffset = nullptr;
    QLabel *m_origin = nullptr;
    QTabWidget *m_payloadTabs = nullptr;
    QPlainTextEdit *m_hexView = nullptr;
    QPlainTextEdit *m_textView = nullptr;
    QByteArray m_payload; // for the hex dump when its width changes
    int m_bytesPerLine = 16;
};
