#include "mfa/BackupCodeMethod.h"

#include "core/Clock.h"
#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "mfa/MfaStore.h"

#include <QRegularExpression>

namespace auth::mfa {

namespace {

constexpr int CodeLength = 10;
constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; // RFC 4648 base32

} // namespace

QString BackupCodeMethod::normalize(const QString& code)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Z2-7]{10}$"));
    QString text = code.toUpper();
    text.remove(QLatin1Char('-'));
    text.remove(QLatin1Char(' '));
    return shape.match(text).hasMatch() ? text : QString();
}

QString BackupCodeMethod::hash(const QString& userId, const QString& normalizedCode)
{
    return QString::fromLatin1(crypto::sha256((userId + u':' + normalizedCode).toUtf8()).toHex());
}

bool BackupCodeMethod::isAvailable(QSqlDatabase& db, const QString& userId) const
{
    return MfaStore::remainingBackupCodes(db, userId) > 0;
}

Verdict BackupCodeMethod::verify(QSqlDatabase& db, const VerifyRequest& request)
{
    const QString code = normalize(request.body.value(QStringLiteral("code")).toString());
    if (code.isEmpty())
        return Verdict::Malformed;
    const QByteArray wanted = hash(request.userId, code).toLatin1();
    qint64 match = 0;
    // Every stored hash is compared, in constant time, whatever matched before.
    for (const MfaStore::StoredCode& stored : MfaStore::unusedBackupCodes(db, request.userId)) {
        if (crypto::constantTimeEquals(stored.hash.toLatin1(), wanted))
            match = stored.id;
    }
    if (match == 0)
        return Verdict::Rejected;
    return MfaStore::useBackupCode(db, match, Clock::nowSecs()) ? Verdict::Accepted : Verdict::Rejected;
}

bool BackupCodeMethod::remove(QSqlDatabase& db, const QString& userId)
{
    const bool had = MfaStore::remainingBackupCodes(db, userId) > 0;
    MfaStore::deleteBackupCodes(db, userId);
    return had;
}

QStringList BackupCodeMethod::regenerate(QSqlDatabase& db, const QString& userId, int count)
{
    QStringList codes;
    QStringList hashes;
    for (int i = 0; i < count; ++i) {
        // 32 divides 256, so masking each random byte to 5 bits keeps it uniform.
        const QByteArray bytes = crypto::randomBytes(CodeLength);
        QString code;
        for (char byte : bytes)
            code += QLatin1Char(Alphabet[quint8(byte) & 31]);
        hashes.append(hash(userId, code));
        codes.append(code.left(5) + u'-' + code.mid(5));
    }
    if (!MfaStore::replaceBackupCodes(db, userId, hashes, Clock::nowSecs()))
        return {};
    return codes;
}

} // namespace auth::mfa
