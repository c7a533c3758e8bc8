#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace auth::console {

// Why a request produced no usable answer, with a message ready for the user.
struct ApiError
{
    enum class Kind {
        InvalidProfile, // the profile was refused before anything was sent
        Network, // refused, unreachable, reset, timed out
        UntrustedCertificate, // verification against the CA file or system CAs failed
        PinMismatch, // the leaf certificate is not the pinned one
        Tls, // handshake failed for another reason (protocol, not TLS at all)
        Http, // an answer with an unexpected status code
        Protocol, // an answer that is not what the contract says
    };

    Kind kind = Kind::Network;
    QString path; // the API path that was requested
    QString message; // one or two sentences for the user, translated
    int httpStatus = 0;
    QString errorCode; // the server's machine-readable "error", when it sent one
    QByteArray presentedSha256; // SHA-256 (hex) of the certificate the server presented
    QStringList tlsErrors; // what verification found, translated by Qt

    // The certificate could be trusted by pinning presentedSha256.
    bool offersTrustOnFirstUse() const
    {
        return kind == Kind::UntrustedCertificate && !presentedSha256.isEmpty();
    }
    bool isTlsProblem() const
    {
        return kind == Kind::UntrustedCertificate || kind == Kind::PinMismatch || kind == Kind::Tls;
    }
};

} // namespace auth::console
