#pragma once

#include <QObject>

class InterfaceComboBox;
class QAbstractButton;
class QLabel;
class QLineEdit;
class QTableView;
class SubscriptionTableModel;

// Edits the subscriptions table through the window's widgets: a spec typed in the field is
// added with Add or Return (the dropdown's interface when it names none, specPort when
// it names no port); Remove or Delete in the table takes out the selected row; a group,
// source, port or interface is changed in its cell (double-click or F2). What does not
// read, or is there already, is said in the error label as it is typed, never in a dialog.
class SubscriptionEditor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionEditor)

public:
    struct Widgets
    {
        QLineEdit *specEdit = nullptr;
        InterfaceComboBox *interfaceCombo = nullptr;
        QAbstractButton *addButton = nullptr;
        QAbstractButton *removeButton = nullptr;
        QTableView *view = nullptr;
        QLabel *errorLabel = nullptr;
    };

    SubscriptionEditor(SubscriptionTableModel &model, const Widgets &widgets, quint16 specPort,
                       QObject *parent = nullptr);

    void add();
    void removeSelected();

private:
    void setupView();
    void clearErrorOnceValid(const QString &text);
    void showCellProblem(const QString &problem);

    SubscriptionTableModel &m_model;
    Widgets m_widgets;
    quint16 m_specPort = 0;
    bool m_showingCellProblem = false; // the error label says what is wrong in an open cell
};
