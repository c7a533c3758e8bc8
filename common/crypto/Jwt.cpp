#include "crypto/Jwt.h"

#include "crypto/Base64Url.h"

#include "json/StrictJson.h"
#include <QJsonDocument>

namespace auth::crypto {

namespace {

std::optional<QJsonObject> decodeObject(QByteArrayView part)
{
    const auto json = base64UrlDecode(part);
    if (!json)
        return std::nullopt;
    const StrictJsonResult parsed = parseStrictJson(*json);
    if (!parsed.ok() || !parsed.document.isObject())
        return std::nullopt;
    return parsed.document.object();
}

std::nullopt_t refuse(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QByteArray signJwt(const QJsonObject& header, const QJsonObject& claims, const SigningKey& key)
{
    if (!key.hasPrivateKey())
        return {};
    QJsonObject protectedHeader = header;
    protectedHeader.insert(QStringLiteral("alg"), algorithmName(key.algorithm()));
    const QString kid = key.kid();
    if (kid.isEmpty())
        protectedHeader.remove(QStringLiteral("kid"));
    else
        protectedHeader.insert(QStringLiteral("kid"), kid);

    QByteArray token = base64UrlEncode(QJsonDocument(protectedHeader).toJson(QJsonDocument::Compact));
    token += '.';
    token += base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(token);
    if (signature.isEmpty())
        return {};
    token += '.';
    token += base64UrlEncode(signature);
    return token;
}

std::optional<DecodedJwt> decodeJwt(QByteArrayView token, QString* error)
{
    if (token.size() > kMaxJwtSize)
        return refuse(error, QStringLiteral("token larger than 16 KiB"));
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0)
        return refuse(error, QStringLiteral("token does not have exactly three parts"));

    DecodedJwt decoded;
    const auto header = decodeObject(token.first(firstDot));
    if (!header)
        return refuse(error, QStringLiteral("header is not a base64url JSON object"));
    const auto claims = decodeObject(token.sliced(firstDot + 1, secondDot - firstDot - 1));
    if (!claims)
        return refuse(error, QStringLiteral("payload is not a base64url JSON object"));
    auto signature = base64UrlDecode(token.sliced(secondDot + 1));
    if (!signature)
        return refuse(error, QStringLiteral("signature is not base64url"));
    decoded.header = *header;
    decoded.claims = *claims;
    decoded.signingInput = token.first(secondDot).toByteArray();
    decoded.signature = std::move(*signature);
    return decoded;
}

} // namespace auth::crypto
