#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace auth::console {

class AuthSession;
struct ApiError;

// Find users, lock and unlock them with a reason, list and revoke their
// sessions, and the runbook's inactive-user and weak-password reports.
class AccountsView : public QWidget
{
    Q_OBJECT

public:
    explicit AccountsView(AuthSession& session, QWidget* parent = nullptr);

    void search(); // GET /admin/users?q=
    void clear();
    void setLocked(bool locked); // the selected user, with the typed reason
    void loadSessions();
    void revokeSessions();
    void showReport(const QString& path); // /admin/users/inactive or /admin/security/weak-passwords
    QString selectedUserId() const;
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateButtons();
    void fillUsers(const QJsonArray& users, bool append);
    static void fillGeneric(QTableWidget* table, const QJsonArray& rows);
    void setMessage(const QString& message);
    void failed(const ApiError& error);

    AuthSession& m_session;
    QLineEdit* m_searchEdit;
    QPushButton* m_searchButton;
    QPushButton* m_moreButton;
    QTableWidget* m_usersTable;
    QLineEdit* m_reasonEdit;
    QPushButton* m_lockButton;
    QPushButton* m_unlockButton;
    QPushButton* m_sessionsButton;
    QPushButton* m_revokeButton;
    QTableWidget* m_sessionsTable;
    QPushButton* m_inactiveButton;
    QPushButton* m_weakButton;
    QTableWidget* m_reportTable;
    QLabel* m_messageLabel;
    int m_offset = 0;
    quint64 m_searchGeneration = 0; // answers of superseded searches are dropped
    static constexpr int PageSize = 100;
};

} // namespace auth::console
