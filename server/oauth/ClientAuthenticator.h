#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "oauth/ClientRepository.h"

#include <QUrlQuery>
#include <variant>

namespace auth::core {
struct ServiceContext;
}

namespace auth::oauth {

// What a pool job needs from an OAuth request; the request may be gone by then.
struct OAuthCall
{
    QString requestId;
    QString sourceIp;
    QHostAddress client;
    QByteArray authorization;
    QByteArray cookie;
    QUrlQuery form;
    bool secure = false;
    QString userAgent; // first 256 characters
};
OAuthCall oauthCall(const http::HttpRequest& request, const core::ServiceContext& context);

// A fully decoded form parameter ("" when absent).
QString formValue(const QUrlQuery& form, const QString& name);

// An RFC 6749 §5.2 error ({"error", "error_description"}) that is never cached.
http::HttpResponse oauthError(int status, const QString& code, const QString& description);
// RFC 6749 §5.1: token responses must not be cached.
http::HttpResponse& noStore(http::HttpResponse& response);

// The client credentials of a token, introspection or revocation request:
// HTTP Basic (client_secret_basic, RFC 6749 §2.3.1, form-urlencoded id and
// secret), client_id/client_secret in the body (client_secret_post), or a bare
// client_id (public clients). Using two methods at once is an error.
struct ClientCredentials
{
    enum class Method { None, Basic, Post };
    QString clientId;
    QString secret;
    Method method = Method::None;
};
std::variant<ClientCredentials, http::HttpResponse> readClientCredentials(const OAuthCall& call);

// Authenticates the client: a confidential client must present its secret,
// a public one only its id (refused when `confidentialOnly`). Failures are 401
// invalid_client (with a Basic challenge when Basic was used) and are logged as
// authentication_failure without the secret.
std::variant<OAuthClient, http::HttpResponse> authenticateClient(ClientRepository& clients, QSqlDatabase& db,
                                                                 const ClientCredentials& credentials,
                                                                 bool confidentialOnly,
                                                                 const OAuthCall& call);

} // namespace auth::oauth
