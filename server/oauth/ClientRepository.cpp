#include "oauth/ClientRepository.h"

#include "core/Clock.h"
#include "logging/LogCategories.h"

#include <QSqlError>
#include <QSqlQuery>

namespace auth::oauth {

namespace {

// Unknown ids are cached too (as misses), so a flood of made-up client ids
// cannot turn into a flood of queries; the cache is bounded all the same.
constexpr int kMaxCacheEntries = 10'000;

const QString Columns = QStringLiteral(
    "client_id, name, secret_hash, confidential, redirect_uris, grant_types, scopes, disabled, created_at");

// Qt binds a null QString as SQL NULL; these columns are NOT NULL.
QString joined(const QStringList& list, QChar separator)
{
    const QString text = list.join(separator);
    return text.isEmpty() ? QString(QLatin1String("")) : text;
}

QStringList splitList(const QString& text, QChar separator)
{
    return text.split(separator, Qt::SkipEmptyParts);
}

OAuthClient fromRow(const QSqlQuery& q)
{
    OAuthClient c;
    c.clientId = q.value(0).toString();
    c.name = q.value(1).toString();
    c.secretHash = q.value(2).toString();
    c.confidential = q.value(3).toBool();
    c.redirectUris = splitList(q.value(4).toString(), QLatin1Char('\n'));
    c.grantTypes = splitList(q.value(5).toString(), QLatin1Char(' '));
    c.scopes = splitList(q.value(6).toString(), QLatin1Char(' '));
    c.disabled = q.value(7).toBool();
    c.createdAt = q.value(8).toLongLong();
    return c;
}

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcStorage).noquote() << "oauth client query failed:" << query.lastError().text();
    return false;
}

} // namespace

bool ClientRepository::create(QSqlDatabase& db, const OAuthClient& client)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO oauth_clients (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(Columns));
    query.addBindValue(client.clientId);
    query.addBindValue(client.name);
    query.addBindValue(client.secretHash.isEmpty() ? QVariant() : QVariant(client.secretHash));
    query.addBindValue(client.confidential);
    query.addBindValue(joined(client.redirectUris, QLatin1Char('\n')));
    query.addBindValue(joined(client.grantTypes, QLatin1Char(' ')));
    query.addBindValue(joined(client.scopes, QLatin1Char(' ')));
    query.addBindValue(false);
    query.addBindValue(client.createdAt);
    if (!exec(query))
        return false;
    {
        QWriteLocker locker(&m_lock);
        m_cache.remove(client.clientId);
    }
    if (m_onChange)
        m_onChange(client.clientId); // other instances may have cached it as unknown
    return true;
}

void ClientRepository::invalidate(const QString& clientId)
{
    QWriteLocker locker(&m_lock);
    if (clientId.isEmpty())
        m_cache.clear();
    else
        m_cache.remove(clientId);
}

std::optional<OAuthClient> ClientRepository::load(QSqlDatabase& db, const QString& clientId, bool* failed)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM oauth_clients WHERE client_id = ?").arg(Columns));
    query.addBindValue(clientId);
    *failed = !exec(query);
    if (*failed || !query.next())
        return std::nullopt;
    return fromRow(query);
}

std::optional<OAuthClient> ClientRepository::find(QSqlDatabase& db, const QString& clientId)
{
    if (clientId.isEmpty() || clientId.size() > 128)
        return std::nullopt;
    const qint64 now = Clock::nowMs();
    {
        QReadLocker locker(&m_lock);
        const auto it = m_cache.constFind(clientId);
        if (it != m_cache.cend() && now - it->loadedAtMs < kCacheTtlMs)
            return it->client;
    }
    bool failed = false;
    auto client = load(db, clientId, &failed);
    if (failed)
        return std::nullopt;
    QWriteLocker locker(&m_lock);
    if (m_cache.size() >= kMaxCacheEntries)
        m_cache.clear();
    m_cache.insert(clientId, Entry {client, now});
    return client;
}

QList<OAuthClient> ClientRepository::list(QSqlDatabase& db, int limit, int offset)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT %1 FROM oauth_clients ORDER BY created_at, client_id LIMIT ? OFFSET ?")
            .arg(Columns));
    query.addBindValue(limit);
    query.addBindValue(offset);
    QList<OAuthClient> clients;
    if (exec(query)) {
        while (query.next())
            clients.append(fromRow(query));
    }
    return clients;
}

bool ClientRepository::disable(QSqlDatabase& db, const QString& clientId, qint64 nowSecs)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("UPDATE oauth_clients SET disabled = ? WHERE client_id = ?"));
    query.addBindValue(true);
    query.addBindValue(clientId);
    if (!exec(query) || query.numRowsAffected() < 1)
        return false;
    {
        QWriteLocker locker(&m_lock);
        m_cache.remove(clientId);
    }
    if (m_onChange)
        m_onChange(clientId);
    QSqlQuery sessions(db);
    sessions.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = ? "
                                    "WHERE client_id = ? AND revoked_at IS NULL"));
    sessions.addBindValue(nowSecs);
    sessions.addBindValue(QStringLiteral("client_disabled"));
    sessions.addBindValue(clientId);
    exec(sessions);
    QSqlQuery tokens(db);
    tokens.prepare(QStringLiteral(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL"));
    tokens.addBindValue(nowSecs);
    tokens.addBindValue(clientId);
    exec(tokens);
    return true;
}

} // namespace auth::oauth
