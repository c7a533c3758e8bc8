#include "mfa/TotpMethod.h"

#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "crypto/Aead.h"
#include "crypto/Random.h"
#include "mfa/MfaStore.h"
#include "mfa/Totp.h"
#include "state/StateStore.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace auth::mfa {

namespace {

const QString Method = QStringLiteral("totp");

} // namespace

bool TotpMethod::isWellFormed(const QString& code)
{
    static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
    return sixDigits.match(code).hasMatch();
}

QByteArray TotpMethod::seal(const QString& userId, const QString& enrollmentId,
                            const QByteArray& secret) const
{
    // The aad binds the sealed seed to its user and row: copied elsewhere it does not open.
    return crypto::seal(m_context.mfaKey, secret, (Method + u':' + userId + u':' + enrollmentId).toUtf8());
}

std::optional<QByteArray> TotpMethod::open(const QString& userId, const QString& enrollmentId,
                                           const QByteArray& sealed) const
{
    return crypto::open(m_context.mfaKey, sealed, (Method + u':' + userId + u':' + enrollmentId).toUtf8());
}

QString TotpMethod::uriFor(const QString& accountName, const QString& secretBase32) const
{
    // Key URI format (google-authenticator wiki): SHA1, 6 digits and 30 s are the
    // defaults apps assume, so they are not stated.
    const QString issuer = QString::fromLatin1(
        QUrl::toPercentEncoding(m_context.config->string(QStringLiteral("mfa.totp_issuer"))));
    const QString account = QString::fromLatin1(QUrl::toPercentEncoding(accountName));
    return QStringLiteral("otpauth://totp/%1:%2?secret=%3&issuer=%1").arg(issuer, account, secretBase32);
}

bool TotpMethod::isAvailable(QSqlDatabase& db, const QString& userId) const
{
    const auto enrollment = MfaStore::enrollment(db, userId, Method);
    return enrollment && enrollment->confirmed;
}

Verdict TotpMethod::check(const QByteArray& secret, const QString& userId, const QString& code)
{
    const int window = int(m_context.config->integer(QStringLiteral("mfa.totp_window")));
    const auto step = Totp::validate(secret, code, Clock::nowSecs(), window);
    if (!step)
        return Verdict::Rejected;
    // A code stays valid until its step leaves the window: remember it that long.
    const qint64 ttlMs = qint64(2 * window + 2) * Totp::StepSecs * 1000;
    if (!m_context.state->claimOnce(QStringLiteral("mfa:totp:%1:%2").arg(userId).arg(*step), ttlMs))
        return Verdict::Rejected;
    return Verdict::Accepted;
}

Verdict TotpMethod::verify(QSqlDatabase& db, const VerifyRequest& request)
{
    const QString code = request.body.value(QStringLiteral("code")).toString();
    if (!isWellFormed(code))
        return Verdict::Malformed;
    const auto enrollment = MfaStore::enrollment(db, request.userId, Method);
    if (!enrollment || !enrollment->confirmed)
        return Verdict::Rejected;
    const auto secret = open(request.userId, enrollment->id, enrollment->secret);
    if (!secret)
        return Verdict::Rejected;
    const Verdict verdict = check(*secret, request.userId, code);
    if (verdict == Verdict::Accepted)
        MfaStore::touch(db, enrollment->id, Clock::nowSecs());
    return verdict;
}

bool TotpMethod::remove(QSqlDatabase& db, const QString& userId)
{
    return MfaStore::remove(db, userId, Method) > 0;
}

std::optional<TotpMethod::Pending> TotpMethod::begin(QSqlDatabase& db, const QString& userId,
                                                     const QString& accountName)
{
    const QByteArray secret = crypto::randomBytes(Totp::SecretBytes);
    Enrollment enrollment;
    enrollment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    enrollment.userId = userId;
    enrollment.method = Method;
    enrollment.label = QStringLiteral("Authenticator app");
    enrollment.secret = seal(userId, enrollment.id, secret);
    enrollment.createdAt = Clock::nowSecs();
    if (!MfaStore::savePending(db, enrollment))
        return std::nullopt;
    const QString base32 = Totp::toBase32(secret);
    return Pending {base32, uriFor(accountName, base32)};
}

TotpMethod::Confirm TotpMethod::confirm(QSqlDatabase& db, const QString& userId, const QString& code)
{
    if (!isWellFormed(code))
        return Confirm::Malformed;
    const auto enrollment = MfaStore::enrollment(db, userId, Method);
    if (!enrollment || enrollment->confirmed)
        return Confirm::NothingPending;
    const auto secret = open(userId, enrollment->id, enrollment->secret);
    if (!secret)
        return Confirm::Failed;
    if (check(*secret, userId, code) != Verdict::Accepted)
        return Confirm::Rejected;
    return MfaStore::confirm(db, enrollment->id, Clock::nowSecs()) ? Confirm::Confirmed
                                                                   : Confirm::NothingPending;
}

std::optional<TotpMethod::Pending> TotpMethod::enrollConfirmed(QSqlDatabase& db, const QString& userId,
                                                               const QString& accountName)
{
    const auto pending = begin(db, userId, accountName);
    if (!pending)
        return std::nullopt;
    const auto enrollment = MfaStore::enrollment(db, userId, Method);
    if (!enrollment || !MfaStore::confirm(db, enrollment->id, Clock::nowSecs()))
        return std::nullopt;
    return pending;
}

} // namespace auth::mfa
