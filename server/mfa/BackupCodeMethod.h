#pragma once

#include "mfa/MfaMethod.h"

namespace auth::mfa {

// Backup codes: MFA_BACKUP_CODES_COUNT codes of 50 random bits, shown once as
// XXXXX-XXXXX (base32), stored as SHA-256 salted with the user id, each usable
// once even when sent in parallel. Not a factor of its own: it stands in for one.
class BackupCodeMethod : public MfaMethod
{
public:
    QString name() const override { return QStringLiteral("backup_code"); }
    QStringList amr() const override { return {QStringLiteral("otp")}; }
    bool isFactor() const override { return false; }
    bool isAvailable(QSqlDatabase& db, const QString& userId) const override;
    Verdict verify(QSqlDatabase& db, const VerifyRequest& request) override;
    bool remove(QSqlDatabase& db, const QString& userId) override;

    // A new set replacing the old one; empty on a storage error.
    static QStringList regenerate(QSqlDatabase& db, const QString& userId, int count);
    // Upper case without separators if it is shaped like a code, else empty.
    static QString normalize(const QString& code);
    static QString hash(const QString& userId, const QString& normalizedCode);
};

} // namespace auth::mfa
