#include "ui/KeysView.h"

#include "client/AuthSession.h"
#include "ui/Banner.h"

#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace auth::console {

KeysView::KeysView(AuthSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_keysTable(new QTableWidget(0, 5, this))
    , m_reloadButton(new QPushButton(this))
    , m_rotateButton(new QPushButton(this))
    , m_emergencyButton(new QPushButton(this))
    , m_confirmPanel(new Banner(this))
    , m_confirmLabel(new QLabel(m_confirmPanel))
    , m_reasonEdit(new QLineEdit(m_confirmPanel))
    , m_confirmEdit(new QLineEdit(m_confirmPanel))
    , m_confirmButton(new QPushButton(m_confirmPanel))
    , m_cancelButton(new QPushButton(m_confirmPanel))
    , m_messageLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("keysView"));
    m_keysTable->setObjectName(QStringLiteral("keysTable"));
    m_reloadButton->setObjectName(QStringLiteral("reloadKeysButton"));
    m_rotateButton->setObjectName(QStringLiteral("rotateButton"));
    m_emergencyButton->setObjectName(QStringLiteral("emergencyRotateButton"));
    m_confirmPanel->setObjectName(QStringLiteral("rotateConfirmPanel"));
    m_confirmLabel->setObjectName(QStringLiteral("rotateConfirmLabel"));
    m_reasonEdit->setObjectName(QStringLiteral("rotateReasonEdit"));
    m_confirmEdit->setObjectName(QStringLiteral("rotateConfirmEdit"));
    m_confirmButton->setObjectName(QStringLiteral("rotateConfirmButton"));
    m_cancelButton->setObjectName(QStringLiteral("rotateCancelButton"));
    m_messageLabel->setObjectName(QStringLiteral("keysMessageLabel"));

    m_keysTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keysTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_keysTable->verticalHeader()->hide();
    m_keysTable->horizontalHeader()->setStretchLastSection(true);
    m_confirmLabel->setWordWrap(true);
    m_reasonEdit->setMaxLength(500);
    m_messageLabel->setWordWrap(true);
    m_emergencyButton->setStyleSheet(QStringLiteral("QPushButton { color: #a61b1b; }"));

    auto* panelLayout = new QVBoxLayout(m_confirmPanel);
    panelLayout->addWidget(m_confirmLabel);
    auto* form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reasonEdit);
    form->addRow(tr("Confirmation:"), m_confirmEdit);
    panelLayout->addLayout(form);
    auto* panelButtons = new QHBoxLayout;
    panelButtons->addStretch(1);
    panelButtons->addWidget(m_confirmButton);
    panelButtons->addWidget(m_cancelButton);
    panelLayout->addLayout(panelButtons);
    m_confirmPanel->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reloadButton);
    buttons->addStretch(1);
    buttons->addWidget(m_rotateButton);
    buttons->addWidget(m_emergencyButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_confirmPanel);
    layout->addWidget(m_keysTable, 1);
    layout->addWidget(m_messageLabel);
    setTabOrder(m_reasonEdit, m_confirmEdit);
    setTabOrder(m_confirmEdit, m_confirmButton);
    setTabOrder(m_confirmButton, m_cancelButton);

    connect(m_reloadButton, &QPushButton::clicked, this, &KeysView::reload);
    connect(m_rotateButton, &QPushButton::clicked, this, [this] { askRotate(false); });
    connect(m_emergencyButton, &QPushButton::clicked, this, [this] { askRotate(true); });
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &KeysView::updateConfirm);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &KeysView::updateConfirm);
    connect(m_confirmEdit, &QLineEdit::returnPressed, this, &KeysView::confirm);
    connect(m_confirmButton, &QPushButton::clicked, this, &KeysView::confirm);
    connect(m_cancelButton, &QPushButton::clicked, this, &KeysView::cancel);
    retranslateUi();
}

void KeysView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void KeysView::retranslateUi()
{
    m_keysTable->setHorizontalHeaderLabels(
        {tr("Key ID"), tr("Algorithm"), tr("State"), tr("Created (UTC)"), tr("Age (days)")});
    m_reloadButton->setText(tr("&Reload"));
    m_rotateButton->setText(tr("R&otate Key…"));
    m_emergencyButton->setText(tr("&Emergency Rotation…"));
    m_confirmButton->setText(tr("&Confirm"));
    m_cancelButton->setText(tr("Cancel"));
    m_reasonEdit->setPlaceholderText(tr("Why, for the audit trail"));
    if (m_confirmPanel->isVisible())
        askRotate(m_emergency);
}

QString KeysView::message() const
{
    return m_messageLabel->text();
}

QString KeysView::confirmWord() const
{
    return m_emergency ? QStringLiteral("EMERGENCY") : QStringLiteral("ROTATE");
}

void KeysView::reload()
{
    m_session.call(
        "GET", QStringLiteral("/admin/keys"), {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) { fill(body.value(QStringLiteral("keys")).toArray()); },
        [this](const ApiError& error) { m_messageLabel->setText(error.message); });
}

void KeysView::clear()
{
    m_keysTable->setRowCount(0);
    cancel();
    m_messageLabel->clear();
}

void KeysView::fill(const QJsonArray& keys)
{
    m_keysTable->setRowCount(0);
    for (const QJsonValue& value : keys) {
        const QJsonObject key = value.toObject();
        const int row = m_keysTable->rowCount();
        m_keysTable->insertRow(row);
        const QJsonValue created = key.value(QStringLiteral("created_at"));
        const QStringList cells {
            key.value(QStringLiteral("kid")).toString(), key.value(QStringLiteral("algorithm")).toString(),
            key.value(QStringLiteral("state")).toString(),
            created.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(created.toDouble()), Qt::UTC)
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                               : QString(),
            QString::number(key.value(QStringLiteral("age_days")).toDouble(), 'f', 1)};
        for (int column = 0; column < cells.size(); ++column)
            m_keysTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

void KeysView::askRotate(bool emergency)
{
    m_emergency = emergency;
    m_confirmPanel->setLevel(emergency ? Banner::Level::Error : Banner::Level::Warning);
    m_confirmLabel->setText(
        emergency
            ? tr("Emergency rotation: a new signing key becomes active and every previous key is retired at "
                 "once. Every access token issued so far stops working immediately, for every user and "
                 "client. Type %1 to confirm.")
                  .arg(confirmWord())
            : tr("Rotation: a new signing key becomes active for new tokens; the previous key keeps "
                 "verifying until the tokens it signed have expired. Type %1 to confirm.")
                  .arg(confirmWord()));
    m_confirmEdit->clear();
    m_confirmPanel->show();
    m_reasonEdit->setFocus();
    updateConfirm();
}

void KeysView::updateConfirm()
{
    m_confirmButton->setEnabled(m_confirmEdit->text() == confirmWord()
                                && !m_reasonEdit->text().trimmed().isEmpty());
}

void KeysView::confirm()
{
    if (!m_confirmButton->isEnabled() || !m_confirmPanel->isVisible())
        return;
    const QJsonObject body {{QStringLiteral("emergency"), m_emergency},
                            {QStringLiteral("reason"), m_reasonEdit->text().trimmed()}};
    m_confirmButton->setEnabled(false);
    m_session.call(
        "POST", QStringLiteral("/admin/keys/rotate"), {}, body, this,
        [this](const QJsonObject& answer, int, qint64) {
            const QString kid
                = answer.value(QStringLiteral("active")).toObject().value(QStringLiteral("kid")).toString();
            m_messageLabel->setText(tr("New active key: %1.").arg(kid));
            cancel();
            reload();
        },
        [this](const ApiError& error) {
            m_messageLabel->setText(error.message);
            updateConfirm();
        });
}

void KeysView::cancel()
{
    m_confirmPanel->hide();
    m_reasonEdit->clear();
    m_confirmEdit->clear();
}

} // namespace auth::console
