#include "TestTls.h"

#include <QDateTime>
#include <QFile>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace auth::test {

bool writeSelfSignedCertificate(const QString& certPath, const QString& keyPath, QString* error,
                                const QByteArray& commonName)
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    if (!key || !cert) {
        *error = QStringLiteral("key generation failed");
        return false;
    }
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), long(QDateTime::currentSecsSinceEpoch()));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const char* ext :
         {"subjectAltName=IP:127.0.0.1,DNS:localhost", "basicConstraints=critical,CA:TRUE"}) {
        const QByteArray spec(ext);
        const int eq = int(spec.indexOf('='));
        X509_EXTENSION* extension
            = X509V3_EXT_conf(nullptr, &ctx, spec.left(eq).constData(), spec.mid(eq + 1).constData());
        if (!extension) {
            *error = QStringLiteral("extension failed");
            return false;
        }
        X509_add_ext(cert.get(), extension, -1);
        X509_EXTENSION_free(extension);
    }
    if (!X509_sign(cert.get(), key.get(), EVP_sha256())) {
        *error = QStringLiteral("signing failed");
        return false;
    }
    auto writeBio = [error](const QString& path, auto writer) {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
        writer(bio.get());
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio.get(), &data);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data, size) != size) {
            *error = file.errorString();
            return false;
        }
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return true;
    };
    return writeBio(certPath, [&](BIO* bio) { PEM_write_bio_X509(bio, cert.get()); })
        && writeBio(keyPath, [&](BIO* bio) {
               PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
           });
}

} // namespace auth::test
