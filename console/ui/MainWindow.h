#pragma once

#include "client/ServerConnection.h"
#include "client/ServerProfile.h"

#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QPushButton;

namespace auth::console {

class Banner;
class ConnectionBar;
class ConsoleSettings;
class HealthPanel;
class LanguageManager;

// The console's window: the connection bar, a certificate banner when TLS needs
// a decision, the health panel, and a status bar with server, trust and latency.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Both must outlive the window.
    MainWindow(ConsoleSettings& settings, LanguageManager& languages, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Fills the connection bar, e.g. from the command line, and connects to it.
    void connectTo(const ServerProfile& profile);
    void showProfile(const ServerProfile& profile); // fills the bar only
    ServerConnection& connection() { return m_connection; }

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void retranslateUi();
    void connectToServer();
    void disconnectFromServer();
    void refresh();
    void trustCertificate();
    void forgetTrust();
    void selectLanguage(const QString& code);
    void onStateChanged();
    void onProfileConfirmed(const ServerProfile& profile);
    void updateTlsBanner();
    void updateStatusBar();

    ConsoleSettings& m_settings;
    LanguageManager& m_languages;
    ServerConnection m_connection;

    ConnectionBar* m_connectionBar;
    Banner* m_tlsBanner;
    QLabel* m_tlsBannerLabel;
    QPushButton* m_trustButton;
    HealthPanel* m_healthPanel;
    QLabel* m_serverStatusLabel;
    QLabel* m_tlsStatusLabel;
    QLabel* m_latencyStatusLabel;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_serverMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_disconnectAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_focusUrlAction = nullptr;
    QAction* m_forgetTrustAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
};

} // namespace auth::console
