#pragma once

#include "client/AuthSession.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace auth::console {

// Sign-in in two steps: e-mail and password, then, when the server asks for it,
// a TOTP or backup code. Non-blocking: it follows the AuthSession's state and
// closes itself once signed in.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(AuthSession& session, QWidget* parent = nullptr);

    void setEmail(const QString& email);

protected:
    void changeEvent(QEvent* event) override;
    void reject() override;

private:
    void retranslateUi();
    void submit();
    void onStateChanged();
    void onFailed(const QString& message);
    void updateButtons();
    QString methodName(const QString& method) const;

    AuthSession& m_session;
    QStackedWidget* m_pages;
    QLabel* m_serverLabel;
    QLabel* m_emailCaption;
    QLineEdit* m_emailEdit;
    QLabel* m_passwordCaption;
    QLineEdit* m_passwordEdit;
    QLabel* m_codeIntro;
    QLabel* m_methodCaption;
    QComboBox* m_methodCombo;
    QLabel* m_codeCaption;
    QLineEdit* m_codeEdit;
    QLabel* m_messageLabel;
    QPushButton* m_submitButton;
    QPushButton* m_cancelButton;
};

} // namespace auth::console
