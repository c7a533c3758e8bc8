#pragma once

#include "config/Config.h"
#include "evidence/EvidenceSignature.h"

#include <QSqlDatabase>

namespace auth::core {
struct ServiceContext;
}

namespace auth::evidence {

struct BundleRequest
{
    QString id;
    qint64 since = 0; // seconds, inclusive
    qint64 until = 0; // seconds, inclusive
    QString reason;
    QString actor;
    QString sourceIp;
};

struct Bundle
{
    QByteArray archive; // tar.gz
    QString sha256; // hex, of `archive`
    int files = 0;
    int events = 0;
};

// Collects the period's evidence from the log directory, configuration and key
// store, redacts any configured secret that would otherwise appear, writes the
// MANIFEST and its signature. Runs on the database pool. `tooLarge` is set when
// the logs exceed `maxInputBytes`.
std::optional<Bundle> buildBundle(const core::ServiceContext& context, QSqlDatabase& db,
                                  const EvidenceKey& key, const BundleRequest& request, qint64 maxInputBytes,
                                  bool* tooLarge, QString* error);

// Every configured secret value (JWT secret, master key, imported RSA key,
// bootstrap password, database and Redis passwords), for redaction and tests.
QList<QByteArray> configuredSecrets(const Config& config);

} // namespace auth::evidence
