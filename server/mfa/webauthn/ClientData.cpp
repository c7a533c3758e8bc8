#include "mfa/webauthn/ClientData.h"

#include "crypto/Base64Url.h"
#include "crypto/Digest.h"

#include "json/StrictJson.h"
#include <QJsonObject>

namespace auth::mfa::webauthn {
namespace {

VerifyError fail(const char* code, const QString& message)
{
    return {QString::fromLatin1(code), message};
}

} // namespace

VerifyError checkClientData(const QByteArray& clientDataJson, const char* expectedType,
                            const Expectations& expected)
{
    if (clientDataJson.isEmpty() || clientDataJson.size() > limits::ClientDataJson)
        return fail(errors::InvalidInput,
                    QStringLiteral("clientDataJSON of %1 bytes").arg(clientDataJson.size()));
    const StrictJsonResult parsed = parseStrictJson(clientDataJson, 8);
    if (!parsed.ok() || !parsed.value.isObject())
        return fail(errors::ClientDataInvalid, QStringLiteral("clientDataJSON is not a JSON object"));
    const QJsonObject data = parsed.value.toObject();
    const QJsonValue type = data.value(QLatin1String("type"));
    const QJsonValue challenge = data.value(QLatin1String("challenge"));
    const QJsonValue origin = data.value(QLatin1String("origin"));
    if (!type.isString() || !challenge.isString() || !origin.isString())
        return fail(errors::ClientDataInvalid,
                    QStringLiteral("clientDataJSON lacks type, challenge or origin"));
    if (type.toString() != QLatin1String(expectedType))
        return fail(errors::TypeMismatch,
                    QStringLiteral("clientData type is not %1").arg(QLatin1String(expectedType)));

    const auto received = crypto::base64UrlDecode(challenge.toString().toLatin1());
    if (expected.challenge.size() < limits::ChallengeMin || !received
        || !crypto::constantTimeEquals(*received, expected.challenge))
        return fail(errors::ChallengeMismatch, QStringLiteral("the challenge is not the one issued"));

    if (!expected.origins.contains(origin.toString()))
        return fail(errors::OriginMismatch,
                    QStringLiteral("origin %1 is not allowed").arg(origin.toString().left(200)));

    const QJsonValue crossOrigin = data.value(QLatin1String("crossOrigin"));
    if (!crossOrigin.isUndefined() && !crossOrigin.isBool())
        return fail(errors::ClientDataInvalid, QStringLiteral("crossOrigin is not a boolean"));
    if (crossOrigin.toBool(false) && !expected.allowCrossOrigin)
        return fail(errors::CrossOrigin, QStringLiteral("the ceremony ran in a cross-origin frame"));

    // We never negotiate token binding, so a client that says it used one is bound to
    // something we cannot check.
    const QJsonValue tokenBinding = data.value(QLatin1String("tokenBinding"));
    if (!tokenBinding.isUndefined()) {
        if (!tokenBinding.isObject())
            return fail(errors::ClientDataInvalid, QStringLiteral("tokenBinding is not an object"));
        if (tokenBinding.toObject().value(QLatin1String("status")).toString() == QLatin1String("present"))
            return fail(errors::TokenBinding, QStringLiteral("token binding is not supported"));
    }
    return {};
}

} // namespace auth::mfa::webauthn
