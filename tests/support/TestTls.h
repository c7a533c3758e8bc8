#pragma once

#include <QByteArray>
#include <QString>

namespace auth::test {

// A fresh self-signed P-256 certificate for 127.0.0.1/localhost, made with
// OpenSSL EVP, written as PEM files. Returns false with `error` on failure.
bool writeSelfSignedCertificate(const QString& certPath, const QString& keyPath, QString* error,
                                const QByteArray& commonName = "127.0.0.1");

} // namespace auth::test
