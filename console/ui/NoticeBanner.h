#pragma once

#include "ui/Banner.h"

class QLabel;
class QPushButton;

namespace auth::console {

// A Banner with one line of text and an optional action button, for news such
// as an expired session or a server in lockdown.
class NoticeBanner : public Banner
{
    Q_OBJECT

signals:
    void actionTriggered();

public:
    // Child object names are derived from `name`: <name>Label, <name>Button.
    NoticeBanner(const QString& name, QWidget* parent = nullptr);

    void showNotice(Level level, const QString& text, const QString& actionText = {});
    QString text() const;
    QLabel* label() const { return m_label; }
    QPushButton* button() const { return m_button; }

private:
    QLabel* m_label;
    QPushButton* m_button;
};

} // namespace auth::console
