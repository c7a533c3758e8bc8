#pragma once

#include "client/AuthSession.h"
#include "client/EventSource.h"
#include "client/LockdownWatch.h"
#include "client/SecretStore.h"
#include "client/ServerConnection.h"
#include "client/ServerProfile.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;
class QTimer;

namespace auth::console {

class Banner;
class ConnectionBar;
class ConsoleSettings;
class HealthPanel;
class LanguageManager;
class AccountsView;
class DashboardView;
class KeysView;
class LogView;
class LoginDialog;
class NoticeBanner;
class ReportDialog;
class BreachWizard;

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
    AuthSession& session() { return m_session; }
    SecretStore& secrets() { return m_secrets; }
    LockdownWatch& lockdown() { return m_lockdown; }
    LogView* logView() const { return m_logView; }
    DashboardView* dashboard() const { return m_dashboard; }
    AccountsView* accounts() const { return m_accounts; }
    KeysView* keys() const { return m_keys; }
    QTabWidget* tabs() const { return m_tabs; }
    // Opens the (non-modal) sign-in dialog for the connected server.
    void openSignIn();
    // Incident → Breach Response…: offers to resume an unfinished incident of
    // this server, otherwise starts a new one (MainWindowIncident.cpp).
    void openBreachResponse();
    // A new incident (empty path) or the journal at `resumePath`.
    BreachWizard* startBreachWizard(const QString& resumePath = {});
    BreachWizard* breachWizard() const;

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
    void updateNotices();
    void signOut();
    void showShortcuts();
    void exportReport();
    void createIncidentMenu();
    void retranslateIncidentMenu();

    ConsoleSettings& m_settings;
    LanguageManager& m_languages;
    ServerConnection m_connection;
    SecretStore m_secrets;
    AuthSession m_session;
    LockdownWatch m_lockdown;
    ApiEventSource m_eventSource;
    QString m_sessionOrigin; // the server the session belongs to

    ConnectionBar* m_connectionBar;
    Banner* m_tlsBanner;
    QLabel* m_tlsBannerLabel;
    QPushButton* m_trustButton;
    HealthPanel* m_healthPanel;
    NoticeBanner* m_unreachableBanner;
    NoticeBanner* m_sessionBanner;
    NoticeBanner* m_lockdownBanner;
    NoticeBanner* m_keychainBanner;
    QTabWidget* m_tabs;
    LogView* m_logView;
    DashboardView* m_dashboard;
    AccountsView* m_accounts;
    KeysView* m_keys;
    LoginDialog* m_loginDialog = nullptr;
    QTimer* m_noticeTimer;
    QLabel* m_userStatusLabel;
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
    QAction* m_signInAction = nullptr;
    QAction* m_signOutAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QList<QAction*> m_tabActions;
    QAction* m_aboutAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_exportReportAction = nullptr;
    ReportDialog* m_reportDialog = nullptr;
    QMenu* m_incidentMenu = nullptr;
    QAction* m_breachAction = nullptr;
    QPointer<BreachWizard> m_breachWizard;
};

} // namespace auth::console
