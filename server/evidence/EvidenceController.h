#pragma once

#include "evidence/EvidenceSignature.h"
#include "http/Router.h"

#include <QMutex>
#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::evidence {

// POST /admin/evidence answers a signed .tar.gz evidence bundle of a period
// (logs, security events, the admin audit trail, redacted configuration, key
// metadata, MANIFEST and MANIFEST.sig); GET /admin/evidence/public-key gives
// the key that verifies it (`auth-service --verify-evidence`).
class EvidenceController
{
public:
    explicit EvidenceController(core::ServiceContext& context)
        : m_context(context)
    {
    }
    void registerRoutes(http::Router& router);

    // Bundles above this many bytes of input are refused (413): ask for a shorter period.
    static constexpr qint64 kMaxInputBytes = qint64(256) * 1024 * 1024;

private:
    QFuture<http::HttpResponse> create(http::HttpRequest& request);
    QFuture<http::HttpResponse> publicKey(http::HttpRequest& request);
    std::optional<EvidenceKey> key(QSqlDatabase& db, QString* error);

    core::ServiceContext& m_context;
    QMutex m_mutex;
    std::optional<EvidenceKey> m_key;
};

} // namespace auth::evidence
