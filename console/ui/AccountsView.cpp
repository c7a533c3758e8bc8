#include "ui/AccountsView.h"

#include "client/AuthSession.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace auth::console {

namespace {

QString timeText(const QJsonValue& value)
{
    if (value.isDouble())
        return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return value.toString();
}

QString cellText(const QJsonValue& value)
{
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

QTableWidget* makeTable(QWidget* parent, const QString& name)
{
    auto* table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

AccountsView::AccountsView(AuthSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_searchEdit(new QLineEdit(this))
    , m_searchButton(new QPushButton(this))
    , m_moreButton(new QPushButton(this))
    , m_usersTable(makeTable(this, QStringLiteral("usersTable")))
    , m_reasonEdit(new QLineEdit(this))
    , m_lockButton(new QPushButton(this))
    , m_unlockButton(new QPushButton(this))
    , m_sessionsButton(new QPushButton(this))
    , m_revokeButton(new QPushButton(this))
    , m_sessionsTable(makeTable(this, QStringLiteral("sessionsTable")))
    , m_inactiveButton(new QPushButton(this))
    , m_weakButton(new QPushButton(this))
    , m_reportTable(makeTable(this, QStringLiteral("reportTable")))
    , m_messageLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("accountsView"));
    m_searchEdit->setObjectName(QStringLiteral("userSearchEdit"));
    m_searchButton->setObjectName(QStringLiteral("userSearchButton"));
    m_moreButton->setObjectName(QStringLiteral("moreUsersButton"));
    m_reasonEdit->setObjectName(QStringLiteral("lockReasonEdit"));
    m_lockButton->setObjectName(QStringLiteral("lockButton"));
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_sessionsButton->setObjectName(QStringLiteral("sessionsButton"));
    m_revokeButton->setObjectName(QStringLiteral("revokeSessionsButton"));
    m_inactiveButton->setObjectName(QStringLiteral("inactiveUsersButton"));
    m_weakButton->setObjectName(QStringLiteral("weakPasswordsButton"));
    m_messageLabel->setObjectName(QStringLiteral("accountsMessageLabel"));
    m_searchEdit->setMaxLength(200);
    m_searchEdit->setClearButtonEnabled(true);
    m_reasonEdit->setMaxLength(500);
    m_messageLabel->setWordWrap(true);
    m_usersTable->setColumnCount(6);

    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_searchEdit, 1);
    searchRow->addWidget(m_searchButton);
    searchRow->addWidget(m_moreButton);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_reasonEdit, 1);
    actionRow->addWidget(m_lockButton);
    actionRow->addWidget(m_unlockButton);
    actionRow->addWidget(m_sessionsButton);
    actionRow->addWidget(m_revokeButton);
    auto* reportRow = new QHBoxLayout;
    reportRow->addWidget(m_inactiveButton);
    reportRow->addWidget(m_weakButton);
    reportRow->addStretch(1);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_sessionsTable);
    auto* reports = new QWidget(this);
    auto* reportsLayout = new QVBoxLayout(reports);
    reportsLayout->setContentsMargins(0, 0, 0, 0);
    reportsLayout->addLayout(reportRow);
    reportsLayout->addWidget(m_reportTable, 1);
    lower->addWidget(reports);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_usersTable);
    splitter->addWidget(lower);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(searchRow);
    layout->addWidget(splitter, 1);
    layout->addLayout(actionRow);
    layout->addWidget(m_messageLabel);
    setTabOrder(m_searchEdit, m_searchButton);
    setTabOrder(m_searchButton, m_usersTable);
    setTabOrder(m_usersTable, m_reasonEdit);
    setTabOrder(m_reasonEdit, m_lockButton);
    setTabOrder(m_lockButton, m_unlockButton);

    connect(m_searchEdit, &QLineEdit::returnPressed, this, &AccountsView::search);
    connect(m_searchButton, &QPushButton::clicked, this, &AccountsView::search);
    connect(m_moreButton, &QPushButton::clicked, this, [this] {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("q"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_searchEdit->text().trimmed())));
        query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
        query.addQueryItem(QStringLiteral("offset"), QString::number(m_offset));
        const quint64 generation = m_searchGeneration;
        m_session.call(
            "GET", QStringLiteral("/admin/users"), query, std::nullopt, this,
            [this, generation](const QJsonObject& body, int, qint64) {
                if (generation == m_searchGeneration)
                    fillUsers(body.value(QStringLiteral("users")).toArray(), true);
            },
            [this](const ApiError& error) { failed(error); });
    });
    connect(m_usersTable, &QTableWidget::itemSelectionChanged, this, &AccountsView::updateButtons);
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &AccountsView::updateButtons);
    connect(m_lockButton, &QPushButton::clicked, this, [this] { setLocked(true); });
    connect(m_unlockButton, &QPushButton::clicked, this, [this] { setLocked(false); });
    connect(m_sessionsButton, &QPushButton::clicked, this, &AccountsView::loadSessions);
    connect(m_revokeButton, &QPushButton::clicked, this, &AccountsView::revokeSessions);
    connect(m_inactiveButton, &QPushButton::clicked, this,
            [this] { showReport(QStringLiteral("/admin/users/inactive")); });
    connect(m_weakButton, &QPushButton::clicked, this,
            [this] { showReport(QStringLiteral("/admin/security/weak-passwords")); });
    retranslateUi();
    updateButtons();
}

void AccountsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AccountsView::retranslateUi()
{
    m_searchEdit->setPlaceholderText(tr("Find users by e-mail address or name"));
    m_searchButton->setText(tr("&Find"));
    m_moreButton->setText(tr("&More"));
    m_usersTable->setHorizontalHeaderLabels(
        {tr("E-mail"), tr("Name"), tr("Roles"), tr("Status"), tr("Last login (UTC)"), tr("MFA")});
    m_reasonEdit->setPlaceholderText(tr("Reason (required for lock, unlock and revoke)"));
    m_lockButton->setText(tr("&Lock"));
    m_unlockButton->setText(tr("&Unlock"));
    m_sessionsButton->setText(tr("&Sessions"));
    m_revokeButton->setText(tr("&Revoke All Sessions"));
    m_inactiveButton->setText(tr("&Inactive Users"));
    m_weakButton->setText(tr("&Weak Passwords"));
}

QString AccountsView::selectedUserId() const
{
    const int row = m_usersTable->currentRow();
    return row >= 0 && m_usersTable->item(row, 0) ? m_usersTable->item(row, 0)->data(Qt::UserRole).toString()
                                                  : QString();
}

QString AccountsView::message() const
{
    return m_messageLabel->text();
}

void AccountsView::search()
{
    m_offset = 0;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("q"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_searchEdit->text().trimmed())));
    query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
    const quint64 generation = ++m_searchGeneration;
    m_session.call(
        "GET", QStringLiteral("/admin/users"), query, std::nullopt, this,
        [this, generation](const QJsonObject& body, int, qint64) {
            if (generation == m_searchGeneration) // an earlier search may answer last
                fillUsers(body.value(QStringLiteral("users")).toArray(), false);
        },
        [this](const ApiError& error) { failed(error); });
}

void AccountsView::clear()
{
    m_usersTable->setRowCount(0);
    m_sessionsTable->setRowCount(0);
    m_reportTable->setRowCount(0);
    setMessage(QString());
    updateButtons();
}

void AccountsView::fillUsers(const QJsonArray& users, bool append)
{
    if (!append)
        m_usersTable->setRowCount(0);
    for (const QJsonValue& value : users) {
        const QJsonObject user = value.toObject();
        const int row = m_usersTable->rowCount();
        m_usersTable->insertRow(row);
        QStringList roles;
        for (const QJsonValue& role : user.value(QStringLiteral("roles")).toArray())
            roles.append(role.toString());
        const QStringList cells {user.value(QStringLiteral("email")).toString(),
                                 user.value(QStringLiteral("name")).toString(),
                                 roles.join(QStringLiteral(", ")),
                                 user.value(QStringLiteral("status")).toString(),
                                 timeText(user.value(QStringLiteral("last_login"))),
                                 user.value(QStringLiteral("mfa_required")).toBool() ? tr("required")
                                                                                     : QString()};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, user.value(QStringLiteral("id")).toString());
            item->setData(Qt::UserRole + 1, user.value(QStringLiteral("status")).toString());
            m_usersTable->setItem(row, column, item);
        }
    }
    m_offset = m_usersTable->rowCount();
    m_moreButton->setEnabled(users.size() >= PageSize);
    setMessage(tr("Users shown: %1").arg(m_usersTable->rowCount()));
    updateButtons();
}

void AccountsView::setLocked(bool locked)
{
    const QString id = selectedUserId();
    const QString reason = m_reasonEdit->text().trimmed();
    if (id.isEmpty() || reason.isEmpty())
        return;
    const QString email = m_usersTable->item(m_usersTable->currentRow(), 0)->text();
    m_session.call(
        "POST",
        QStringLiteral("/admin/users/%1/%2")
            .arg(id, locked ? QStringLiteral("lock") : QStringLiteral("unlock")),
        {}, QJsonObject {{QStringLiteral("reason"), reason}}, this,
        [this, locked, email](const QJsonObject& user, int, qint64) {
            m_reasonEdit->clear();
            const int row = m_usersTable->currentRow();
            if (row >= 0 && m_usersTable->item(row, 3)) {
                const QString status = user.value(QStringLiteral("status")).toString();
                m_usersTable->item(row, 3)->setText(status);
                for (int column = 0; column < m_usersTable->columnCount(); ++column)
                    m_usersTable->item(row, column)->setData(Qt::UserRole + 1, status);
            }
            setMessage(locked ? tr("%1 is locked.").arg(email) : tr("%1 is unlocked.").arg(email));
            updateButtons();
        },
        [this](const ApiError& error) { failed(error); });
}

void AccountsView::loadSessions()
{
    const QString id = selectedUserId();
    if (id.isEmpty())
        return;
    m_session.call(
        "GET", QStringLiteral("/admin/users/%1/sessions").arg(id), {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) {
            const QJsonArray sessions = body.value(QStringLiteral("sessions")).toArray();
            fillGeneric(m_sessionsTable, sessions);
            setMessage(tr("Active sessions: %1").arg(sessions.size()));
        },
        [this](const ApiError& error) { failed(error); });
}

void AccountsView::revokeSessions()
{
    const QString id = selectedUserId();
    const QString reason = m_reasonEdit->text().trimmed();
    if (id.isEmpty() || reason.isEmpty())
        return;
    m_session.call(
        "DELETE", QStringLiteral("/admin/users/%1/sessions").arg(id), {},
        QJsonObject {{QStringLiteral("reason"), reason}}, this,
        [this](const QJsonObject& body, int, qint64) {
            m_reasonEdit->clear();
            setMessage(tr("Sessions revoked: %1").arg(cellText(body.value(QStringLiteral("revoked")))));
            loadSessions();
        },
        [this](const ApiError& error) { failed(error); }, {200, 204});
}

void AccountsView::showReport(const QString& path)
{
    m_session.call(
        "GET", path, {}, std::nullopt, this,
        [this](const QJsonObject& body, int, qint64) {
            // The rows are the first array in the answer (users, accounts, ...).
            QJsonArray rows;
            for (auto it = body.begin(); it != body.end(); ++it) {
                if (it.value().isArray()) {
                    rows = it.value().toArray();
                    break;
                }
            }
            fillGeneric(m_reportTable, rows);
            setMessage(tr("Report rows: %1").arg(rows.size()));
        },
        [this](const ApiError& error) { failed(error); });
}

void AccountsView::fillGeneric(QTableWidget* table, const QJsonArray& rows)
{
    QStringList columns;
    for (const QJsonValue& row : rows) {
        for (const QString& key : row.toObject().keys()) {
            if (!columns.contains(key))
                columns.append(key);
        }
    }
    table->clear();
    table->setColumnCount(int(columns.size()));
    table->setHorizontalHeaderLabels(columns);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonObject row = rows.at(r).toObject();
        for (int c = 0; c < columns.size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(cellText(row.value(columns.at(c)))));
    }
}

void AccountsView::updateButtons()
{
    const bool selected = !selectedUserId().isEmpty();
    const bool reason = !m_reasonEdit->text().trimmed().isEmpty();
    const int row = m_usersTable->currentRow();
    const QString status = row >= 0 && m_usersTable->item(row, 0)
        ? m_usersTable->item(row, 0)->data(Qt::UserRole + 1).toString()
        : QString();
    m_lockButton->setEnabled(selected && reason && status != QLatin1String("locked"));
    m_unlockButton->setEnabled(selected && reason && status != QLatin1String("active"));
    m_sessionsButton->setEnabled(selected);
    m_revokeButton->setEnabled(selected && reason);
}

void AccountsView::setMessage(const QString& message)
{
    m_messageLabel->setText(message);
}

void AccountsView::failed(const ApiError& error)
{
    setMessage(error.message);
}

} // namespace auth::console
