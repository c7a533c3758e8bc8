#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace auth::accounts {

struct Session
{
    QString id;
    QString userId;
    QString clientId;
    qint64 createdAt = 0;
    qint64 lastSeenAt = 0;
    qint64 expiresAt = 0;
    qint64 revokedAt = 0;
    bool mfaVerified = false;
    QString sourceIp;
    QString userAgent;
    QJsonObject toJson() const;
};

// A refresh token's row, found by the SHA-256 of the token (the token itself is
// never stored).
struct RefreshToken
{
    QString familyId;
    QString sessionId;
    QString userId;
    QString clientId;
    QString scope;
    qint64 expiresAt = 0;
};

// Sessions and refresh-token families (SQL on the database pool). Refresh
// tokens rotate on every use; presenting a used one is theft or a replay, and
// revokes its whole family and session.
class SessionStore
{
public:
    static std::optional<Session> create(QSqlDatabase& db, const QString& userId, const QString& clientId,
                                         const QString& sourceIp, const QString& userAgent, bool mfaVerified,
                                         qint64 lifetimeSecs);
    static std::optional<Session> find(QSqlDatabase& db, const QString& id);
    static QList<Session> forUser(QSqlDatabase& db, const QString& userId, bool activeOnly);
    static bool revoke(QSqlDatabase& db, const QString& id, const QString& reason);
    // Returns how many sessions were revoked.
    static int revokeForUser(QSqlDatabase& db, const QString& userId, const QString& exceptSessionId,
                             const QString& reason);
    static int revokeAll(QSqlDatabase& db, const QString& reason);
    static void touch(QSqlDatabase& db, const QString& id, qint64 nowSecs);

    // A new refresh token; a new family unless `familyId` is given.
    static QString issueRefresh(QSqlDatabase& db, const RefreshToken& row, qint64 lifetimeSecs);

    enum class UseResult { Ok, Invalid, Reused };
    struct Use
    {
        UseResult result = UseResult::Invalid;
        RefreshToken row;
    };
    // Marks the token used (atomically: of two parallel uses exactly one wins).
    static Use use(QSqlDatabase& db, const QString& token, qint64 nowSecs);
    static int revokeFamily(QSqlDatabase& db, const QString& familyId);

    static QString hashToken(const QString& token);
};

} // namespace auth::accounts
