#include "mfa/webauthn/Attestation.h"

#include "crypto/OpenSslSupport.h"
#include "mfa/webauthn/Cbor.h"
#include "mfa/webauthn/CoseKey.h"

#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace auth::mfa::webauthn {
namespace {

using namespace auth::crypto::detail;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

constexpr qsizetype kMaxCertificates = 5;
constexpr qsizetype kMaxCertificateSize = 8 * 1024;
// id-fido-gen-ce-aaguid (WebAuthn §8.2.1).
constexpr const char* kAaguidOid = "1.3.6.1.4.1.45724.1.1.4";

VerifyError invalid(const QString& message)
{
    return {QString::fromLatin1(errors::AttestationInvalid), message};
}

X509Ptr parseCertificate(const QByteArray& der)
{
    const unsigned char* cursor = bytes(der);
    X509Ptr cert(d2i_X509(nullptr, &cursor, long(der.size())));
    if (cert && cursor != bytes(der) + der.size())
        return {};
    return cert;
}

QString subjectEntry(X509* cert, int nid)
{
    X509_NAME* name = X509_get_subject_name(cert);
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    unsigned char* utf8 = nullptr;
    const int size = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (size < 0)
        return {};
    const QString value = QString::fromUtf8(reinterpret_cast<const char*>(utf8), size);
    OPENSSL_free(utf8);
    return value;
}

// §8.2.1 requirements on the attestation certificate that we can check without a
// trust store: X.509 v3, OU "Authenticator Attestation", not a CA, and the AAGUID
// extension (when present) non-critical and equal to the authenticator data's.
VerifyError checkLeafCertificate(X509* leaf, const QByteArray& aaguid)
{
    if (X509_get_version(leaf) != X509_VERSION_3)
        return invalid(QStringLiteral("the attestation certificate is not X.509 version 3"));
    if (subjectEntry(leaf, NID_organizationalUnitName) != QLatin1String("Authenticator Attestation"))
        return invalid(
            QStringLiteral("the attestation certificate's OU is not \"Authenticator Attestation\""));
    if (X509_check_ca(leaf) != 0)
        return invalid(QStringLiteral("the attestation certificate is a CA certificate"));
    std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT, ASN1_OBJECT_free>> oid(OBJ_txt2obj(kAaguidOid, 1));
    const int index = oid ? X509_get_ext_by_OBJ(leaf, oid.get(), -1) : -1;
    if (index >= 0) {
        X509_EXTENSION* extension = X509_get_ext(leaf, index);
        const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(extension);
        const QByteArray content(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                                 ASN1_STRING_length(value));
        if (X509_EXTENSION_get_critical(extension) || content != QByteArrayLiteral("\x04\x10") + aaguid)
            return invalid(
                QStringLiteral("the attestation certificate's AAGUID differs from the authenticator's"));
    }
    return {};
}

QByteArray leafSpki(X509* leaf, int* baseId)
{
    EVP_PKEY* key = X509_get0_pubkey(leaf);
    if (!key)
        return {};
    *baseId = EVP_PKEY_get_base_id(key);
    return subjectPublicKeyInfo(key);
}

VerifyError verifyPacked(const AttestationInput& input, RegisteredCredential* credential)
{
    const auto alg = cbor::toInt(cbor::mapValue(input.statement, "alg"));
    const auto sig = cbor::toBytes(cbor::mapValue(input.statement, "sig"));
    const cbor_item_t* x5c = cbor::mapValue(input.statement, "x5c");
    if (!alg || !sig || sig->isEmpty() || sig->size() > limits::Signature)
        return invalid(QStringLiteral("packed attestation lacks alg or sig"));
    if (cbor::mapValue(input.statement, "ecdaaKeyId"))
        return {QString::fromLatin1(errors::UnsupportedAttestation),
                QStringLiteral("ECDAA attestation is not supported")};
    if (*alg != int(CoseAlgorithm::ES256) && *alg != int(CoseAlgorithm::RS256))
        return {QString::fromLatin1(errors::AlgorithmNotAllowed),
                QStringLiteral("attestation algorithm %1 is not supported").arg(*alg)};
    const auto algorithm = CoseAlgorithm(*alg);
    const QByteArray signedData = input.authenticatorData + input.clientDataHash;

    if (!x5c) {
        // Self attestation: signed by the new credential's own key, with its algorithm.
        if (algorithm != input.credentialKey.algorithm)
            return invalid(QStringLiteral("self attestation alg differs from the credential key's"));
        if (!verifySignature(algorithm, input.credentialKey.spkiDer, signedData, *sig))
            return invalid(QStringLiteral("the self-attestation signature is invalid"));
        credential->attestationType = AttestationType::Self;
        return {};
    }

    if (!cbor_isa_array(x5c) || cbor_array_size(x5c) == 0
        || qsizetype(cbor_array_size(x5c)) > kMaxCertificates)
        return invalid(
            QStringLiteral("x5c must be a non-empty array of at most %1 certificates").arg(kMaxCertificates));
    QList<QByteArray> chain;
    cbor_item_t** items = cbor_array_handle(x5c);
    for (size_t i = 0; i < cbor_array_size(x5c); ++i) {
        const auto der = cbor::toBytes(items[i]);
        if (!der || der->isEmpty() || der->size() > kMaxCertificateSize || !parseCertificate(*der))
            return invalid(QStringLiteral("x5c[%1] is not a DER certificate").arg(i));
        chain.append(*der);
    }
    const X509Ptr leaf = parseCertificate(chain.first());
    if (const VerifyError error = checkLeafCertificate(leaf.get(), input.aaguid); error.isError())
        return error;
    int baseId = 0;
    const QByteArray spki = leafSpki(leaf.get(), &baseId);
    const int expectedId = algorithm == CoseAlgorithm::RS256 ? EVP_PKEY_RSA : EVP_PKEY_EC;
    if (spki.isEmpty() || baseId != expectedId)
        return invalid(QStringLiteral("the attestation certificate's key does not match alg"));
    if (!verifySignature(algorithm, spki, signedData, *sig))
        return invalid(
            QStringLiteral("the attestation signature does not verify with the certificate's key"));
    credential->attestationType = AttestationType::BasicUnverifiedChain;
    credential->attestationCertificates = chain;
    return {};
}

} // namespace

VerifyError verifyAttestation(const AttestationInput& input, RegisteredCredential* credential)
{
    const ErrorQueueGuard guard;
    if (input.format == QLatin1String("none")) {
        if (cbor_map_size(input.statement) != 0)
            return invalid(QStringLiteral("\"none\" attestation must have an empty attStmt"));
        credential->attestationType = AttestationType::None;
        return {};
    }
    if (input.format == QLatin1String("packed"))
        return verifyPacked(input, credential);
    return {QString::fromLatin1(errors::UnsupportedAttestation),
            QStringLiteral("attestation format \"%1\" is not supported (none and packed are)")
                .arg(input.format.left(32))};
}

} // namespace auth::mfa::webauthn
