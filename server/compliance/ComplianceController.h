#pragma once

#include "compliance/ComplianceChecks.h"
#include "http/Router.h"

#include <QMutex>
#include <QSqlDatabase>
#include <atomic>

namespace auth::core {
struct ServiceContext;
}

namespace auth::compliance {

// GET /compliance/summary and GET /compliance/violations (admin only), computed
// from the live configuration and database and cached for a few seconds.
// Fills ServiceContext::highComplianceViolations for the alert rules.
class ComplianceController
{
public:
    explicit ComplianceController(core::ServiceContext& context);
    ~ComplianceController();
    void registerRoutes(http::Router& router);

    // The checks, recomputed when the cache is older than kCacheMs (database pool).
    QList<Check> checks(QSqlDatabase& db, qint64* generatedAtMs = nullptr);
    static ServiceFacts gatherFacts(QSqlDatabase& db, const core::ServiceContext& context);

    static constexpr qint64 kCacheMs = 5000;

private:
    QFuture<http::HttpResponse> answer(http::HttpRequest& request, bool summaryView);

    core::ServiceContext& m_context;
    QMutex m_mutex;
    QList<Check> m_cached;
    qint64 m_cachedAtMs = 0;
    std::atomic<int> m_highOrWorse {0};
    std::atomic<bool> m_refreshing {false};
};

} // namespace auth::compliance
