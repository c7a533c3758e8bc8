#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <variant>

namespace auth::core {

struct ServiceContext;

// Who a valid access token speaks for, after signature, time, issuer and
// revocation checks, with roles read fresh from the account.
struct Principal
{
    QString subject;
    QString userId; // empty for client_credentials tokens
    QString sessionId;
    QString clientId;
    QString scope;
    QString jti;
    qint64 expiresAt = 0;
    QStringList roles;
    bool mfa = false;
    QJsonObject claims;
    bool isAdmin() const { return roles.contains(QStringLiteral("admin")); }
};

// A 401 in the RFC 6750 form, with the project's JSON error body.
http::HttpResponse unauthorized(const QString& description,
                                const QString& error = QStringLiteral("invalid_token"));

// Validates the request's Bearer token (database: call on a pool thread).
std::variant<Principal, http::HttpResponse>
authenticateBearer(const http::HttpRequest& request, QSqlDatabase& db, const ServiceContext& context);
// The same for a raw token (introspection).
std::variant<Principal, QString> validateAccessToken(QByteArrayView token, QSqlDatabase& db,
                                                     const ServiceContext& context);

} // namespace auth::core
