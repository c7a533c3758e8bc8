#include "crypto/JwtVerifier.h"

#include "core/Clock.h"
#include "crypto/Jwt.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace auth::crypto {

namespace {

VerifyResult failure(const char* reason)
{
    VerifyResult result;
    result.error = QLatin1String(reason);
    return result;
}

// A NumericDate (RFC 7519 §2): any finite JSON number; nullopt when absent.
// `valid` turns false when the member is present with another type.
std::optional<double> numericDate(const QJsonObject& claims, QLatin1String name, bool* valid)
{
    const QJsonValue value = claims.value(name);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        *valid = false;
        return std::nullopt;
    }
    return value.toDouble();
}

// RFC 7515 §4.1.9: "application/" may be omitted and media types compare case-insensitively.
bool sameMediaType(QString a, QString b)
{
    const QLatin1String prefix("application/");
    if (a.startsWith(prefix, Qt::CaseInsensitive))
        a.remove(0, prefix.size());
    if (b.startsWith(prefix, Qt::CaseInsensitive))
        b.remove(0, prefix.size());
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool audienceMatches(const QJsonValue& aud, const QString& expected)
{
    if (aud.isString())
        return aud.toString() == expected;
    if (!aud.isArray())
        return false;
    const QJsonArray audiences = aud.toArray();
    return std::any_of(audiences.begin(), audiences.end(), [&](const QJsonValue& value) {
        return value.isString() && value.toString() == expected;
    });
}

} // namespace

JwtVerifier::JwtVerifier(const QList<SigningKey>& keys)
{
    for (const SigningKey& key : keys)
        addKey(key);
}

bool JwtVerifier::addKey(const SigningKey& key)
{
    if (key.isNull() || key.kid().isEmpty())
        return false;
    m_keys.insert(key.kid(), key);
    return true;
}

bool JwtVerifier::removeKey(const QString& kid)
{
    return m_keys.remove(kid) > 0;
}

void JwtVerifier::clear()
{
    m_keys.clear();
}

QStringList JwtVerifier::kids() const
{
    return m_keys.keys();
}

std::optional<SigningKey> JwtVerifier::key(const QString& kid) const
{
    const auto it = m_keys.constFind(kid);
    if (it == m_keys.cend())
        return std::nullopt;
    return it.value();
}

VerifyResult JwtVerifier::verify(QByteArrayView token, const VerifyOptions& options) const
{
    auto decoded = decodeJwt(token);
    if (!decoded)
        return failure("malformed");
    const QJsonObject& header = decoded->header;

    // Extensions we do not implement must not be silently ignored (RFC 7515 §4.1.11).
    if (header.contains(QLatin1String("crit")))
        return failure("malformed");
    const QJsonValue algValue = header.value(QLatin1String("alg"));
    if (!algValue.isString())
        return failure("malformed");
    const std::optional<JwsAlgorithm> alg = parseAlgorithm(algValue.toString());
    if (!alg || (!options.allowedAlgorithms.isEmpty() && !options.allowedAlgorithms.contains(*alg)))
        return failure("alg_mismatch");
    const QJsonValue kid = header.value(QLatin1String("kid"));
    const auto key = kid.isString() ? m_keys.constFind(kid.toString()) : m_keys.cend();
    if (key == m_keys.cend())
        return failure("unknown_kid");
    // The key, not the token, decides the algorithm.
    if (key->algorithm() != *alg)
        return failure("alg_mismatch");
    if (!key->verify(decoded->signingInput, decoded->signature))
        return failure("bad_signature");

    // Only authenticated content from here on.
    if (!options.requiredType.isEmpty()) {
        const QJsonValue typ = header.value(QLatin1String("typ"));
        if (!typ.isString() || !sameMediaType(typ.toString(), options.requiredType))
            return failure("wrong_type");
    }
    const QJsonObject& claims = decoded->claims;
    const double now = static_cast<double>(options.nowSecs ? *options.nowSecs : Clock::nowSecs());
    const double leeway = static_cast<double>(std::max<qint64>(0, options.leewaySecs));
    bool datesValid = true;
    const auto exp = numericDate(claims, QLatin1String("exp"), &datesValid);
    const auto nbf = numericDate(claims, QLatin1String("nbf"), &datesValid);
    const auto iat = numericDate(claims, QLatin1String("iat"), &datesValid);
    if (!datesValid || !exp)
        return failure("malformed");
    // RFC 7519 §4.1.4: the token is valid strictly before exp.
    if (now >= *exp + leeway)
        return failure("expired");
    if ((nbf && now + leeway < *nbf) || (iat && *iat > now + leeway))
        return failure("not_yet_valid");
    if (!options.issuer.isEmpty()) {
        const QJsonValue iss = claims.value(QLatin1String("iss"));
        if (!iss.isString() || iss.toString() != options.issuer)
            return failure("wrong_issuer");
    }
    if (!options.audience.isEmpty() && !audienceMatches(claims.value(QLatin1String("aud")), options.audience))
        return failure("wrong_audience");

    VerifyResult result;
    result.ok = true;
    result.header = std::move(decoded->header);
    result.claims = std::move(decoded->claims);
    return result;
}

} // namespace auth::crypto
