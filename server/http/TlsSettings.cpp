#include "http/TlsSettings.h"

#include <QFile>
#include <QSslCipher>
#include <QSslKey>
#include <memory>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace auth::http {

namespace {

bool keyMatchesCertificate(const QByteArray& certPem, const QByteArray& keyPem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(
        BIO_new_mem_buf(certPem.constData(), int(certPem.size())), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                     BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr), X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    return cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
}

} // namespace

std::optional<QSslConfiguration> loadServerTls(const QString& certPath, const QString& keyPath,
                                               QString* error)
{
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("TLS_CERT_PATH: cannot read %1: %2").arg(certPath, certFile.errorString());
        return std::nullopt;
    }
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("TLS_KEY_PATH: cannot read %1: %2").arg(keyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray certPem = certFile.readAll();
    const QByteArray keyPem = keyFile.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("TLS_CERT_PATH: %1 holds no PEM certificate").arg(certPath);
        return std::nullopt;
    }
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("TLS_KEY_PATH: %1 holds no unencrypted RSA or EC private key").arg(keyPath);
        return std::nullopt;
    }
    if (!keyMatchesCertificate(certPem, keyPem)) {
        *error = QStringLiteral("TLS_KEY_PATH: the key does not match the certificate in TLS_CERT_PATH");
        return std::nullopt;
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setLocalCertificate(chain.first());
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    QList<QSslCipher> ciphers;
    for (const QSslCipher& cipher : QSslConfiguration::supportedCiphers()) {
        const QString name = cipher.name();
        const bool tls13 = cipher.protocol() == QSsl::TlsV1_3 || name.startsWith(QLatin1String("TLS_"));
        const bool forwardSecretAead = name.startsWith(QLatin1String("ECDHE-"))
            && (name.contains(QLatin1String("GCM")) || name.contains(QLatin1String("CHACHA20")));
        if (tls13 || forwardSecretAead)
            ciphers.append(cipher);
    }
    config.setCiphers(ciphers);
    return config;
}

} // namespace auth::http
