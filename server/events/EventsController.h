#pragma once

#include "events/EventStreamSession.h"
#include "http/Router.h"

namespace auth::core {
struct ServiceContext;
}

namespace auth::events {

// GET /admin/events (filtered, cursor-paged query of the event table) and
// GET /admin/events/stream (the same filter, live, over a WebSocket).
class EventsController
{
public:
    EventsController(core::ServiceContext& context, EventStreamSession::Limits streamLimits, int maxStreams);
    void registerRoutes(http::Router& router);

    static constexpr int DefaultLimit = 100;
    static constexpr int MaxLimit = 1000;

private:
    QFuture<http::HttpResponse> query(http::HttpRequest& request);
    QFuture<http::HttpResponse> stream(http::HttpRequest& request);

    core::ServiceContext& m_context;
    EventStreamSession::Limits m_streamLimits;
    int m_maxStreams;
};

} // namespace auth::events
