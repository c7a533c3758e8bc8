#include "ui/MainWindow.h"

#include "client/ConsoleSettings.h"
#include "client/LanguageManager.h"
#include "ui/Banner.h"
#include "ui/ConnectionBar.h"
#include "ui/HealthPanel.h"

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
#include <QVBoxLayout>

namespace auth::console {

MainWindow::MainWindow(ConsoleSettings& settings, LanguageManager& languages, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_languages(languages)
    , m_connectionBar(new ConnectionBar(this))
    , m_tlsBanner(new Banner(this))
    , m_tlsBannerLabel(new QLabel(m_tlsBanner))
    , m_trustButton(new QPushButton(m_tlsBanner))
    , m_healthPanel(new HealthPanel(this))
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
    layout->addWidget(m_healthPanel, 1);
    setCentralWidget(central);

    statusBar()->addPermanentWidget(m_serverStatusLabel, 1);
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
    connect(&m_languages, &LanguageManager::languageChanged, this, [this](const QString& code) {
        for (QAction* action : m_languageGroup->actions())
            action->setChecked(action->data().toString() == code);
    });

    const QString lastUrl = m_settings.lastUrl();
    if (!lastUrl.isEmpty())
        m_connectionBar->setProfile(m_settings.profileFor(ServerProfile::parseUrl(lastUrl)));
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(980, 640);

    retranslateUi();
    onStateChanged();
}

MainWindow::~MainWindow() = default;

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
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
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
    m_refreshAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_focusUrlAction = m_serverMenu->addAction(QString(), m_connectionBar, &ConnectionBar::focusUrl);
    m_focusUrlAction->setObjectName(QStringLiteral("focusUrlAction"));
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_serverMenu->addSeparator();
    m_forgetTrustAction = m_serverMenu->addAction(QString(), this, &MainWindow::forgetTrust);
    m_forgetTrustAction->setObjectName(QStringLiteral("forgetTrustAction"));

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
    m_trustButton->setText(tr("&Trust this certificate"));
    updateTlsBanner();
    updateStatusBar();
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
    if (const QString problem = m_connection.connectTo(profile); !problem.isEmpty())
        m_connectionBar->showProblem(problem);
}

void MainWindow::disconnectFromServer()
{
    m_connection.disconnectFromServer();
}

void MainWindow::refresh()
{
    if (m_connection.isActive())
        m_connection.refresh();
    else if (m_connectionBar->problem().isEmpty())
        connectToServer();
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
}

void MainWindow::onProfileConfirmed(const ServerProfile& profile)
{
    m_settings.rememberProfile(profile);
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
    m_tlsStatusLabel->setText(tls);
    m_tlsStatusLabel->setVisible(active);

    const qint64 latency = m_connection.latencyMs();
    m_latencyStatusLabel->setText(latency >= 0 ? tr("Latency: %1 ms").arg(latency) : tr("Latency: –"));
    m_latencyStatusLabel->setVisible(active);
}

} // namespace auth::console
