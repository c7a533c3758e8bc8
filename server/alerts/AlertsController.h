#pragma once

#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::alerts {

// GET /admin/alerts (state filter, cursor paging) and POST /admin/alerts/{id}/ack.
class AlertsController
{
public:
    explicit AlertsController(core::ServiceContext& context);
    void registerRoutes(http::Router& router);

private:
    QFuture<http::HttpResponse> list(http::HttpRequest& request);
    QFuture<http::HttpResponse> acknowledge(http::HttpRequest& request);

    core::ServiceContext& m_context;
};

} // namespace auth::alerts
