#include "ui/NoticeBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace auth::console {

NoticeBanner::NoticeBanner(const QString& name, QWidget* parent)
    : Banner(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
{
    setObjectName(name);
    m_label->setObjectName(name + QStringLiteral("Label"));
    m_button->setObjectName(name + QStringLiteral("Button"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    connect(m_button, &QPushButton::clicked, this, &NoticeBanner::actionTriggered);
    hide();
}

void NoticeBanner::showNotice(Level level, const QString& text, const QString& actionText)
{
    setLevel(level);
    m_label->setText(text);
    m_button->setText(actionText);
    m_button->setVisible(!actionText.isEmpty());
    show();
}

QString NoticeBanner::text() const
{
    return m_label->text();
}

} // namespace auth::console
