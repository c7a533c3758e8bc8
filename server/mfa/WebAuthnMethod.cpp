#include "mfa/WebAuthnMethod.h"

#include "config/Config.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "crypto/Base64Url.h"
#include "logging/LogCategories.h"
#include "mfa/BoundChallenges.h"
#include "mfa/MfaStore.h"
#include "mfa/webauthn/WebAuthnJson.h"
#include "mfa/webauthn/WebAuthnVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace auth::mfa {

namespace {

const QString Method = QStringLiteral("webauthn");

bool exec(QSqlQuery& query)
{
    if (query.exec())
        return true;
    qCWarning(lcMfa).noquote() << "webauthn query failed:" << query.lastError().text();
    return false;
}

QString encodeId(const QByteArray& id)
{
    return QString::fromLatin1(crypto::base64UrlEncode(id));
}

void recordRefusal(const VerifyRequest& request, const QString& reason, bool violation)
{
    // A counter that goes back means two authenticators share one key: a clone.
    auto event = core::requestEvent(violation ? events::SecurityViolation : events::MfaVerification,
                                    violation ? Severity::High : Severity::Low, request.sourceIp,
                                    {{QStringLiteral("method"), Method},
                                     {QStringLiteral("result"), QStringLiteral("failure")},
                                     {QStringLiteral("reason"), reason}});
    event.userId = request.userId;
    core::recordEvent(event);
}

} // namespace

QString WebAuthnMethod::binding(const QByteArray& challenge, const RelyingParty& rp)
{
    const QJsonObject data {{QStringLiteral("challenge"), encodeId(challenge)},
                            {QStringLiteral("rp_id"), rp.id},
                            {QStringLiteral("origins"), QJsonArray::fromStringList(rp.origins)}};
    return QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
}

std::optional<webauthn::Expectations> WebAuthnMethod::parseBinding(const QString& data)
{
    const QJsonObject object = QJsonDocument::fromJson(data.toUtf8()).object();
    const auto challenge
        = crypto::base64UrlDecode(object.value(QStringLiteral("challenge")).toString().toLatin1());
    if (!challenge || challenge->isEmpty())
        return std::nullopt;
    webauthn::Expectations expected;
    expected.challenge = *challenge;
    expected.rpId = object.value(QStringLiteral("rp_id")).toString();
    for (const QJsonValue& origin : object.value(QStringLiteral("origins")).toArray())
        expected.origins.append(origin.toString());
    return expected;
}

QString WebAuthnMethod::registrationKey(const QString& sessionId)
{
    return QStringLiteral("webauthn:register:") + sessionId;
}

QString WebAuthnMethod::assertionKey(const QString& challengeId)
{
    return QStringLiteral("webauthn:assert:") + challengeId;
}

WebAuthnMethod::RelyingParty WebAuthnMethod::relyingParty(const QByteArray& hostHeader) const
{
    RelyingParty rp;
    const Config& config = *m_context.config;
    rp.name = config.string(QStringLiteral("mfa.webauthn_rp_name"));
    const QUrl issuer(config.string(QStringLiteral("jwt.issuer")));
    QString origin;
    if (issuer.isValid() && !issuer.host().isEmpty()) {
        rp.id = issuer.host();
        origin = issuer
                     .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                               | QUrl::StripTrailingSlash)
                     .toString();
    } else {
        const QUrl fromHost(QStringLiteral("https://") + QString::fromLatin1(hostHeader.left(255)));
        rp.id = fromHost.host();
        origin = fromHost.adjusted(QUrl::RemovePath).toString();
    }
    const QString configuredId = config.string(QStringLiteral("mfa.webauthn_rp_id"));
    if (!configuredId.isEmpty())
        rp.id = configuredId;
    const QString configuredOrigins = config.string(QStringLiteral("mfa.webauthn_origins"));
    if (!configuredOrigins.isEmpty()) {
        for (const QString& item : configuredOrigins.split(QLatin1Char(','), Qt::SkipEmptyParts))
            rp.origins.append(item.trimmed());
    } else if (!origin.isEmpty()) {
        rp.origins.append(origin);
    }
    if (rp.name.isEmpty())
        rp.name = rp.id;
    return rp;
}

bool WebAuthnMethod::isAvailable(QSqlDatabase& db, const QString& userId) const
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM webauthn_credentials WHERE user_id = ?"));
    query.addBindValue(userId);
    return exec(query) && query.next() && query.value(0).toInt() > 0;
}

QList<WebAuthnMethod::Credential> WebAuthnMethod::credentials(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT c.credential_id, c.enrollment_id, e.label, c.public_key_der, "
                                 "c.algorithm, c.sign_count FROM webauthn_credentials c "
                                 "JOIN mfa_enrollments e ON e.id = c.enrollment_id "
                                 "WHERE c.user_id = ? ORDER BY c.created_at, c.credential_id"));
    query.addBindValue(userId);
    QList<Credential> list;
    if (!exec(query))
        return list;
    while (query.next()) {
        const auto id = crypto::base64UrlDecode(query.value(0).toString().toLatin1());
        if (!id)
            continue;
        Credential credential;
        credential.id = *id;
        credential.enrollmentId = query.value(1).toString();
        credential.label = query.value(2).toString();
        credential.stored.credentialId = *id;
        credential.stored.publicKeySpki = query.value(3).toByteArray();
        credential.stored.algorithm = webauthn::CoseAlgorithm(query.value(4).toInt());
        credential.stored.signCount = quint32(query.value(5).toLongLong());
        credential.stored.userHandle = userId.toUtf8();
        list.append(credential);
    }
    return list;
}

bool WebAuthnMethod::credentialExists(QSqlDatabase& db, const QByteArray& credentialId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM webauthn_credentials WHERE credential_id = ?"));
    query.addBindValue(encodeId(credentialId));
    return !exec(query) || !query.next() || query.value(0).toInt() > 0;
}

bool WebAuthnMethod::store(QSqlDatabase& db, const QString& userId, const QString& label,
                           const webauthn::RegisteredCredential& credential, const QString& transports,
                           qint64 nowSecs)
{
    if (!db.transaction())
        return false;
    const QString enrollmentId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery enrollment(db);
    enrollment.prepare(
        QStringLiteral("INSERT INTO mfa_enrollments (id, user_id, method, label, confirmed, created_at, "
                       "confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value : {QVariant(enrollmentId), QVariant(userId), QVariant(Method), QVariant(label),
                                  QVariant(true), QVariant(nowSecs), QVariant(nowSecs)})
        enrollment.addBindValue(value);
    QSqlQuery row(db);
    row.prepare(QStringLiteral(
        "INSERT INTO webauthn_credentials (credential_id, enrollment_id, user_id, "
        "public_key_cose, public_key_der, algorithm, sign_count, transports, aaguid, "
        "attestation_format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''), ?, ?, ?)"));
    for (const QVariant& value :
         {QVariant(encodeId(credential.credentialId)), QVariant(enrollmentId), QVariant(userId),
          QVariant(credential.cosePublicKey), QVariant(credential.publicKeySpki),
          QVariant(int(credential.algorithm)), QVariant(qint64(credential.signCount)), QVariant(transports),
          QVariant(QString::fromLatin1(credential.aaguid.toHex())), QVariant(credential.attestationFormat),
          QVariant(nowSecs)})
        row.addBindValue(value);
    // The primary key refuses a credential id registered in parallel.
    if (!exec(enrollment) || !exec(row)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

bool WebAuthnMethod::removeCredential(QSqlDatabase& db, const QString& userId, const QByteArray& credentialId)
{
    QSqlQuery find(db);
    find.prepare(QStringLiteral(
        "SELECT enrollment_id FROM webauthn_credentials WHERE credential_id = ? AND user_id = ?"));
    find.addBindValue(encodeId(credentialId));
    find.addBindValue(userId);
    if (!exec(find) || !find.next())
        return false;
    const QString enrollmentId = find.value(0).toString();
    if (!db.transaction())
        return false;
    QSqlQuery dropCredential(db);
    dropCredential.prepare(QStringLiteral("DELETE FROM webauthn_credentials WHERE credential_id = ?"));
    dropCredential.addBindValue(encodeId(credentialId));
    QSqlQuery dropEnrollment(db);
    dropEnrollment.prepare(QStringLiteral("DELETE FROM mfa_enrollments WHERE id = ?"));
    dropEnrollment.addBindValue(enrollmentId);
    if (!exec(dropCredential) || dropCredential.numRowsAffected() != 1 || !exec(dropEnrollment)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

Verdict WebAuthnMethod::verify(QSqlDatabase& db, const VerifyRequest& request)
{
    const QJsonValue value = request.body.value(QStringLiteral("credential"));
    if (!value.isObject())
        return Verdict::Malformed;
    webauthn::VerifyError parseError;
    const auto assertion = webauthn::parseAssertionResponse(value.toObject(), &parseError);
    if (!assertion)
        return Verdict::Malformed;
    const qint64 now = Clock::nowSecs();
    // Used up by this attempt whatever its outcome: a challenge is never answered twice.
    const auto bound = BoundChallenges::take(db, assertionKey(request.challengeId), now);
    const auto expected = bound ? parseBinding(*bound) : std::nullopt;
    if (!expected) {
        recordRefusal(request, QStringLiteral("no_challenge"), false);
        return Verdict::Rejected;
    }
    std::optional<Credential> found;
    for (const Credential& credential : credentials(db, request.userId)) {
        if (credential.id == assertion->credentialId)
            found = credential;
    }
    if (!found) {
        recordRefusal(request, QStringLiteral("unknown_credential"), false);
        return Verdict::Rejected;
    }
    const webauthn::AssertionResult result = webauthn::verifyAssertion(*expected, found->stored, *assertion);
    if (!result.ok()) {
        const bool clone = result.error.code == QLatin1String(webauthn::errors::CounterRegression);
        recordRefusal(request, result.error.code, clone);
        return Verdict::Rejected;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE webauthn_credentials SET sign_count = ?, last_used_at = ? "
                                  "WHERE credential_id = ? AND sign_count = ?"));
    for (const QVariant& v : {QVariant(qint64(*result.newSignCount)), QVariant(now),
                              QVariant(encodeId(found->id)), QVariant(qint64(found->stored.signCount))})
        update.addBindValue(v);
    if (!exec(update) || update.numRowsAffected() != 1) {
        // Another assertion of the same credential won the race.
        recordRefusal(request, QStringLiteral("counter_race"), true);
        return Verdict::Rejected;
    }
    MfaStore::touch(db, found->enrollmentId, now);
    return Verdict::Accepted;
}

bool WebAuthnMethod::remove(QSqlDatabase& db, const QString& userId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM webauthn_credentials WHERE user_id = ?"));
    query.addBindValue(userId);
    exec(query);
    return MfaStore::remove(db, userId, Method) > 0;
}

} // namespace auth::mfa
