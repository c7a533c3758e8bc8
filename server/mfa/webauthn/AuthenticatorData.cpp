#include "mfa/webauthn/AuthenticatorData.h"

#include "mfa/webauthn/Cbor.h"

#include <QtEndian>

namespace auth::mfa::webauthn {
namespace {

constexpr qsizetype kFixedSize = 37; // rpIdHash 32, flags 1, signCount 4
constexpr qsizetype kAaguidSize = 16;

VerifyError invalid(const QString& message)
{
    return {QString::fromLatin1(errors::AuthDataInvalid), message};
}

} // namespace

std::optional<AuthenticatorData> parseAuthenticatorData(const QByteArray& raw, VerifyError* error)
{
    if (raw.size() < kFixedSize || raw.size() > limits::AuthenticatorData) {
        *error = invalid(QStringLiteral("authenticator data of %1 bytes").arg(raw.size()));
        return std::nullopt;
    }
    AuthenticatorData data;
    data.rpIdHash = raw.left(32);
    data.flags = quint8(raw.at(32));
    data.signCount = qFromBigEndian<quint32>(raw.constData() + 33);
    if (data.has(FlagBackedUp) && !data.has(FlagBackupEligible)) {
        *error = invalid(
            QStringLiteral("the backed-up flag is set on a credential that is not backup eligible"));
        return std::nullopt;
    }
    qsizetype offset = kFixedSize;
    if (data.has(FlagAttestedCredentialData)) {
        if (raw.size() < offset + kAaguidSize + 2) {
            *error = invalid(QStringLiteral("attested credential data is truncated"));
            return std::nullopt;
        }
        data.aaguid = raw.mid(offset, kAaguidSize);
        offset += kAaguidSize;
        const quint16 idLength = qFromBigEndian<quint16>(raw.constData() + offset);
        offset += 2;
        if (idLength == 0 || idLength > limits::CredentialId || raw.size() < offset + idLength) {
            *error = invalid(QStringLiteral("credential id length %1 is invalid").arg(idLength));
            return std::nullopt;
        }
        data.credentialId = raw.mid(offset, idLength);
        offset += idLength;
        QString why;
        const auto keyLength = cbor::scanItem(QByteArrayView(raw).sliced(offset), {}, &why);
        if (!keyLength) {
            *error
                = {QString::fromLatin1(errors::CborInvalid), QStringLiteral("credential public key: ") + why};
            return std::nullopt;
        }
        data.cosePublicKey = raw.mid(offset, *keyLength);
        offset += *keyLength;
    }
    if (data.has(FlagExtensionData)) {
        QString why;
        const auto length = cbor::scanItem(QByteArrayView(raw).sliced(offset), {}, &why);
        if (!length) {
            *error = {QString::fromLatin1(errors::CborInvalid), QStringLiteral("extensions: ") + why};
            return std::nullopt;
        }
        data.extensions = raw.mid(offset, *length);
        offset += *length;
        const cbor::ItemPtr map = cbor::decodeExact(data.extensions, &why);
        if (!map || !cbor_isa_map(map.get())) {
            *error = {QString::fromLatin1(errors::CborInvalid),
                      why.isEmpty() ? QStringLiteral("extensions are not a CBOR map")
                                    : QStringLiteral("extensions: ") + why};
            return std::nullopt;
        }
    }
    if (offset != raw.size()) {
        *error = invalid(
            QStringLiteral("%1 unexpected bytes after the authenticator data").arg(raw.size() - offset));
        return std::nullopt;
    }
    return data;
}

} // namespace auth::mfa::webauthn
