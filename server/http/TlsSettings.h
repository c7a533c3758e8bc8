#pragma once

#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace auth::http {

// Server TLS: TLS 1.2 or later, forward-secret AEAD suites only. Checks that the
// key file matches the certificate, so a mismatch is a start-up error and not a
// handshake failure for every client.
std::optional<QSslConfiguration> loadServerTls(const QString& certPath, const QString& keyPath,
                                               QString* error);

} // namespace auth::http
