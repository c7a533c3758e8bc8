#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>

namespace auth::test {

// A software WebAuthn authenticator for tests, built on OpenSSL and libcbor: it
// makes one ES256 or RS256 credential, answers create() with an attestationObject
// ("none", "packed" self attestation, or "packed" with an x5c leaf certificate),
// and get() with assertions whose signature counter advances. Origin, RP id, flags,
// clientData type and counter are settable so tests can produce wrong answers.
class SoftAuthenticator
{
public:
    enum class Algorithm { ES256, RS256 };
    enum class Attestation { None, PackedSelf, PackedX5c };

    // Flag bits as in the authenticator data.
    static constexpr quint8 UP = 0x01;
    static constexpr quint8 UV = 0x04;
    static constexpr quint8 BE = 0x08;
    static constexpr quint8 BS = 0x10;

    struct Options
    {
        QString rpId = QStringLiteral("localhost");
        QString origin = QStringLiteral("https://localhost");
        Algorithm algorithm = Algorithm::ES256;
        Attestation attestation = Attestation::None;
        quint8 flags = UP | UV;
        quint32 counter = 0; // value before the first assertion
        quint32 counterStep = 1; // 0 imitates authenticators without a counter
        QByteArray aaguid = QByteArray(16, '\0');
    };

    struct Registration
    {
        QByteArray credentialId;
        QByteArray clientDataJson;
        QByteArray attestationObject;
        QByteArray authenticatorData;
        QJsonObject toJson() const; // PublicKeyCredential.toJSON() shape
    };

    struct Assertion
    {
        QByteArray credentialId;
        QByteArray clientDataJson;
        QByteArray authenticatorData;
        QByteArray signature;
        QByteArray userHandle;
        QJsonObject toJson() const;
    };

    SoftAuthenticator();
    explicit SoftAuthenticator(Options options);
    ~SoftAuthenticator();
    SoftAuthenticator(const SoftAuthenticator&) = delete;
    SoftAuthenticator& operator=(const SoftAuthenticator&) = delete;

    // navigator.credentials.create() for this challenge and user handle.
    Registration makeCredential(const QByteArray& challenge, const QByteArray& userHandle);
    // Same, reading challenge and user.id from creation options JSON.
    Registration makeCredential(const QJsonObject& creationOptions);
    // navigator.credentials.get(): the counter advances by counterStep first.
    Assertion getAssertion(const QByteArray& challenge);

    Options& options() { return m_options; }
    QByteArray credentialId() const { return m_credentialId; }
    // Overrides for wrong answers: the clientData "type", and the attestation "fmt".
    void setClientDataType(const QString& type) { m_typeOverride = type; }
    void setFormatOverride(const QString& fmt) { m_formatOverride = fmt; }

    // clientDataJSON as browsers serialise it.
    static QByteArray clientDataJson(const QString& type, const QByteArray& challenge, const QString& origin,
                                     bool crossOrigin = false);

private:
    struct Keys;
    QByteArray authenticatorData(bool withCredential) const;
    QByteArray cosePublicKey() const;
    QByteArray sign(bool attestationKey, const QByteArray& data) const;
    QByteArray attestationObject(const QByteArray& authData, const QByteArray& clientDataHash) const;

    Options m_options;
    std::unique_ptr<Keys> m_keys;
    QByteArray m_credentialId;
    QByteArray m_userHandle;
    QString m_typeOverride;
    QString m_formatOverride;
};

} // namespace auth::test
