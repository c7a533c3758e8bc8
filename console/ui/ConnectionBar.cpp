#include "ui/ConnectionBar.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>

namespace auth::console {

namespace {
void markInvalid(QLineEdit* edit, bool invalid)
{
    if (edit->property("invalid").toBool() == invalid)
        return;
    edit->setProperty("invalid", invalid);
    edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { border: 2px solid #b02a37; }") : QString());
}
} // namespace

ConnectionBar::ConnectionBar(QWidget* parent)
    : QWidget(parent)
    , m_urlCaption(new QLabel(this))
    , m_urlEdit(new QLineEdit(this))
    , m_connectButton(new QPushButton(this))
    , m_caCaption(new QLabel(this))
    , m_caFileEdit(new QLineEdit(this))
    , m_caFileButton(new QPushButton(this))
    , m_fingerprintCaption(new QLabel(this))
    , m_fingerprintEdit(new QLineEdit(this))
    , m_allowHttpCheckBox(new QCheckBox(this))
    , m_hintLabel(new QLabel(this))
{
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_caFileEdit->setObjectName(QStringLiteral("caFileEdit"));
    m_caFileButton->setObjectName(QStringLiteral("caFileButton"));
    m_fingerprintEdit->setObjectName(QStringLiteral("fingerprintEdit"));
    m_allowHttpCheckBox->setObjectName(QStringLiteral("allowHttpCheckBox"));
    m_hintLabel->setObjectName(QStringLiteral("connectionHintLabel"));

    m_urlCaption->setBuddy(m_urlEdit);
    m_caCaption->setBuddy(m_caFileEdit);
    m_fingerprintCaption->setBuddy(m_fingerprintEdit);
    m_urlEdit->setClearButtonEnabled(true);
    m_caFileEdit->setClearButtonEnabled(true);
    m_fingerprintEdit->setClearButtonEnabled(true);
    m_fingerprintEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprintEdit->setMinimumWidth(m_fingerprintEdit->fontMetrics().horizontalAdvance(QString(64, u'0'))
                                       + 48);
    m_hintLabel->setWordWrap(true);
    m_hintLabel->setStyleSheet(QStringLiteral("color: #b02a37;"));
    m_hintLabel->hide();

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_urlCaption, 0, 0);
    grid->addWidget(m_urlEdit, 0, 1);
    grid->addWidget(m_connectButton, 0, 2);
    grid->addWidget(m_caCaption, 1, 0);
    grid->addWidget(m_caFileEdit, 1, 1);
    grid->addWidget(m_caFileButton, 1, 2);
    grid->addWidget(m_fingerprintCaption, 2, 0);
    grid->addWidget(m_fingerprintEdit, 2, 1);
    grid->addWidget(m_allowHttpCheckBox, 3, 1);
    grid->addWidget(m_hintLabel, 4, 1, 1, 2);
    grid->setColumnStretch(1, 1);

    connect(m_urlEdit, &QLineEdit::textChanged, this, &ConnectionBar::revalidate);
    connect(m_caFileEdit, &QLineEdit::textChanged, this, &ConnectionBar::revalidate);
    connect(m_fingerprintEdit, &QLineEdit::textChanged, this, &ConnectionBar::revalidate);
    connect(m_allowHttpCheckBox, &QCheckBox::toggled, this, &ConnectionBar::revalidate);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &ConnectionBar::onReturnPressed);
    connect(m_fingerprintEdit, &QLineEdit::returnPressed, this, &ConnectionBar::onReturnPressed);
    connect(m_caFileButton, &QPushButton::clicked, this, &ConnectionBar::chooseCaFile);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectionBar::onButtonClicked);

    retranslateUi();
    revalidate();
}

ServerProfile ConnectionBar::profile() const
{
    ServerProfile profile;
    profile.url = ServerProfile::parseUrl(m_urlEdit->text());
    profile.caCertificateFile = m_caFileEdit->text().trimmed();
    profile.pinnedSha256 = ServerProfile::normalizeFingerprint(m_fingerprintEdit->text())
                               .value_or(m_fingerprintEdit->text().trimmed().toLatin1());
    profile.allowPlainHttp = m_allowHttpCheckBox->isChecked();
    return profile;
}

QString ConnectionBar::problem() const
{
    const ServerProfile current = profile();
    if (!current.caCertificateFile.isEmpty() && !QFileInfo(current.caCertificateFile).isFile())
        return tr("The CA certificate file %1 does not exist.").arg(current.caCertificateFile);
    return current.validate();
}

void ConnectionBar::setProfile(const ServerProfile& profile)
{
    m_urlEdit->setText(profile.url.toString());
    m_allowHttpCheckBox->setChecked(profile.allowPlainHttp);
    setTrust(profile);
}

void ConnectionBar::setTrust(const ServerProfile& profile)
{
    m_caFileEdit->setText(profile.caCertificateFile);
    m_fingerprintEdit->setText(QString::fromLatin1(profile.pinnedSha256));
}

bool ConnectionBar::hasTrust() const
{
    return !m_caFileEdit->text().trimmed().isEmpty() || !m_fingerprintEdit->text().trimmed().isEmpty();
}

void ConnectionBar::setActive(bool active)
{
    m_active = active;
    retranslateUi();
    revalidate();
}

void ConnectionBar::focusUrl()
{
    m_urlEdit->setFocus(Qt::ShortcutFocusReason);
    m_urlEdit->selectAll();
}

void ConnectionBar::showProblem(const QString& problem)
{
    m_hintLabel->setText(problem);
    m_hintLabel->setVisible(!problem.isEmpty());
}

void ConnectionBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        revalidate();
    }
    QWidget::changeEvent(event);
}

void ConnectionBar::retranslateUi()
{
    m_urlCaption->setText(tr("Server &URL:"));
    m_urlEdit->setPlaceholderText(QStringLiteral("https://127.0.0.1:3000"));
    m_urlEdit->setToolTip(
        tr("Address of the auth-service, https:// unless plain HTTP to loopback is allowed"));
    m_connectButton->setText(m_active ? tr("&Disconnect") : tr("&Connect"));
    m_caCaption->setText(tr("C&A certificate:"));
    m_caFileEdit->setPlaceholderText(tr("none (system CAs)"));
    m_caFileEdit->setToolTip(tr("Trust only server certificates issued by this CA (PEM or DER file)"));
    m_caFileButton->setText(tr("&Browse…"));
    m_fingerprintCaption->setText(tr("&Pinned SHA-256:"));
    m_fingerprintEdit->setPlaceholderText(tr("none"));
    m_fingerprintEdit->setToolTip(
        tr("Trust exactly the server certificate with this SHA-256 fingerprint (hex, colons allowed)"));
    m_allowHttpCheckBox->setText(tr("Allow plain HTTP to a &loopback address"));
}

void ConnectionBar::revalidate()
{
    const QString hint = problem();
    const ServerProfile current = profile();
    const bool urlTyped = !m_urlEdit->text().trimmed().isEmpty();
    const bool fingerprintBad = !m_fingerprintEdit->text().trimmed().isEmpty()
        && !ServerProfile::normalizeFingerprint(m_fingerprintEdit->text());
    const bool caBad = !current.caCertificateFile.isEmpty() && !QFileInfo(current.caCertificateFile).isFile();
    const bool both = !current.caCertificateFile.isEmpty() && !current.pinnedSha256.isEmpty();
    markInvalid(m_fingerprintEdit, fingerprintBad || both);
    markInvalid(m_caFileEdit, caBad || both);
    markInvalid(m_urlEdit, urlTyped && !hint.isEmpty() && !fingerprintBad && !caBad && !both);

    // An empty address is not an error yet: the placeholder already shows what to type.
    m_hintLabel->setText(hint);
    m_hintLabel->setVisible(urlTyped && !hint.isEmpty());
    m_connectButton->setEnabled(m_active || hint.isEmpty());
}

void ConnectionBar::chooseCaFile()
{
    const QString file
        = QFileDialog::getOpenFileName(this, tr("CA Certificate"), m_caFileEdit->text(),
                                       tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    if (!file.isEmpty())
        m_caFileEdit->setText(file);
}

void ConnectionBar::onButtonClicked()
{
    if (m_active)
        emit disconnectRequested();
    else if (problem().isEmpty())
        emit connectRequested();
}

void ConnectionBar::onReturnPressed()
{
    // Return connects anew with what is typed, also while connected elsewhere.
    if (problem().isEmpty())
        emit connectRequested();
}

} // namespace auth::console
