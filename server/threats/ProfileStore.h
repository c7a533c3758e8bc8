#pragma once

#include "threats/BehaviourProfile.h"

#include <QCache>
#include <QMutex>
#include <QSqlDatabase>
#include <optional>

namespace auth::threats {

// Behaviour profiles in the threat_profiles table (migration 6), read lazily
// and kept in a bounded LRU cache. Entries older than a few minutes are read
// again, so instances sharing PostgreSQL converge on each other's learning.
// Database calls block: use on a pool thread with that thread's connection.
class ProfileStore
{
public:
    explicit ProfileStore(int capacity = 20'000, qint64 refreshMs = 5 * 60'000);

    // The cached or stored profile of `userId`; an empty one for a new user or
    // without a database (`db` may be null, as in unit tests).
    BehaviourProfile load(QSqlDatabase* db, const QString& userId);
    // Caches `profile` and writes it through; false if the write failed.
    bool save(QSqlDatabase* db, const BehaviourProfile& profile);
    // The cached profile only (never reads the database).
    std::optional<BehaviourProfile> cached(const QString& userId) const;
    int cachedCount() const;

private:
    struct Entry
    {
        BehaviourProfile profile;
        qint64 loadedMs = 0;
    };

    mutable QMutex m_mutex;
    mutable QCache<QString, Entry> m_cache; // object() refreshes recency, even in a lookup
    qint64 m_refreshMs;
};

} // namespace auth::threats
