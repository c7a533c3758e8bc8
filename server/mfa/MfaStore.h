#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

namespace auth::mfa {

// One enrolled (or pending) factor of a user. `secret` is sealed: only the
// method that owns it opens it.
struct Enrollment
{
    QString id;
    QString userId;
    QString method;
    QString label;
    QByteArray secret;
    bool confirmed = false;
    qint64 createdAt = 0;
    qint64 confirmedAt = 0;
    qint64 lastUsedAt = 0;
    // The public view: never the secret.
    QJsonObject toJson() const;
};

// A pending second step: the login (or forced enrolment) an mfa_token stands for.
struct Challenge
{
    QString tokenHash;
    QString userId;
    QString purpose; // "login" or "enroll"
    QStringList methods;
    QString sourceIp;
    QString userAgent;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    qint64 usedAt = 0;
};

// The SQL of MFA (migration 3), portable between SQLite and PostgreSQL. Runs
// on pool threads with the thread's connection.
class MfaStore
{
public:
    static inline const QString LoginPurpose = QStringLiteral("login");
    static inline const QString EnrollPurpose = QStringLiteral("enroll");

    static QList<Enrollment> enrollments(QSqlDatabase& db, const QString& userId);
    static std::optional<Enrollment> enrollment(QSqlDatabase& db, const QString& userId,
                                                const QString& method);
    static bool hasConfirmedFactor(QSqlDatabase& db, const QString& userId);
    // Replaces any unconfirmed enrolment of the same method.
    static bool savePending(QSqlDatabase& db, const Enrollment& enrollment);
    // Activates a pending enrolment; false if it was not pending (any more).
    static bool confirm(QSqlDatabase& db, const QString& id, qint64 nowSecs);
    static void touch(QSqlDatabase& db, const QString& id, qint64 nowSecs);
    static int remove(QSqlDatabase& db, const QString& userId, const QString& method);

    // Backup codes, as SHA-256 hashes. Replacing drops the whole previous set.
    static bool replaceBackupCodes(QSqlDatabase& db, const QString& userId, const QStringList& hashes,
                                   qint64 nowSecs);
    static int remainingBackupCodes(QSqlDatabase& db, const QString& userId);
    struct StoredCode
    {
        qint64 id = 0;
        QString hash;
    };
    static QList<StoredCode> unusedBackupCodes(QSqlDatabase& db, const QString& userId);
    // Marks one code used; of parallel uses exactly one gets true.
    static bool useBackupCode(QSqlDatabase& db, qint64 id, qint64 nowSecs);
    static void deleteBackupCodes(QSqlDatabase& db, const QString& userId);

    // A new challenge; returns the opaque token (only its hash is stored).
    static QString createChallenge(QSqlDatabase& db, const Challenge& challenge);
    static std::optional<Challenge> findChallenge(QSqlDatabase& db, const QString& token);
    // Single use: of parallel consumers exactly one gets true, and only before expiry.
    static bool consumeChallenge(QSqlDatabase& db, const QString& tokenHash, qint64 nowSecs);
    static QString hashToken(const QString& token);

    // MFA lockout: consecutive failures and the lock they lead to.
    static qint64 lockedUntil(QSqlDatabase& db, const QString& userId); // seconds, 0: not locked
    // Counts a failure; true when this one crossed the threshold and locked MFA.
    static bool recordFailure(QSqlDatabase& db, const QString& userId, int threshold, qint64 lockSecs,
                              qint64 nowSecs);
    static void recordSuccess(QSqlDatabase& db, const QString& userId, qint64 nowSecs);

    static bool markSessionVerified(QSqlDatabase& db, const QString& sessionId);
    // The per-user requirement an admin sets; false for an unknown user.
    static bool setRequired(QSqlDatabase& db, const QString& userId, bool required, qint64 nowSecs);
};

} // namespace auth::mfa
