#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace auth::console {

class AuthSession;
class Banner;

// Signing keys (active, passive, retired, with their age) and rotation. Both
// rotations wait behind an inline confirmation that says what will happen and
// needs a reason and the typed word ROTATE (or EMERGENCY).
class KeysView : public QWidget
{
    Q_OBJECT

public:
    explicit KeysView(AuthSession& session, QWidget* parent = nullptr);

    void reload(); // GET /admin/keys
    void clear();
    // Opens the confirmation panel; nothing is sent before it is confirmed.
    void askRotate(bool emergency);
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fill(const QJsonArray& keys);
    void updateConfirm();
    void confirm();
    void cancel();
    QString confirmWord() const;

    AuthSession& m_session;
    QTableWidget* m_keysTable;
    QPushButton* m_reloadButton;
    QPushButton* m_rotateButton;
    QPushButton* m_emergencyButton;
    Banner* m_confirmPanel;
    QLabel* m_confirmLabel;
    QLineEdit* m_reasonEdit;
    QLineEdit* m_confirmEdit;
    QPushButton* m_confirmButton;
    QPushButton* m_cancelButton;
    QLabel* m_messageLabel;
    bool m_emergency = false;
};

} // namespace auth::console
