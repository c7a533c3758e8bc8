#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Value types of the WebAuthn (W3C Web Authentication Level 2) ceremonies. Binary
// fields are raw bytes; the browser-facing JSON uses base64url for them.
namespace auth::mfa::webauthn {

// COSE algorithm identifiers (IANA "COSE Algorithms") this relying party accepts.
enum class CoseAlgorithm : int { ES256 = -7, RS256 = -257 };

// Authenticator data flag bits (WebAuthn §6.1).
enum AuthenticatorFlag : quint8 {
    FlagUserPresent = 0x01,
    FlagUserVerified = 0x04,
    FlagBackupEligible = 0x08,
    FlagBackedUp = 0x10,
    FlagAttestedCredentialData = 0x40,
    FlagExtensionData = 0x80,
};

enum class UserVerification { Required, Preferred, Discouraged };

// How far the attestation of a new credential was established.
enum class AttestationType {
    None, // fmt "none": nothing is claimed about the authenticator
    Self, // fmt "packed" without x5c: signed by the credential key itself
    BasicUnverifiedChain, // fmt "packed" with x5c: signature checked against the leaf
                          // certificate's key; the chain is NOT checked against a trust store
};

// Stable machine-readable reasons a ceremony was refused; `message` adds detail
// for logs and never contains challenge, key or signature material.
struct VerifyError
{
    QString code; // empty when there was no error
    QString message;
    bool isError() const { return !code.isEmpty(); }
};

// Error codes (VerifyError::code).
namespace errors {
inline constexpr const char* InvalidInput = "invalid_input"; // missing, oversized or undecodable field
inline constexpr const char* ClientDataInvalid = "client_data_invalid";
inline constexpr const char* TypeMismatch = "type_mismatch";
inline constexpr const char* ChallengeMismatch = "challenge_mismatch";
inline constexpr const char* OriginMismatch = "origin_mismatch";
inline constexpr const char* CrossOrigin = "cross_origin_not_allowed";
inline constexpr const char* TokenBinding = "token_binding_unsupported";
inline constexpr const char* CborInvalid = "cbor_invalid";
inline constexpr const char* AuthDataInvalid = "authenticator_data_invalid";
inline constexpr const char* RpIdMismatch = "rp_id_mismatch";
inline constexpr const char* UserNotPresent = "user_not_present";
inline constexpr const char* UserNotVerified = "user_not_verified";
inline constexpr const char* CredentialDataMissing = "attested_credential_data_missing";
inline constexpr const char* PublicKeyInvalid = "public_key_invalid";
inline constexpr const char* AlgorithmNotAllowed = "algorithm_not_allowed";
inline constexpr const char* UnsupportedAttestation = "unsupported_attestation_format";
inline constexpr const char* AttestationInvalid = "attestation_invalid";
inline constexpr const char* CredentialMismatch = "credential_mismatch";
inline constexpr const char* UserHandleMismatch = "user_handle_mismatch";
inline constexpr const char* SignatureInvalid = "signature_invalid";
inline constexpr const char* CounterRegression = "counter_regression";
} // namespace errors

// Upper bounds for untrusted inputs, in bytes.
namespace limits {
inline constexpr qsizetype ClientDataJson = 8 * 1024;
inline constexpr qsizetype AttestationObject = 64 * 1024;
inline constexpr qsizetype AuthenticatorData = 8 * 1024;
inline constexpr qsizetype Signature = 1024; // RSA-4096 is 512
inline constexpr qsizetype CredentialId = 1023; // WebAuthn §6.5.1 credentialIdLength
inline constexpr qsizetype UserHandle = 64; // WebAuthn §5.4.3
inline constexpr qsizetype ChallengeMin = 16; // §13.4.3: at least 16 bytes
inline constexpr qsizetype ChallengeMax = 64;
} // namespace limits

// What the relying party expects of one ceremony.
struct Expectations
{
    QByteArray challenge; // the raw bytes sent in the options and bound to the session
    QStringList origins; // exact origins accepted, e.g. "https://login.example.com"
    QString rpId; // e.g. "example.com"
    bool requireUserVerification = false;
    bool allowCrossOrigin = false; // clientData.crossOrigin true (iframes) refused unless set
};

// A credential as verifyRegistration returns it and the caller stores it.
struct RegisteredCredential
{
    QByteArray credentialId;
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    QByteArray publicKeySpki; // DER SubjectPublicKeyInfo; what verifyAssertion needs
    QByteArray cosePublicKey; // the COSE_Key bytes as the authenticator sent them
    quint32 signCount = 0;
    QByteArray aaguid; // 16 bytes; all zero for "none" and many platform authenticators
    quint8 flags = 0;
    bool userVerified = false;
    bool backupEligible = false;
    bool backedUp = false;
    QString attestationFormat; // "none" or "packed"
    AttestationType attestationType = AttestationType::None;
    QList<QByteArray> attestationCertificates; // DER, leaf first, for "packed" with x5c
};

struct RegistrationResult
{
    std::optional<RegisteredCredential> credential;
    VerifyError error;
    bool ok() const { return credential.has_value() && !error.isError(); }
};

// What the caller stored at registration and hands back for each assertion.
struct StoredCredential
{
    QByteArray credentialId;
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    QByteArray publicKeySpki;
    quint32 signCount = 0;
    QByteArray userHandle; // the user.id sent at registration
};

// The authenticator's response to navigator.credentials.get(), decoded from base64url.
struct AssertionResponse
{
    QByteArray credentialId; // rawId
    QByteArray clientDataJson;
    QByteArray authenticatorData;
    QByteArray signature;
    QByteArray userHandle; // may be empty (not a discoverable credential)
};

struct AssertionResult
{
    std::optional<quint32> newSignCount; // store it in place of the old one on success
    bool userVerified = false;
    bool backedUp = false;
    VerifyError error;
    bool ok() const { return newSignCount.has_value() && !error.isError(); }
};

} // namespace auth::mfa::webauthn
