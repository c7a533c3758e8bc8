#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "http/Router.h"

#include <QFuture>

namespace auth::core {
struct ServiceContext;
}

namespace auth::threats {

class ThreatModule;

// Admin routes of threat detection: POST /admin/threat-intel/update,
// GET /admin/threats/summary and GET /admin/threats/risk.
class ThreatController
{
public:
    ThreatController(core::ServiceContext& context, ThreatModule& module)
        : m_context(context)
        , m_module(module)
    {
    }
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> updateIntel(http::HttpRequest& request);
    QFuture<http::HttpResponse> summary(http::HttpRequest& request);
    QFuture<http::HttpResponse> risk(http::HttpRequest& request);

    core::ServiceContext& m_context;
    ThreatModule& m_module;
};

} // namespace auth::threats
