#pragma once

#include "http/HttpRequest.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace auth::core {

using Subnet = QPair<QHostAddress, int>;

// The address a request is accounted to: the socket peer, or the right-most
// X-Forwarded-For hop that is not itself a trusted proxy, when the peer is one of
// `trustedProxies`. A spoofed header from anybody else changes nothing.
QHostAddress clientAddress(const http::HttpRequest& request, const QList<Subnet>& trustedProxies);
// HTTPS as the client saw it: our own TLS, or X-Forwarded-Proto from a trusted proxy.
bool isSecureRequest(const http::HttpRequest& request, const QList<Subnet>& trustedProxies);
bool inSubnets(const QHostAddress& address, const QList<Subnet>& subnets);
QList<Subnet> parseSubnets(const QStringList& cidrs);

} // namespace auth::core
