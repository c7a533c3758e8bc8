#pragma once

#include "client/ServerProfile.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace auth::console {

// Server address and trust settings, checked as the user types: the field at
// fault is marked and the hint under it says why.
class ConnectionBar : public QWidget
{
    Q_OBJECT

signals:
    void connectRequested();
    void disconnectRequested();

public:
    explicit ConnectionBar(QWidget* parent = nullptr);

    ServerProfile profile() const; // what the fields say, valid or not
    QString problem() const; // empty when profile() can be used
    void setProfile(const ServerProfile& profile);
    void setTrust(const ServerProfile& profile); // the CA file and pin fields only
    bool hasTrust() const; // a CA file or a pin is filled in
    void setActive(bool active); // connected: the button disconnects
    void focusUrl();
    // Shows a problem found only on connecting (e.g. an unreadable CA file) until the next edit.
    void showProblem(const QString& problem);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void revalidate();
    void chooseCaFile();
    void onButtonClicked();
    void onReturnPressed();

    QLabel* m_urlCaption;
    QLineEdit* m_urlEdit;
    QPushButton* m_connectButton;
    QLabel* m_caCaption;
    QLineEdit* m_caFileEdit;
    QPushButton* m_caFileButton;
    QLabel* m_fingerprintCaption;
    QLineEdit* m_fingerprintEdit;
    QCheckBox* m_allowHttpCheckBox;
    QLabel* m_hintLabel;
    bool m_active = false;
};

} // namespace auth::console
