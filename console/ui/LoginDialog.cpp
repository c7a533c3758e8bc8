#include "ui/LoginDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace auth::console {

LoginDialog::LoginDialog(AuthSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_pages(new QStackedWidget(this))
    , m_serverLabel(new QLabel(this))
    , m_emailCaption(new QLabel(this))
    , m_emailEdit(new QLineEdit(this))
    , m_passwordCaption(new QLabel(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_codeIntro(new QLabel(this))
    , m_methodCaption(new QLabel(this))
    , m_methodCombo(new QComboBox(this))
    , m_codeCaption(new QLabel(this))
    , m_codeEdit(new QLineEdit(this))
    , m_messageLabel(new QLabel(this))
    , m_submitButton(new QPushButton(this))
    , m_cancelButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("loginDialog"));
    m_emailEdit->setObjectName(QStringLiteral("emailEdit"));
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_methodCombo->setObjectName(QStringLiteral("methodCombo"));
    m_codeEdit->setObjectName(QStringLiteral("codeEdit"));
    m_messageLabel->setObjectName(QStringLiteral("loginMessageLabel"));
    m_submitButton->setObjectName(QStringLiteral("signInButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelSignInButton"));
    m_serverLabel->setObjectName(QStringLiteral("loginServerLabel"));

    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setMaxLength(1024);
    m_emailEdit->setMaxLength(254);
    m_codeEdit->setMaxLength(64);
    m_codeEdit->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_messageLabel->setWordWrap(true);
    m_codeIntro->setWordWrap(true);
    m_serverLabel->setWordWrap(true);

    auto* passwordPage = new QWidget(m_pages);
    auto* passwordForm = new QFormLayout(passwordPage);
    passwordForm->setContentsMargins(0, 0, 0, 0);
    passwordForm->addRow(m_emailCaption, m_emailEdit);
    passwordForm->addRow(m_passwordCaption, m_passwordEdit);
    m_emailCaption->setBuddy(m_emailEdit);
    m_passwordCaption->setBuddy(m_passwordEdit);

    auto* codePage = new QWidget(m_pages);
    auto* codeForm = new QFormLayout(codePage);
    codeForm->setContentsMargins(0, 0, 0, 0);
    codeForm->addRow(m_codeIntro);
    codeForm->addRow(m_methodCaption, m_methodCombo);
    codeForm->addRow(m_codeCaption, m_codeEdit);
    m_methodCaption->setBuddy(m_methodCombo);
    m_codeCaption->setBuddy(m_codeEdit);

    m_pages->addWidget(passwordPage);
    m_pages->addWidget(codePage);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_submitButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    m_submitButton->setDefault(true);
    connect(m_submitButton, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &LoginDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_serverLabel);
    layout->addWidget(m_pages);
    layout->addWidget(m_messageLabel);
    layout->addWidget(buttons);

    setTabOrder(m_emailEdit, m_passwordEdit);
    setTabOrder(m_passwordEdit, m_submitButton);
    setTabOrder(m_methodCombo, m_codeEdit);
    setTabOrder(m_codeEdit, m_submitButton);
    setTabOrder(m_submitButton, m_cancelButton);

    connect(m_emailEdit, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_passwordEdit, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_codeEdit, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(&m_session, &AuthSession::stateChanged, this, &LoginDialog::onStateChanged);
    connect(&m_session, &AuthSession::signInFailed, this,
            [this](const QString& message) { onFailed(message); });

    retranslateUi();
    onStateChanged();
}

void LoginDialog::setEmail(const QString& email)
{
    m_emailEdit->setText(email);
    if (!email.isEmpty())
        m_passwordEdit->setFocus();
}

void LoginDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::reject()
{
    m_session.cancelSignIn();
    m_passwordEdit->clear();
    m_codeEdit->clear();
    QDialog::reject();
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Sign In"));
    m_emailCaption->setText(tr("&E-mail:"));
    m_passwordCaption->setText(tr("&Password:"));
    m_codeIntro->setText(tr("This account uses two-factor authentication."));
    m_methodCaption->setText(tr("&Method:"));
    m_codeCaption->setText(tr("&Code:"));
    m_cancelButton->setText(tr("Cancel"));
    for (int i = 0; i < m_methodCombo->count(); ++i)
        m_methodCombo->setItemText(i, methodName(m_methodCombo->itemData(i).toString()));
    onStateChanged();
}

void LoginDialog::submit()
{
    m_messageLabel->clear();
    if (m_pages->currentIndex() == 0) {
        // The password leaves the field at once: it is not kept anywhere in the console.
        const QString password = m_passwordEdit->text();
        m_passwordEdit->clear();
        m_session.signIn(m_emailEdit->text(), password);
    } else {
        const QString code = m_codeEdit->text();
        m_codeEdit->clear();
        m_session.verifySecondFactor(m_methodCombo->currentData().toString(), code);
    }
}

void LoginDialog::onStateChanged()
{
    const AuthSession::State state = m_session.state();
    if (state == AuthSession::State::SignedIn) {
        m_messageLabel->clear();
        accept();
        return;
    }
    if (state == AuthSession::State::SecondFactor && m_pages->currentIndex() != 1) {
        m_methodCombo->clear();
        for (const QString& method : m_session.secondFactorMethods()) {
            // Only what a person can type here; WebAuthn and the like need other ways.
            if (method == QLatin1String("totp") || method == QLatin1String("backup_code"))
                m_methodCombo->addItem(methodName(method), method);
        }
        m_pages->setCurrentIndex(1);
        if (m_methodCombo->count() == 0)
            m_messageLabel->setText(tr("The server offers no second factor this console can use (%1).")
                                        .arg(m_session.secondFactorMethods().join(QStringLiteral(", "))));
        m_codeEdit->setFocus();
    } else if (state == AuthSession::State::SignedOut || state == AuthSession::State::Expired) {
        m_pages->setCurrentIndex(0);
    }
    m_submitButton->setText(m_pages->currentIndex() == 0 ? tr("&Sign In") : tr("&Verify"));
    updateButtons();
}

void LoginDialog::onFailed(const QString& message)
{
    m_messageLabel->setText(message);
    if (m_pages->currentIndex() == 0)
        m_passwordEdit->setFocus();
    else
        m_codeEdit->setFocus();
}

void LoginDialog::updateButtons()
{
    const bool busy = m_session.state() == AuthSession::State::SigningIn;
    const bool filled = m_pages->currentIndex() == 0
        ? !m_emailEdit->text().trimmed().isEmpty() && !m_passwordEdit->text().isEmpty()
        : !m_codeEdit->text().trimmed().isEmpty() && m_methodCombo->count() > 0;
    m_submitButton->setEnabled(!busy && filled);
    m_emailEdit->setEnabled(!busy);
    m_passwordEdit->setEnabled(!busy);
    m_codeEdit->setEnabled(!busy);
    if (busy)
        m_messageLabel->setText(tr("Signing in…"));
}

QString LoginDialog::methodName(const QString& method) const
{
    if (method == QLatin1String("totp"))
        return tr("Authenticator app (TOTP)");
    if (method == QLatin1String("backup_code"))
        return tr("Backup code");
    return method;
}

} // namespace auth::console
