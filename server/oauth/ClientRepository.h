#pragma once

#include "oauth/OAuthClient.h"

#include <QHash>
#include <QReadWriteLock>
#include <QSqlDatabase>
#include <functional>
#include <optional>

namespace auth::oauth {

// SQL for oauth_clients, with a short-lived in-memory cache in front of
// find(): the token endpoint looks a client up on every request. Disabling a
// client through this instance drops it from the cache at once; other instances
// drop it when the change notice arrives (state/Notices.h), and within
// kCacheTtlMs at the latest. Thread-safe.
class ClientRepository
{
public:
    static constexpr qint64 kCacheTtlMs = 10'000;

    // Stores `client` (its id and secret hash already set).
    bool create(QSqlDatabase& db, const OAuthClient& client);
    // The client, from the cache when fresh; disabled clients are returned too.
    std::optional<OAuthClient> find(QSqlDatabase& db, const QString& clientId);
    QList<OAuthClient> list(QSqlDatabase& db, int limit, int offset);
    // False when no such client exists. Also ends every grant the client holds:
    // its sessions, refresh tokens, and (via the subject's not-before mark, set by
    // the caller) its client_credentials access tokens.
    bool disable(QSqlDatabase& db, const QString& clientId, qint64 nowSecs);
    // Forgets a cached client (all of them when `clientId` is empty): another
    // instance changed it.
    void invalidate(const QString& clientId);
    // Called after this instance created or disabled a client.
    void setChangeListener(std::function<void(const QString& clientId)> listener)
    {
        m_onChange = std::move(listener);
    }

private:
    struct Entry
    {
        std::optional<OAuthClient> client;
        qint64 loadedAtMs = 0;
    };
    static std::optional<OAuthClient> load(QSqlDatabase& db, const QString& clientId, bool* failed);

    QReadWriteLock m_lock;
    QHash<QString, Entry> m_cache;
    std::function<void(const QString& clientId)> m_onChange;
};

} // namespace auth::oauth
