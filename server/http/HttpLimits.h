#pragma once

#include <QtGlobal>

namespace auth::http {

// Bounds enforced beneath the routes, before a handler sees anything.
struct HttpLimits
{
    qint64 maxBodyBytes = 1 << 20;
    qint64 maxHeaderBytes = 16 * 1024; // request line excluded
    int maxHeaders = 100;
    qint64 maxUriBytes = 8 * 1024;
    int headerTimeoutMs = 10'000; // TLS handshake + request head + each body stall
    int idleTimeoutMs = 60'000; // between requests on a kept-alive connection
    int maxConnections = 10'000;
};

} // namespace auth::http
