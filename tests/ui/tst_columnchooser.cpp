#include "ColumnChooser.h"
#include "TableViews.h"
#include "settings/SettingsStore.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QMenu>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct TestColumn
{
    const char *key;
    ColumnShown shown;
};
// a names the row; b, c and d are shown by default; e and f on request.
constexpr TestColumn testColumns[] = {{"a", ColumnShown::Always},    {"b", ColumnShown::ByDefault},
                                      {"c", ColumnShown::ByDefault}, {"d", ColumnShown::ByDefault},
                                      {"e", ColumnShown::OnRequest}, {"f", ColumnShown::OnRequest}};
constexpr int a = 0, b = 1, c = 2, d = 3, e = 4, f = 5;
const QString table = QStringLiteral("test");

} // namespace

class TestColumnChooser final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_iniPath;
    QStandardItemModel m_model{3, int(std::size(testColumns))};
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<QTableView> m_view;
    std::unique_ptr<ColumnChooser> m_chooser;

    // The table as it would be made again at the next start, from what was saved.
    void remake()
    {
        m_chooser.reset();
        m_view.reset();
        m_settings = std::make_unique<SettingsStore>(m_iniPath);
        m_view = std::make_unique<QTableView>();
        TableViews::setup(m_view.get(), &m_model);
        m_chooser = std::make_unique<ColumnChooser>(*m_view, *m_settings, table);
        m_view->resize(600, 200);
        m_view->show();
    }

    QHeaderView *header() const { return m_view->horizontalHeader(); }

    QStringList shownInOrder() const
    {
        QStringList keys;
        for (int visual = 0; visual < header()->count(); ++visual) {
            const int column = header()->logicalIndex(visual);
            if (!header()->isSectionHidden(column))
                keys.append(QString::fromLatin1(testColumns[column].key));
        }
        return keys;
    }

    QMenu *openMenu()
    {
        emit header()->customContextMenuRequested(QPoint(5, 5));
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        return menu && menu->objectName() == QStringLiteral("columnMenu") ? menu : nullptr;
    }

    static QAction *actionNamed(QMenu *menu, const QString &text)
    {
        for (QAction *action : menu->actions()) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        for (int column = 0; column < int(std::size(testColumns)); ++column) {
            const QString key = QString::fromLatin1(testColumns[column].key);
            m_model.setHeaderData(column, Qt::Horizontal, key.toUpper());
            m_model.setHeaderData(column, Qt::Horizontal, key, ColumnKeyRole);
            m_model.setHeaderData(column, Qt::Horizontal, int(testColumns[column].shown), ColumnShownRole);
            m_model.setHeaderData(column, Qt::Horizontal, QString(10 + 5 * column, QLatin1Char('x')),
                                  ColumnSampleRole);
        }
    }

    void init()
    {
        static int counter = 0;
        m_iniPath = m_dir.filePath(QStringLiteral("columns-%1.ini").arg(++counter));
        remake();
    }

    void cleanup()
    {
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
        m_chooser.reset();
        m_view.reset();
        m_settings.reset();
    }

    void defaultsWithoutSavingThem()
    {
        QCOMPARE(shownInOrder(), (QStringList{"a", "b", "c", "d"}));
        // Each column as wide as its sample (or title).
        QVERIFY(m_view->columnWidth(c) > m_view->columnWidth(b));
        QCOMPARE(m_view->columnWidth(c), TableViews::columnWidth(m_view.get(), c, QString(20, QLatin1Char('x'))));
        remake();
        QVERIFY(m_settings->tableColumns(table).isEmpty()); // nothing chosen, nothing written
    }

    void theMenuHasACheckBoxPerColumn()
    {
        QMenu *menu = openMenu();
        QVERIFY(menu);
        QAction *columnA = actionNamed(menu, QStringLiteral("A"));
        QAction *columnE = actionNamed(menu, QStringLiteral("E"));
        QVERIFY(columnA && columnE);
        QVERIFY(columnA->isChecked());
        QVERIFY(!columnA->isEnabled()); // it names the row: always there
        QVERIFY(!columnE->isChecked());
        QVERIFY(actionNamed(menu, QStringLiteral("&Reset to Default Columns")));
        columnE->trigger();
        QVERIFY(!m_view->isColumnHidden(e));
        QCOMPARE(shownInOrder(), (QStringList{"a", "b", "c", "d", "e"}));
    }

    void shownHiddenOrderAndWidthsAreSavedAndRestored()
    {
        QMenu *menu = openMenu();
        QVERIFY(menu);
        actionNamed(menu, QStringLiteral("B"))->trigger();
        actionNamed(menu, QStringLiteral("F"))->trigger();
        menu->close();
        header()->moveSection(header()->visualIndex(f), 1);
        header()->resizeSection(c, 123);
        QCOMPARE(shownInOrder(), (QStringList{"a", "f", "c", "d"}));
        // Saved a moment after the last change, as a drag ends.
        QTRY_COMPARE(SettingsStore(m_iniPath).tableColumns(table).size(), qsizetype(std::size(testColumns)));

        remake();
        QCOMPARE(shownInOrder(), (QStringList{"a", "f", "c", "d"}));
        QVERIFY(m_view->isColumnHidden(b));
        QCOMPARE(m_view->columnWidth(c), 123);
        // What was hidden comes back where it was, when asked for.
        m_chooser->setColumnShown(b, true);
        QCOMPARE(shownInOrder(), (QStringList{"a", "f", "b", "c", "d"}));
    }

    void pendingChangesAreSavedWhenTheTableGoes()
    {
        m_chooser->setColumnShown(d, false);
        m_chooser.reset(); // before the delay is over
        const QList<ColumnChoice> saved = SettingsStore(m_iniPath).tableColumns(table);
        QCOMPARE(saved.size(), qsizetype(std::size(testColumns)));
        QCOMPARE(saved.at(d).name, QStringLiteral("d"));
        QVERIFY(!saved.at(d).shown);
    }

    void resetBringsBackTheDefaultsAndSavesThem()
    {
        m_chooser->setColumnShown(b, false);
        m_chooser->setColumnShown(f, true);
        header()->moveSection(header()->visualIndex(d), 0);
        header()->resizeSection(c, 300);
        QMenu *menu = openMenu();
        QVERIFY(menu);
        actionNamed(menu, QStringLiteral("&Reset to Default Columns"))->trigger();
        QCOMPARE(shownInOrder(), (QStringList{"a", "b", "c", "d"}));
        QVERIFY(m_view->columnWidth(c) < 300);
        remake();
        QCOMPARE(shownInOrder(), (QStringList{"a", "b", "c", "d"}));
        QVERIFY(m_view->columnWidth(c) < 300);
    }

    void theColumnThatNamesTheRowCannotBeHidden()
    {
        m_chooser->setColumnShown(a, false);
        QVERIFY(!m_view->isColumnHidden(a));
        m_settings->saveTableColumns(table, {{QStringLiteral("a"), false, 0}});
        remake();
        QVERIFY(!m_view->isColumnHidden(a));
    }

    // Settings from another version: columns it no longer has are skipped; columns it did not
    // have yet come after the saved ones, as their defaults say.
    void unknownSavedColumnsAreSkippedAndNewOnesComeLast()
    {
        m_settings->saveTableColumns(table, {{QStringLiteral("gone"), true, 50},
                                             {QStringLiteral("d"), true, 0},
                                             {QStringLiteral("a"), true, 0},
                                             {QStringLiteral("e"), true, 77},
                                             {QStringLiteral("d"), false, 0}}); // a repeat: ignored
        remake();
        QCOMPARE(shownInOrder(), (QStringList{"d", "a", "e", "b", "c"}));
        QCOMPARE(m_view->columnWidth(e), 77);
    }
};

QTEST_MAIN(TestColumnChooser)
#include "tst_columnchooser.moc"
