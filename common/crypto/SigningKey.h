#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <memory>
#include <optional>

namespace auth::crypto {

// The JWS algorithms we sign with (RFC 7518 §3.1, RFC 8037 §3.1). "none" is
// deliberately absent, so it can never be parsed into a usable value.
enum class JwsAlgorithm { RS256, ES256, EdDSA, HS256 };

// The JOSE "alg" name: "RS256", "ES256", "EdDSA", "HS256".
QString algorithmName(JwsAlgorithm algorithm);
// Case-sensitive, as JOSE names are; nullopt for "none" and anything unsupported.
std::optional<JwsAlgorithm> parseAlgorithm(QStringView name);

// A JWS signing or verification key: RSA-2048+ (RS256), P-256 (ES256), Ed25519
// (EdDSA) or an HMAC secret (HS256). Copies share the immutable OpenSSL key, so
// copying is cheap and concurrent sign()/verify() from many threads is safe; only
// the kid is per copy. A default-constructed key is null: sign() returns an empty
// array and verify() false.
class SigningKey
{
public:
    SigningKey();

    // A fresh key: RSA 2048 for RS256, P-256 for ES256, Ed25519 for EdDSA, 32
    // random bytes for HS256. Aborts if OpenSSL cannot generate keys at all.
    static SigningKey generate(JwsAlgorithm algorithm);
    // A PKCS#8 or traditional unencrypted PEM private key; the algorithm follows
    // from the key type. Refuses RSA under 2048 bits, EC curves other than P-256,
    // encrypted PEM (never prompts) and other key types.
    static std::optional<SigningKey> fromPrivatePem(const QByteArray& pem, QString* error = nullptr);
    // A verification-only key from a published JWK (RSA, EC P-256, OKP Ed25519).
    // Refuses JWKs carrying private parts, an "alg" other than the key type's, or a
    // "use" other than "sig". The JWK's kid, when present, becomes the key's kid.
    static std::optional<SigningKey> fromPublicJwk(const QJsonObject& jwk, QString* error = nullptr);
    // An HS256 key. Secrets shorter than 32 bytes (RFC 7518 §3.2) are refused with
    // a null key.
    static SigningKey hmac(const QByteArray& secret);

    bool isNull() const { return !m_d; }
    bool hasPrivateKey() const;
    // Meaningless on a null key (reports HS256); check isNull() first.
    JwsAlgorithm algorithm() const;

    // PKCS#8 PEM, unencrypted: callers must encrypt it at rest. Empty for HS256,
    // verification-only and null keys.
    QByteArray privatePem() const;
    // The public key as a JWK with kid, alg and "use":"sig". HS256 keys have no
    // public form: empty object.
    QJsonObject publicJwk() const;
    // RFC 7638 SHA-256 JWK thumbprint, base64url. Empty for HS256 keys.
    QString thumbprint() const;

    // Defaults to the thumbprint; for HS256 to an identifier derived from the
    // secret by HMAC, which reveals nothing about it.
    QString kid() const;
    void setKid(const QString& kid);

    // The JWS signature over `signingInput` (ES256: 64-byte R||S; RS256: modulus
    // size; EdDSA: 64 bytes; HS256: 32 bytes). Empty if the key cannot sign.
    QByteArray sign(QByteArrayView signingInput) const;
    // Whether `signature` is a valid JWS signature of `signingInput` under this key.
    bool verify(QByteArrayView signingInput, QByteArrayView signature) const;

private:
    struct Data;
    explicit SigningKey(std::shared_ptr<const Data> data);

    std::shared_ptr<const Data> m_d;
    QString m_kid;
};

} // namespace auth::crypto
