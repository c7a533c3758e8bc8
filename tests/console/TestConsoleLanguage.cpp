#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace auth::console;

// The main window in German: chosen from the View > Language menu, its menus,
// tabs, status bar, log view and shortcut list speak German, the choice is
// remembered, and choosing English brings every string back.
class TestConsoleLanguage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void germanMainWindowAndBack();
    void rememberedLanguageIsUsedAtStart();

private:
    QStringList menuTitles() const;
    QStringList tabTexts() const;
    QString statusText(const char* name) const;
    void choose(const char* actionName);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleLanguage::init()
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

void TestConsoleLanguage::cleanup()
{
    m_window.reset();
    // Leave the application in English for whatever runs next.
    if (m_languages)
        m_languages->setLanguage(QStringLiteral("en"));
    m_languages.reset();
    m_settings.reset();
    m_dir.reset();
}

QStringList TestConsoleLanguage::menuTitles() const
{
    QStringList titles;
    for (QAction* action : m_window->menuBar()->actions())
        titles.append(action->text());
    return titles;
}

QStringList TestConsoleLanguage::tabTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_window->tabs()->count(); ++i)
        texts.append(m_window->tabs()->tabText(i));
    return texts;
}

QString TestConsoleLanguage::statusText(const char* name) const
{
    auto* label = m_window->findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

void TestConsoleLanguage::choose(const char* actionName)
{
    auto* action = m_window->findChild<QAction*>(QLatin1String(actionName));
    QVERIFY2(action, actionName);
    action->trigger();
}

void TestConsoleLanguage::germanMainWindowAndBack()
{
    const QStringList englishMenus {QStringLiteral("&File"), QStringLiteral("&Server"),
                                    QStringLiteral("&View"), QStringLiteral("&Help")};
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
    QCOMPARE(menuTitles(),
             (QStringList {QStringLiteral("&Datei"), QStringLiteral("&Server"), QStringLiteral("&Ansicht"),
                           QStringLiteral("&Hilfe")}));
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
    QCOMPARE(menuTitles(), englishMenus);
    QCOMPARE(tabTexts(), englishTabs);
    QCOMPARE(statusText("serverStatusLabel"), QStringLiteral("Not connected"));
    QCOMPARE(statusText("userStatusLabel"), QStringLiteral("Not signed in"));
    QCOMPARE(filterEdit->placeholderText(), englishPlaceholder);
}

void TestConsoleLanguage::rememberedLanguageIsUsedAtStart()
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

QTEST_MAIN(TestConsoleLanguage)
#include "TestConsoleLanguage.moc"
