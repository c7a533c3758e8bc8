#include "ui/MainWindow.h"

#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "ui/AccountsView.h"
#include "ui/Banner.h"
#include "ui/ConnectionBar.h"
#include "ui/DashboardView.h"
#include "ui/HealthPanel.h"
#include "ui/KeysView.h"
#include "ui/LogView.h"
#include "ui/LoginDialog.h"
#include "ui/NoticeBanner.h"
#include "ui/ReportDialog.h"
#include "ui/ViewState.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace auth::console {

MainWindow::MainWindow(ConsoleSettings& settings, LanguageManager& languages, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_languages(languages)
    , m_session(m_connection.client(), m_secrets)
    , m_lockdown(m_connection.client(), m_session)
    , m_eventSource(m_session)
    , m_connectionBar(new ConnectionBar(this))
    , m_tlsBanner(new Banner(this))
    , m_tlsBannerLabel(new QLabel(m_tlsBanner))
    , m_trustButton(new QPushButton(m_tlsBanner))
    , m_healthPanel(new HealthPanel(this))
    , m_unreachableBanner(new NoticeBanner(QStringLiteral("unreachableBanner"), this))
    , m_sessionBanner(new NoticeBanner(QStringLiteral("sessionBanner"), this))
    , m_lockdownBanner(new NoticeBanner(QStringLiteral("lockdownBanner"), this))
    , m_keychainBanner(new NoticeBanner(QStringLiteral("keychainBanner"), this))
    , m_tabs(new QTabWidget(this))
    , m_logView(new LogView(m_eventSource, m_connection.client(), this))
    , m_dashboard(new DashboardView(m_session, this))
    , m_accounts(new AccountsView(m_session, this))
    , m_keys(new KeysView(m_session, this))
    , m_noticeTimer(new QTimer(this))
    , m_userStatusLabel(new QLabel(this))
    , m_serverStatusLabel(new QLabel(this))
    , m_tlsStatusLabel(new QLabel(this))
    , m_latencyStatusLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_connectionBar->setObjectName(QStringLiteral("connectionBar"));
    m_tlsBanner->setObjectName(QStringLiteral("tlsBanner"));
    m_tlsBannerLabel->setObjectName(QStringLiteral("tlsBannerLabel"));
    m_trustButton->setObjectName(QStringLiteral("trustButton"));
    m_healthPanel->setObjectName(QStringLiteral("healthPanel"));
    m_serverStatusLabel->setObjectName(QStringLiteral("serverStatusLabel"));
    m_tlsStatusLabel->setObjectName(QStringLiteral("tlsStatusLabel"));
    m_latencyStatusLabel->setObjectName(QStringLiteral("latencyStatusLabel"));
    m_userStatusLabel->setObjectName(QStringLiteral("userStatusLabel"));
    m_tabs->setObjectName(QStringLiteral("mainTabs"));

    m_tlsBannerLabel->setWordWrap(true);
    m_tlsBannerLabel->setTextFormat(Qt::RichText);
    m_tlsBannerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bannerLayout = new QHBoxLayout(m_tlsBanner);
    bannerLayout->addWidget(m_tlsBannerLabel, 1);
    bannerLayout->addWidget(m_trustButton, 0, Qt::AlignTop);
    m_tlsBanner->hide();

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(m_connectionBar);
    layout->addWidget(m_tlsBanner);
    layout->addWidget(m_unreachableBanner);
    layout->addWidget(m_lockdownBanner);
    layout->addWidget(m_sessionBanner);
    layout->addWidget(m_keychainBanner);
    m_tabs->addTab(m_healthPanel, QString());
    m_tabs->addTab(m_dashboard, QString());
    m_tabs->addTab(m_logView, QString());
    m_tabs->addTab(m_accounts, QString());
    m_tabs->addTab(m_keys, QString());
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    statusBar()->addPermanentWidget(m_serverStatusLabel, 1);
    statusBar()->addPermanentWidget(m_userStatusLabel);
    statusBar()->addPermanentWidget(m_tlsStatusLabel);
    statusBar()->addPermanentWidget(m_latencyStatusLabel);

    createMenus();

    connect(m_connectionBar, &ConnectionBar::connectRequested, this, &MainWindow::connectToServer);
    connect(m_connectionBar, &ConnectionBar::disconnectRequested, this, &MainWindow::disconnectFromServer);
    connect(m_trustButton, &QPushButton::clicked, this, &MainWindow::trustCertificate);
    connect(&m_connection, &ServerConnection::stateChanged, this, &MainWindow::onStateChanged);
    connect(&m_connection, &ServerConnection::healthChanged, this, &MainWindow::onStateChanged);
    connect(&m_connection, &ServerConnection::failed, this, &MainWindow::onStateChanged);
    connect(&m_connection, &ServerConnection::profileConfirmed, this, &MainWindow::onProfileConfirmed);
    connect(&m_session, &AuthSession::stateChanged, this, &MainWindow::updateNotices);
    connect(&m_session, &AuthSession::stateChanged, this, &MainWindow::updateStatusBar);
    connect(&m_session, &AuthSession::stateChanged, this, [this](AuthSession::State state) {
        if (state == AuthSession::State::SignedIn) {
            m_logView->reload();
            m_dashboard->refresh();
            m_dashboard->setAutoRefresh(true);
            m_accounts->search();
            m_keys->reload();
        } else if (state != AuthSession::State::SigningIn) {
            m_logView->clear();
            m_dashboard->clear();
            m_dashboard->setAutoRefresh(false);
            m_accounts->clear();
            m_keys->clear();
        }
    });
    // Dragging across a chart shows that period's security events.
    connect(m_dashboard, &DashboardView::rangeSelected, this,
            [this](const QDateTime& from, const QDateTime& to) {
                m_logView->filterTimeRange(from, to);
                m_tabs->setCurrentWidget(m_logView);
            });
    connect(&m_lockdown, &LockdownWatch::changed, this, &MainWindow::updateNotices);
    connect(&m_secrets, &SecretStore::availabilityChanged, this, &MainWindow::updateNotices);
    connect(m_sessionBanner, &NoticeBanner::actionTriggered, this, &MainWindow::openSignIn);
    connect(m_unreachableBanner, &NoticeBanner::actionTriggered, this, &MainWindow::refresh);
    // Counts down to the next attempt while the server cannot be reached.
    m_noticeTimer->setInterval(1000);
    connect(m_noticeTimer, &QTimer::timeout, this, &MainWindow::updateNotices);
    connect(&m_languages, &LanguageManager::languageChanged, this, [this](const QString& code) {
        for (QAction* action : m_languageGroup->actions())
            action->setChecked(action->data().toString() == code);
    });

    const QString lastUrl = m_settings.lastUrl();
    if (!lastUrl.isEmpty())
        m_connectionBar->setProfile(m_settings.profileFor(ServerProfile::parseUrl(lastUrl)));
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(980, 640);
    ViewState::restore(*this, m_settings);

    retranslateUi();
    onStateChanged();
}

MainWindow::~MainWindow()
{
    // The views hold the session and the connection: they go first.
    delete m_loginDialog;
    delete m_tabs;
}

void MainWindow::connectTo(const ServerProfile& profile)
{
    m_connectionBar->setProfile(profile);
    connectToServer();
}

void MainWindow::showProfile(const ServerProfile& profile)
{
    m_connectionBar->setProfile(profile);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setWindowGeometry(saveGeometry());
    ViewState::save(*this, m_settings);
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_exportReportAction = m_fileMenu->addAction(QString(), this, &MainWindow::exportReport);
    m_exportReportAction->setObjectName(QStringLiteral("exportReportAction"));
    m_exportReportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_serverMenu = menuBar()->addMenu(QString());
    m_connectAction = m_serverMenu->addAction(QString(), this, &MainWindow::connectToServer);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_disconnectAction = m_serverMenu->addAction(QString(), this, &MainWindow::disconnectFromServer);
    m_disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    m_refreshAction = m_serverMenu->addAction(QString(), this, &MainWindow::refresh);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    m_focusUrlAction = m_serverMenu->addAction(QString(), m_connectionBar, &ConnectionBar::focusUrl);
    m_focusUrlAction->setObjectName(QStringLiteral("focusUrlAction"));
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_serverMenu->addSeparator();
    m_forgetTrustAction = m_serverMenu->addAction(QString(), this, &MainWindow::forgetTrust);
    m_forgetTrustAction->setObjectName(QStringLiteral("forgetTrustAction"));
    m_serverMenu->addSeparator();
    m_signInAction = m_serverMenu->addAction(QString(), this, &MainWindow::openSignIn);
    m_signInAction->setObjectName(QStringLiteral("signInAction"));
    m_signInAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_signOutAction = m_serverMenu->addAction(QString(), this, &MainWindow::signOut);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));

    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const LanguageManager::Language& language : LanguageManager::available()) {
        QAction* action = m_languageMenu->addAction(language.nativeName);
        action->setObjectName(
            QStringLiteral("language%1Action").arg(language.code.at(0).toUpper() + language.code.mid(1)));
        action->setData(language.code);
        action->setCheckable(true);
        action->setChecked(language.code == m_languages.language());
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = language.code] { selectLanguage(code); });
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About auth-console"),
                           tr("<h3>auth-console %1</h3><p>Security operations console for auth-service.</p>")
                               .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
    });
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    createIncidentMenu();

    // Ctrl+1 … Ctrl+5 switch between the views.
    m_viewMenu->addSeparator();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction* action = m_viewMenu->addAction(QString(), this, [this, i] { m_tabs->setCurrentIndex(i); });
        action->setObjectName(QStringLiteral("showTab%1Action").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        m_tabActions.append(action);
    }
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_serverMenu->setTitle(tr("&Server"));
    m_connectAction->setText(tr("&Connect"));
    m_disconnectAction->setText(tr("&Disconnect"));
    m_refreshAction->setText(tr("&Refresh"));
    m_focusUrlAction->setText(tr("Edit Server &Address"));
    m_forgetTrustAction->setText(tr("&Forget Trusted Certificate"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About auth-console"));
    m_shortcutsAction->setText(tr("&Keyboard Shortcuts"));
    m_trustButton->setText(tr("&Trust this certificate"));
    m_signInAction->setText(tr("S&ign In…"));
    m_signOutAction->setText(tr("Sign &Out"));
    m_exportReportAction->setText(tr("Export &Report…"));
    m_tabs->setTabText(m_tabs->indexOf(m_healthPanel), tr("&Overview"));
    m_tabs->setTabText(m_tabs->indexOf(m_logView), tr("Security Lo&g"));
    m_tabs->setTabText(m_tabs->indexOf(m_dashboard), tr("Das&hboard"));
    m_tabs->setTabText(m_tabs->indexOf(m_accounts), tr("A&ccounts"));
    m_tabs->setTabText(m_tabs->indexOf(m_keys), tr("&Keys"));
    for (int i = 0; i < m_tabActions.size() && i < m_tabs->count(); ++i)
        m_tabActions.at(i)->setText(tr("Show %1").arg(m_tabs->tabText(i).remove(u'&')));
    retranslateIncidentMenu();
    updateTlsBanner();
    updateStatusBar();
    updateNotices();
}

void MainWindow::connectToServer()
{
    ServerProfile profile = m_connectionBar->profile();
    if (!m_connectionBar->hasTrust()) {
        // Trust decided earlier for this server applies unless the user typed another.
        const ServerProfile remembered = m_settings.profileFor(profile.url);
        profile.caCertificateFile = remembered.caCertificateFile;
        profile.pinnedSha256 = remembered.pinnedSha256;
        m_connectionBar->setTrust(profile);
    }
    if (const QString problem = m_connection.connectTo(profile); !problem.isEmpty()) {
        m_connectionBar->showProblem(problem);
        return;
    }
    // A session belongs to one server; another address or trust starts without one.
    if (m_sessionOrigin != profile.origin()) {
        m_session.reset();
        m_lockdown.reset();
        m_sessionOrigin = profile.origin();
    }
}

void MainWindow::disconnectFromServer()
{
    m_connection.disconnectFromServer();
    // The refresh token stays in the keychain, so connecting again resumes the session.
    m_session.reset();
    m_lockdown.reset();
    m_sessionOrigin.clear();
}

void MainWindow::openSignIn()
{
    if (!m_connection.isActive() || m_connection.state() == ServerConnection::State::CertificateProblem) {
        statusBar()->showMessage(tr("Connect to a server before signing in."), 5000);
        return;
    }
    if (!m_loginDialog) {
        m_loginDialog = new LoginDialog(m_session, this);
        connect(m_loginDialog, &QDialog::accepted, this,
                [this] { statusBar()->showMessage(tr("Signed in as %1.").arg(m_session.email()), 5000); });
    }
    if (m_session.isSignedIn())
        return;
    m_loginDialog->findChild<QLabel*>(QStringLiteral("loginServerLabel"))
        ->setText(tr("Server: %1").arg(m_connection.profile().url.toString()));
    if (!m_session.email().isEmpty())
        m_loginDialog->setEmail(m_session.email());
    m_loginDialog->open();
}

void MainWindow::signOut()
{
    m_session.signOut();
    statusBar()->showMessage(tr("Signed out."), 5000);
}

void MainWindow::refresh()
{
    if (m_connection.isActive())
        m_connection.refresh();
    else if (m_connectionBar->problem().isEmpty())
        connectToServer();
    // What is on screen is fetched again too: what "refresh" means to the one looking at it.
    if (!m_session.isSignedIn())
        return;
    QWidget* shown = m_tabs->currentWidget();
    if (shown == m_dashboard)
        m_dashboard->refresh();
    else if (shown == m_logView)
        m_logView->reload();
    else if (shown == m_accounts)
        m_accounts->search();
    else if (shown == m_keys)
        m_keys->reload();
}

void MainWindow::trustCertificate()
{
    if (const QString problem = m_connection.trustPresentedCertificate(); !problem.isEmpty()) {
        m_connectionBar->showProblem(problem);
        return;
    }
    m_connectionBar->setTrust(m_connection.profile());
    // The user decided explicitly: remember it now, not only after the next answer.
    m_settings.rememberProfile(m_connection.profile());
}

void MainWindow::forgetTrust()
{
    const ServerProfile profile = m_connectionBar->profile();
    m_settings.forgetTrust(profile.origin());
    ServerProfile cleared = profile;
    cleared.caCertificateFile.clear();
    cleared.pinnedSha256.clear();
    m_connectionBar->setTrust(cleared);
    statusBar()->showMessage(tr("Forgot the trusted certificate of %1.").arg(profile.origin()), 5000);
}

void MainWindow::selectLanguage(const QString& code)
{
    if (m_languages.setLanguage(code))
        m_settings.setLanguage(code);
}

void MainWindow::onStateChanged()
{
    const bool active = m_connection.isActive();
    m_connectionBar->setActive(active);
    m_disconnectAction->setEnabled(active);
    m_healthPanel->showConnection(m_connection.state(), m_connection.health(), m_connection.lastError());
    updateTlsBanner();
    updateStatusBar();
    updateNotices();
}

void MainWindow::updateNotices()
{
    const ServerConnection::State state = m_connection.state();
    const bool active = m_connection.isActive();
    const bool usable
        = state == ServerConnection::State::Online || state == ServerConnection::State::Unreachable;

    if (state == ServerConnection::State::Unreachable && m_connection.lastError()) {
        const int seconds = std::max(0, (m_connection.nextPollInMs() + 999) / 1000);
        m_unreachableBanner->showNotice(
            Banner::Level::Error,
            tr("%1 cannot be reached: %2 Next attempt in %3 s.")
                .arg(m_connection.profile().url.host(), m_connection.lastError()->message)
                .arg(seconds),
            tr("Retry &Now"));
        if (!m_noticeTimer->isActive())
            m_noticeTimer->start();
    } else {
        m_unreachableBanner->hide();
        m_noticeTimer->stop();
    }

    if (active && m_lockdown.isIsolated()) {
        QString text = tr("LOCKDOWN: %1 is isolated. Sign-in and the public API are refused for everyone; "
                          "only the admin API answers.")
                           .arg(m_connection.profile().url.host());
        if (!m_lockdown.reason().isEmpty())
            text += QLatin1Char(' ') + tr("Reason: %1 (by %2).").arg(m_lockdown.reason(), m_lockdown.actor());
        m_lockdownBanner->showNotice(Banner::Level::Error, text);
    } else {
        m_lockdownBanner->hide();
    }

    switch (m_session.state()) {
    case AuthSession::State::Expired:
        m_sessionBanner->showNotice(
            Banner::Level::Warning,
            tr("Your session has expired: %1 Sign in again to continue.").arg(m_session.expiryReason()),
            tr("Sign &In Again…"));
        break;
    case AuthSession::State::SignedOut:
        if (usable) {
            m_sessionBanner->showNotice(Banner::Level::Neutral,
                                        tr("Not signed in: sign in with an administrator account to see "
                                           "metrics, security logs, accounts and keys."),
                                        tr("S&ign In…"));
        } else {
            m_sessionBanner->hide();
        }
        break;
    default:
        m_sessionBanner->hide();
        break;
    }
    if (!active)
        m_sessionBanner->hide();

    if (!m_secrets.keychainAvailable()) {
        m_keychainBanner->showNotice(
            Banner::Level::Warning,
            tr("No system keychain is available (%1). Your sign-in is kept in memory "
               "only and must be repeated after a restart; nothing is written to disk.")
                .arg(m_secrets.unavailableReason()));
    } else {
        m_keychainBanner->hide();
    }

    m_signInAction->setEnabled(usable && !m_session.isSignedIn());
    m_signOutAction->setEnabled(m_session.isSignedIn());
    m_exportReportAction->setEnabled(m_session.isSignedIn());
}

void MainWindow::showShortcuts()
{
    const QList<std::pair<QString, QString>> rows {
        {QStringLiteral("Ctrl+R"), tr("Refresh now (connects when not connected)")},
        {QStringLiteral("F5"), tr("Refresh the server's state and the view shown")},
        {QStringLiteral("Ctrl+L"), tr("Edit the server address")},
        {QStringLiteral("Ctrl+I"), tr("Sign in")},
        {QStringLiteral("Ctrl+1 … Ctrl+5"), tr("Overview, dashboard, security log, accounts, keys")},
        {QStringLiteral("Ctrl+F"), tr("Security log: edit the filter")},
        {QStringLiteral("Return"), tr("Security log: apply the filter")},
        {QStringLiteral("Ctrl+T"), tr("Security log: live tail on or off")},
        {QStringLiteral("Ctrl+P"), tr("Security log: pause or resume the live tail")},
        {QStringLiteral("Ctrl+E"), tr("Security log: export the filtered events")},
        {QStringLiteral("Ctrl+Shift+E"), tr("Export a PDF metrics report")},
        {QStringLiteral("F1"), tr("This list")},
        {QStringLiteral("Ctrl+Q"), tr("Quit")},
        {QStringLiteral("Ctrl+Shift+B"), tr("Incident: breach response wizard")},
    };
    QString html = QStringLiteral("<table cellspacing=\"6\">");
    for (const auto& [keys, action] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped(), action.toHtmlEscaped());
    html += QStringLiteral("</table>");
    auto* box
        = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), html, QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::onProfileConfirmed(const ServerProfile& profile)
{
    m_settings.rememberProfile(profile);
    m_session.resume();
}

void MainWindow::updateTlsBanner()
{
    const auto& error = m_connection.lastError();
    if (m_connection.state() != ServerConnection::State::CertificateProblem || !error) {
        m_tlsBanner->hide();
        return;
    }
    const QString host = m_connection.profile().url.host().toHtmlEscaped();
    const QString presented = QStringLiteral("<tt>%1</tt>").arg(QString::fromLatin1(error->presentedSha256));
    QString text;
    if (m_connection.canTrustPresentedCertificate()) {
        m_tlsBanner->setLevel(Banner::Level::Warning);
        text = tr("<b>%1 presented a certificate that is not trusted:</b> %2<br>SHA-256 fingerprint: %3<br>"
                  "Trust it only if this is the fingerprint of the server's certificate (ask its operator, "
                  "or run "
                  "<tt>openssl x509 -noout -fingerprint -sha256 -in cert.pem</tt> on the server).")
                   .arg(host, error->tlsErrors.join(QStringLiteral("; ")).toHtmlEscaped(), presented);
    } else if (error->kind == ApiError::Kind::PinMismatch) {
        m_tlsBanner->setLevel(Banner::Level::Error);
        text = QStringLiteral("<b>%1</b><br>").arg(error->message.toHtmlEscaped())
            + tr("Presented SHA-256: %1<br>Pinned SHA-256: %2<br>If the certificate was replaced on purpose, "
                 "use Server ▸ Forget Trusted Certificate and connect again.")
                  .arg(error->presentedSha256.isEmpty() ? tr("none") : presented,
                       QStringLiteral("<tt>%1</tt>")
                           .arg(QString::fromLatin1(m_connection.profile().pinnedSha256)));
    } else {
        m_tlsBanner->setLevel(Banner::Level::Error);
        text = QStringLiteral("<b>%1</b>").arg(error->message.toHtmlEscaped());
        if (!error->presentedSha256.isEmpty())
            text += QStringLiteral("<br>") + tr("Presented SHA-256: %1").arg(presented);
    }
    m_tlsBannerLabel->setText(text);
    m_trustButton->setVisible(m_connection.canTrustPresentedCertificate());
    m_tlsBanner->show();
}

void MainWindow::updateStatusBar()
{
    const ServerProfile& profile = m_connection.profile();
    const bool active = m_connection.isActive();
    setWindowTitle(active ? tr("auth-console – %1").arg(profile.url.host()) : tr("auth-console"));
    m_serverStatusLabel->setText(active ? tr("Server: %1").arg(profile.url.toString()) : tr("Not connected"));

    if (m_session.isSignedIn())
        m_userStatusLabel->setText(tr("User: %1").arg(m_session.email()));
    else if (m_session.state() == AuthSession::State::Expired)
        m_userStatusLabel->setText(tr("Session expired"));
    else
        m_userStatusLabel->setText(tr("Not signed in"));
    m_userStatusLabel->setVisible(active);

    QString tls;
    m_tlsStatusLabel->setToolTip(QString());
    if (active && m_connection.state() == ServerConnection::State::CertificateProblem) {
        tls = tr("TLS: not trusted");
    } else if (active) {
        switch (profile.trustMode()) {
        case ServerProfile::TrustMode::Pinned:
            tls = tr("TLS: pinned certificate");
            m_tlsStatusLabel->setToolTip(tr("SHA-256 %1").arg(QString::fromLatin1(profile.pinnedSha256)));
            break;
        case ServerProfile::TrustMode::CaFile:
            tls = tr("TLS: CA %1").arg(QFileInfo(profile.caCertificateFile).fileName());
            m_tlsStatusLabel->setToolTip(profile.caCertificateFile);
            break;
        case ServerProfile::TrustMode::System:
            tls = tr("TLS: system CAs");
            break;
        case ServerProfile::TrustMode::PlainHttp:
            tls = tr("Plain HTTP: not encrypted");
            break;
        }
    }
    const QString protocol = m_connection.client().tlsProtocol();
    if (active && m_connection.state() == ServerConnection::State::Online && !protocol.isEmpty()
        && profile.trustMode() != ServerProfile::TrustMode::PlainHttp)
        tls = tr("%1 (%2)").arg(tls, protocol);
    m_tlsStatusLabel->setText(tls);
    m_tlsStatusLabel->setVisible(active);

    const qint64 latency = m_connection.latencyMs();
    m_latencyStatusLabel->setText(latency >= 0 ? tr("Latency: %1 ms").arg(latency) : tr("Latency: –"));
    m_latencyStatusLabel->setVisible(active);
}

void MainWindow::exportReport()
{
    if (!m_reportDialog)
        m_reportDialog = new ReportDialog(m_connection.client(), m_session, this);
    m_reportDialog->show();
    m_reportDialog->raise();
    m_reportDialog->activateWindow();
}

} // namespace auth::console
