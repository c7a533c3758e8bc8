#pragma once

#include "crypto/SigningKey.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace auth::crypto {

struct VerifyOptions
{
    QString issuer; // required "iss" when not empty
    QString audience; // must be "aud" or one of its elements when not empty
    qint64 leewaySecs = 60; // clock skew tolerated on exp, nbf and iat
    std::optional<qint64> nowSecs; // seconds since the epoch; auth::Clock::nowSecs() when unset
    QString requiredType; // header "typ" (e.g. "at+jwt"; "application/" prefix optional) when not empty
    QList<JwsAlgorithm> allowedAlgorithms; // any algorithm of the verifier's keys when empty
};

struct VerifyResult
{
    bool ok = false;
    // Short machine reason on failure: "malformed", "unknown_kid", "alg_mismatch",
    // "bad_signature", "expired", "not_yet_valid", "wrong_issuer", "wrong_audience",
    // "wrong_type".
    QString error;
    // Filled only when ok, so claims of a rejected token cannot be used by mistake.
    QJsonObject header;
    QJsonObject claims;
};

// Verifies compact JWS tokens against a set of keys selected by "kid", following
// RFC 8725: the key fixes the algorithm (the header's "alg" must name exactly
// the key's algorithm, so "none" and RS256/HS256 confusion cannot happen), a
// token without a known kid is refused, any "crit" header is refused as
// malformed, key-carrying headers (jwk, jku, x5u, x5c) are ignored, and "exp" is
// required. verify() is const and may run concurrently; changing the key set
// needs external synchronisation.
class JwtVerifier
{
public:
    JwtVerifier() = default;
    explicit JwtVerifier(const QList<SigningKey>& keys);

    // Adds or replaces the key under key.kid(); false for null keys or an empty kid.
    bool addKey(const SigningKey& key);
    bool removeKey(const QString& kid);
    void clear();
    QStringList kids() const;
    std::optional<SigningKey> key(const QString& kid) const;

    VerifyResult verify(QByteArrayView token, const VerifyOptions& options = {}) const;

private:
    QHash<QString, SigningKey> m_keys;
};

} // namespace auth::crypto
