#include "mfa/CodeMethod.h"

#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "crypto/Aead.h"
#include "mfa/BoundChallenges.h"
#include "mfa/MfaStore.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

namespace auth::mfa {

using delivery::Channel;
using delivery::CodeCheck;
using delivery::OneTimeCode;

QString CodeMethod::name() const
{
    return m_channel == Channel::Sms ? QStringLiteral("sms") : QStringLiteral("email");
}

QStringList CodeMethod::amr() const
{
    return {m_channel == Channel::Sms ? QStringLiteral("sms") : QStringLiteral("otp")};
}

QString CodeMethod::loginKey(const QString& method, const QString& challengeId)
{
    return QStringLiteral("code:%1:%2").arg(method, challengeId);
}

QString CodeMethod::enrollmentKey(const QString& method, const QString& enrollmentId)
{
    return QStringLiteral("code:enroll:%1:%2").arg(method, enrollmentId);
}

bool CodeMethod::isWellFormed(const QString& code)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{6}$"));
    return digits.match(code).hasMatch();
}

QString CodeMethod::mask(Channel channel, const QString& recipient)
{
    if (channel == Channel::Sms) {
        if (recipient.size() <= 7)
            return QStringLiteral("***");
        return recipient.left(3) + QString(recipient.size() - 7, QLatin1Char('*')) + recipient.right(4);
    }
    const qsizetype at = recipient.lastIndexOf(QLatin1Char('@'));
    if (at < 1)
        return QStringLiteral("***");
    return recipient.left(1) + QStringLiteral("***") + recipient.mid(at);
}

QByteArray CodeMethod::aad(const QString& userId, const QString& enrollmentId) const
{
    return (name() + u':' + userId + u':' + enrollmentId).toUtf8();
}

bool CodeMethod::isAvailable(QSqlDatabase& db, const QString& userId) const
{
    // Available while enrolled, even if the gateway is down or unconfigured:
    // the factor must never silently fall away and leave the password alone.
    const auto enrollment = MfaStore::enrollment(db, userId, name());
    return enrollment && enrollment->confirmed;
}

std::optional<QString> CodeMethod::recipient(QSqlDatabase& db, const QString& userId, bool pending) const
{
    const auto enrollment = MfaStore::enrollment(db, userId, name());
    if (!enrollment || enrollment->confirmed == pending)
        return std::nullopt;
    const auto plain = crypto::open(m_context.mfaKey, enrollment->secret, aad(userId, enrollment->id));
    if (!plain)
        return std::nullopt;
    return QString::fromUtf8(*plain);
}

std::optional<QString> CodeMethod::begin(QSqlDatabase& db, const QString& userId, const QString& recipient)
{
    Enrollment enrollment;
    enrollment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    enrollment.userId = userId;
    enrollment.method = name();
    enrollment.label = mask(m_channel, recipient);
    enrollment.secret = crypto::seal(m_context.mfaKey, recipient.toUtf8(), aad(userId, enrollment.id));
    enrollment.createdAt = Clock::nowSecs();
    if (!MfaStore::savePending(db, enrollment))
        return std::nullopt;
    return enrollment.id;
}

void CodeMethod::dropPending(QSqlDatabase& db, const QString& enrollmentId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM mfa_enrollments WHERE id = ? AND confirmed = ?"));
    query.addBindValue(enrollmentId);
    query.addBindValue(false);
    query.exec();
}

std::optional<QString> CodeMethod::issue(QSqlDatabase& db, const QString& userId, const QString& bindingKey)
{
    const delivery::IssuedCode issued = OneTimeCode::issue();
    const QString data
        = QString::fromUtf8(QJsonDocument(issued.challenge.toJson()).toJson(QJsonDocument::Compact));
    if (!BoundChallenges::put(db, bindingKey, userId, name(), data, OneTimeCode::DefaultTtlMs / 1000,
                              Clock::nowSecs()))
        return std::nullopt;
    return issued.code;
}

CodeCheck CodeMethod::check(QSqlDatabase& db, const QString& bindingKey, const QString& code)
{
    const auto data = BoundChallenges::get(db, bindingKey, Clock::nowSecs());
    if (!data)
        return CodeCheck::Expired;
    auto challenge = delivery::CodeChallenge::fromJson(QJsonDocument::fromJson(data->toUtf8()).object());
    if (!challenge)
        return CodeCheck::Expired;
    const CodeCheck result = OneTimeCode::verify(*challenge, code);
    const QString updated
        = QString::fromUtf8(QJsonDocument(challenge->toJson()).toJson(QJsonDocument::Compact));
    // The attempt counts only if it is stored; a parallel guess that lost the race fails.
    if (!BoundChallenges::compareAndSet(db, bindingKey, *data, updated))
        return CodeCheck::TooManyAttempts;
    if (result == CodeCheck::Accepted)
        BoundChallenges::remove(db, bindingKey);
    return result;
}

Verdict CodeMethod::verify(QSqlDatabase& db, const VerifyRequest& request)
{
    const QString code = request.body.value(QStringLiteral("code")).toString();
    if (!isWellFormed(code))
        return Verdict::Malformed;
    const auto enrollment = MfaStore::enrollment(db, request.userId, name());
    if (!enrollment || !enrollment->confirmed)
        return Verdict::Rejected;
    if (check(db, loginKey(name(), request.challengeId), code) != CodeCheck::Accepted)
        return Verdict::Rejected;
    MfaStore::touch(db, enrollment->id, Clock::nowSecs());
    return Verdict::Accepted;
}

bool CodeMethod::remove(QSqlDatabase& db, const QString& userId)
{
    return MfaStore::remove(db, userId, name()) > 0;
}

} // namespace auth::mfa
