#pragma once

#include "http/Router.h"
#include "threats/IntelFetcher.h"

#include <QMutex>
#include <QThreadPool>
#include <memory>

namespace auth::core {
struct ServiceContext;
}

namespace auth::threats {

class IpReputation;
class ThreatController;
class ThreatDetector;
struct IntelSnapshot;

// Threat detection as one unit for AuthService: the IP reputation lists, the
// detector the login flow consults (context.threats), and the admin routes.
class ThreatModule
{
public:
    explicit ThreatModule(core::ServiceContext& context);
    ~ThreatModule();
    void registerRoutes(http::Router& router);
    // Loads the configured deny and allow lists: files at once, downloads in the
    // background. A failure is logged and leaves the service running without them.
    void start();

    // Reloads every configured list (blocking; intel pool). All or nothing: on
    // an error the lists in force stay as they were.
    std::variant<std::shared_ptr<const IntelSnapshot>, IntelError> reload();
    IpReputation& reputation() { return *m_reputation; }
    ThreatDetector& detector() { return *m_detector; }
    // Where list downloads run, away from the request and SQL pools.
    QThreadPool* intelPool() { return &m_intelPool; }

private:
    core::ServiceContext& m_context;
    std::unique_ptr<IpReputation> m_reputation;
    std::unique_ptr<ThreatDetector> m_detector;
    std::unique_ptr<ThreatController> m_controller;
    FetchLimits m_limits;
    QMutex m_reloadMutex; // reloads one at a time, so swaps land in order
    QThreadPool m_intelPool;
};

} // namespace auth::threats
