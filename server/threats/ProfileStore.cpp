#include "threats/ProfileStore.h"

#include "core/Clock.h"
#include "logging/LogCategories.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace auth::threats {

ProfileStore::ProfileStore(int capacity, qint64 refreshMs)
    : m_cache(capacity)
    , m_refreshMs(refreshMs)
{
}

BehaviourProfile ProfileStore::load(QSqlDatabase* db, const QString& userId)
{
    const qint64 now = Clock::nowMs();
    {
        QMutexLocker lock(&m_mutex);
        if (const Entry* entry = m_cache.object(userId);
            entry && (!db || now - entry->loadedMs < m_refreshMs))
            return entry->profile;
    }
    BehaviourProfile profile;
    profile.userId = userId;
    if (db) {
        QSqlQuery query(*db);
        query.prepare(QStringLiteral("SELECT profile FROM threat_profiles WHERE user_id = ?"));
        query.addBindValue(userId);
        if (query.exec() && query.next()) {
            const QJsonObject stored = QJsonDocument::fromJson(query.value(0).toByteArray()).object();
            profile = BehaviourProfile::fromJson(userId, stored);
        } else if (query.lastError().isValid()) {
            qCWarning(lcThreats) << "cannot read a behaviour profile:" << query.lastError().text();
        }
    }
    QMutexLocker lock(&m_mutex);
    m_cache.insert(userId, new Entry {profile, now});
    return profile;
}

bool ProfileStore::save(QSqlDatabase* db, const BehaviourProfile& profile)
{
    const qint64 now = Clock::nowMs();
    {
        QMutexLocker lock(&m_mutex);
        m_cache.insert(profile.userId, new Entry {profile, now});
    }
    if (!db)
        return true;
    QSqlQuery query(*db);
    // ON CONFLICT ... DO UPDATE: the same statement on SQLite (3.24+) and PostgreSQL.
    query.prepare(
        QStringLiteral("INSERT INTO threat_profiles (user_id, profile, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (user_id) DO UPDATE SET profile = excluded.profile, "
                       "updated_at = excluded.updated_at"));
    query.addBindValue(profile.userId);
    query.addBindValue(QString::fromUtf8(QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact)));
    query.addBindValue(now / 1000);
    if (!query.exec()) {
        qCWarning(lcThreats) << "cannot store a behaviour profile:" << query.lastError().text();
        return false;
    }
    return true;
}

std::optional<BehaviourProfile> ProfileStore::cached(const QString& userId) const
{
    QMutexLocker lock(&m_mutex);
    const Entry* entry = m_cache.object(userId);
    if (!entry)
        return std::nullopt;
    return entry->profile;
}

int ProfileStore::cachedCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_cache.count());
}

} // namespace auth::threats
