#include "client/ConsoleSettings.h"
#include "client/EventTableModel.h"
#include "client/LanguageManager.h"
#include "ui/DashboardView.h"
#include "ui/LogView.h"
#include "ui/MainWindow.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>
#include <memory>

using namespace auth::console;

// The main window's comfort: in German (chosen from View > Language) its menus,
// tabs, status bar, log view and shortcut list speak German, and choosing
// English brings every string back; the language and the layout survive a
// restart; every keyboard shortcut is listed in the help (F1).
class TestConsoleComfort : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void germanMainWindowAndBack();
    void rememberedLanguageIsUsedAtStart();
    void layoutSurvivesRestart();
    void everyShortcutIsListedInTheHelp();

private:
    QStringList menuTitles() const;
    QStringList tabTexts() const;
    QString statusText(const char* name) const;
    void choose(const char* actionName);
    void restart();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleComfort::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("en")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleComfort::cleanup()
{
    m_window.reset();
    // Leave the application in English for whatever runs next.
    if (m_languages)
        m_languages->setLanguage(QStringLiteral("en"));
    m_languages.reset();
    m_settings.reset();
    m_dir.reset();
}

QStringList TestConsoleComfort::menuTitles() const
{
    QStringList titles;
    for (QAction* action : m_window->menuBar()->actions())
        titles.append(action->text());
    return titles;
}

QStringList TestConsoleComfort::tabTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_window->tabs()->count(); ++i)
        texts.append(m_window->tabs()->tabText(i));
    return texts;
}

QString TestConsoleComfort::statusText(const char* name) const
{
    auto* label = m_window->findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

void TestConsoleComfort::choose(const char* actionName)
{
    auto* action = m_window->findChild<QAction*>(QLatin1String(actionName));
    QVERIFY2(action, actionName);
    action->trigger();
}

void TestConsoleComfort::germanMainWindowAndBack()
{
    const QStringList englishMenus {QStringLiteral("&File"), QStringLiteral("&Server"),
                                    QStringLiteral("&View"), QStringLiteral("I&ncident"),
                                    QStringLiteral("&Help")};
    const QStringList englishTabs {QStringLiteral("&Overview"), QStringLiteral("Das&hboard"),
                                   QStringLiteral("Security Lo&g"), QStringLiteral("A&ccounts"),
                                   QStringLiteral("&Keys")};
    QCOMPARE(menuTitles(), englishMenus);
    QCOMPARE(tabTexts(), englishTabs);
    QCOMPARE(statusText("serverStatusLabel"), QStringLiteral("Not connected"));
    QCOMPARE(statusText("userStatusLabel"), QStringLiteral("Not signed in"));
    auto* filterEdit = m_window->findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    QVERIFY(filterEdit);
    const QString englishPlaceholder = filterEdit->placeholderText();
    QVERIFY(englishPlaceholder.startsWith(QLatin1String("Filter, e.g.")));

    choose("languageDeAction");
    QCOMPARE(m_languages->language(), QStringLiteral("de"));
    QCOMPARE(m_settings->language(), QStringLiteral("de"));
    // LanguageChange reaches the widgets as a posted event.
    QTRY_COMPARE(
        menuTitles(),
        (QStringList {QStringLiteral("&Datei"), QStringLiteral("&Server"), QStringLiteral("&Ansicht"),
                      QStringLiteral("Vor&fall"), QStringLiteral("&Hilfe")}));
    QCOMPARE(tabTexts(),
             (QStringList {QStringLiteral("Ü&bersicht"), QStringLiteral("Das&hboard"),
                           QStringLiteral("Sicherheits&protokoll"), QStringLiteral("&Konten"),
                           QStringLiteral("&Schlüssel")}));
    QCOMPARE(statusText("serverStatusLabel"), QStringLiteral("Nicht verbunden"));
    QCOMPARE(statusText("userStatusLabel"), QStringLiteral("Nicht angemeldet"));
    QCOMPARE(statusText("latencyStatusLabel"), QStringLiteral("Latenz: –"));
    QCOMPARE(m_window->findChild<QAction*>(QStringLiteral("signOutAction"))->text(),
             QStringLiteral("Ab&melden"));
    QCOMPARE(m_window->findChild<QAction*>(QStringLiteral("quitAction"))->text(), QStringLiteral("&Beenden"));
    QCOMPARE(m_window->findChild<QAction*>(QStringLiteral("showTab3Action"))->text(),
             QStringLiteral("Sicherheitsprotokoll anzeigen"));
    QVERIFY(filterEdit->placeholderText() != englishPlaceholder);

    // The shortcut list (F1) is German too.
    choose("shortcutsAction");
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("shortcutsDialog"))) != nullptr);
    QCOMPARE(box->windowTitle(), QStringLiteral("Tastenkürzel"));
    QVERIFY2(box->text().contains(QLatin1String("Sicherheitsprotokoll: Filter bearbeiten")),
             qPrintable(box->text()));
    box->close();

    choose("languageEnAction");
    QCOMPARE(m_languages->language(), QStringLiteral("en"));
    QCOMPARE(m_settings->language(), QStringLiteral("en"));
    QTRY_COMPARE(menuTitles(), englishMenus);
    QCOMPARE(tabTexts(), englishTabs);
    QCOMPARE(statusText("serverStatusLabel"), QStringLiteral("Not connected"));
    QCOMPARE(statusText("userStatusLabel"), QStringLiteral("Not signed in"));
    QCOMPARE(filterEdit->placeholderText(), englishPlaceholder);
}

void TestConsoleComfort::rememberedLanguageIsUsedAtStart()
{
    choose("languageDeAction");
    m_settings->sync();
    m_window.reset();
    m_languages.reset();
    m_settings.reset();

    // A new start reads the choice back, as main() does.
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    QCOMPARE(m_settings->language(), QStringLiteral("de"));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(m_settings->language()));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(menuTitles().value(0), QStringLiteral("&Datei"));
    QCOMPARE(statusText("userStatusLabel"), QStringLiteral("Nicht angemeldet"));
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("languageDeAction"))->isChecked());
}

// Closes the window as the user does and starts a new one on the same settings file.
void TestConsoleComfort::restart()
{
    m_window->close();
    m_window.reset();
    m_settings->sync();
    m_settings = std::make_unique<ConsoleSettings>(m_dir->filePath(QStringLiteral("console.ini")));
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleComfort::layoutSurvivesRestart()
{
    m_window->resize(1100, 700);
    m_window->tabs()->setCurrentWidget(m_window->logView());
    m_window->dashboard()->setRange(QStringLiteral("24h"));
    auto* splitter = m_window->logView()->findChild<QSplitter*>(QStringLiteral("logSplitter"));
    QVERIFY(splitter);
    QTRY_VERIFY(splitter->sizes().value(0) > 0);
    const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
    splitter->setSizes({total / 2, total - total / 2});
    const QList<int> sizes = splitter->sizes();
    QHeaderView* header = m_window->logView()->table()->horizontalHeader();
    header->resizeSection(EventTableModel::UserColumn, 321);

    restart();
    QCOMPARE(m_window->size(), QSize(1100, 700));
    QCOMPARE(m_window->tabs()->currentWidget(), m_window->logView());
    QCOMPARE(m_window->dashboard()->range(), QStringLiteral("24h"));
    splitter = m_window->logView()->findChild<QSplitter*>(QStringLiteral("logSplitter"));
    // The split is restored (give or take the rounding of a relayout).
    QTRY_VERIFY2(std::abs(splitter->sizes().value(0) - sizes.value(0)) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(splitter->sizes().value(0)).arg(sizes.value(0))));
    QCOMPARE(m_window->logView()->table()->horizontalHeader()->sectionSize(EventTableModel::UserColumn), 321);

    // A settings file with nonsense in it leaves the defaults.
    m_window->close();
    m_window.reset();
    m_settings->setViewState(QStringLiteral("tab"), 99);
    m_settings->setViewState(QStringLiteral("dashboardRange"), QStringLiteral("1y"));
    m_settings->setViewState(QStringLiteral("logSplitter"), QByteArray("garbage"));
    m_settings->sync();
    m_window = std::make_unique<MainWindow>(*m_settings, *m_languages);
    QCOMPARE(m_window->tabs()->currentIndex(), 0);
    QCOMPARE(m_window->dashboard()->range(), QStringLiteral("1h"));
}

void TestConsoleComfort::everyShortcutIsListedInTheHelp()
{
    choose("shortcutsAction");
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>(QStringLiteral("shortcutsDialog"))) != nullptr);
    const QString help = box->text();
    box->close();
    // "Ctrl+1 … Ctrl+5" stands for the keys in between.
    static const QRegularExpression span(QStringLiteral("Ctrl\\+(\\d) … Ctrl\\+(\\d)"));
    auto listed = [&help](const QKeySequence& keys) {
        const QString text = keys.toString(QKeySequence::PortableText);
        if (help.contains(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped())))
            return true;
        const QRegularExpressionMatch range = span.match(help);
        if (range.hasMatch() && text.size() == 6 && text.startsWith(QLatin1String("Ctrl+"))) {
            const QChar digit = text.back();
            return digit >= range.captured(1).front() && digit <= range.captured(2).front();
        }
        return false;
    };
    QStringList missing;
    int checked = 0;
    auto check = [&](const QKeySequence& keys, const QString& what) {
        // Alt+letter mnemonics come from the labels themselves.
        if (keys.isEmpty() || keys[0].keyboardModifiers() == Qt::AltModifier)
            return;
        ++checked;
        if (!listed(keys))
            missing.append(QStringLiteral("%1 (%2)").arg(keys.toString(QKeySequence::PortableText), what));
    };
    for (QAction* action : m_window->findChildren<QAction*>()) {
        for (const QKeySequence& keys : action->shortcuts())
            check(keys, action->objectName() + u' ' + action->text());
    }
    for (QAbstractButton* button : m_window->findChildren<QAbstractButton*>())
        check(button->shortcut(), button->objectName());
    QVERIFY2(checked >= 12, qPrintable(QString::number(checked)));
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

QTEST_MAIN(TestConsoleComfort)
#include "TestConsoleComfort.moc"
