#include "oauth/ClientAuthenticator.h"

#include "core/ClientAddress.h"
#include "core/Events.h"
#include "core/ServiceContext.h"

#include <QUrl>

namespace auth::oauth {

namespace {

using http::HttpResponse;

// RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
QString formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QUrl::fromPercentEncoding(text);
}

} // namespace

OAuthCall oauthCall(const http::HttpRequest& request, const core::ServiceContext& context)
{
    OAuthCall call;
    call.requestId = request.requestId;
    call.client = core::clientAddress(request, context.trustedProxies);
    call.sourceIp = call.client.toString();
    call.authorization = request.header("authorization");
    call.cookie = request.header("cookie");
    call.secure = core::isSecureRequest(request, context.trustedProxies);
    call.userAgent = QString::fromUtf8(request.header("user-agent").left(256));
    return call;
}

QString formValue(const QUrlQuery& form, const QString& name)
{
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

HttpResponse& noStore(HttpResponse& response)
{
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse oauthError(int status, const QString& code, const QString& description)
{
    HttpResponse response = HttpResponse::error(status, code, description);
    return noStore(response);
}

std::variant<ClientCredentials, HttpResponse> readClientCredentials(const OAuthCall& call)
{
    ClientCredentials credentials;
    const QString postId = formValue(call.form, QStringLiteral("client_id"));
    const bool postSecret = call.form.hasQueryItem(QStringLiteral("client_secret"));
    if (!call.authorization.isEmpty()) {
        if (call.authorization.size() < 7 || qstrnicmp(call.authorization.constData(), "basic ", 6) != 0) {
            HttpResponse response = oauthError(401, QStringLiteral("invalid_client"),
                                               QStringLiteral("Client authentication must use HTTP Basic"));
            response.setHeader("WWW-Authenticate", "Basic realm=\"auth-service\"");
            return response;
        }
        const auto decoded = QByteArray::fromBase64Encoding(call.authorization.mid(6).trimmed(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 1) {
            HttpResponse response = oauthError(401, QStringLiteral("invalid_client"),
                                               QStringLiteral("Malformed HTTP Basic credentials"));
            response.setHeader("WWW-Authenticate", "Basic realm=\"auth-service\"");
            return response;
        }
        if (postSecret || (!postId.isEmpty() && postId != formDecode(decoded.decoded.left(colon))))
            return oauthError(400, QStringLiteral("invalid_request"),
                              QStringLiteral("Use exactly one client authentication method"));
        credentials.method = ClientCredentials::Method::Basic;
        credentials.clientId = formDecode(decoded.decoded.left(colon));
        credentials.secret = formDecode(decoded.decoded.mid(colon + 1));
        return credentials;
    }
    if (postId.isEmpty())
        return oauthError(401, QStringLiteral("invalid_client"),
                          QStringLiteral("Client authentication is required"));
    credentials.clientId = postId;
    if (postSecret) {
        credentials.method = ClientCredentials::Method::Post;
        credentials.secret = formValue(call.form, QStringLiteral("client_secret"));
    }
    return credentials;
}

std::variant<OAuthClient, HttpResponse> authenticateClient(ClientRepository& clients, QSqlDatabase& db,
                                                           const ClientCredentials& credentials,
                                                           bool confidentialOnly, const OAuthCall& call)
{
    const auto client = clients.find(db, credentials.clientId);
    auto fail = [&](const QString& reason, const QString& description) {
        const QString method = credentials.method == ClientCredentials::Method::Basic
            ? QStringLiteral("client_secret_basic")
            : credentials.method == ClientCredentials::Method::Post ? QStringLiteral("client_secret_post")
                                                                    : QStringLiteral("none");
        core::recordEvent(core::requestEvent(events::AuthenticationFailure, Severity::Medium, call.sourceIp,
                                             {{QStringLiteral("reason"), reason},
                                              {QStringLiteral("client_id"), credentials.clientId.left(128)},
                                              {QStringLiteral("auth_method"), method}}));
        HttpResponse response = oauthError(401, QStringLiteral("invalid_client"), description);
        if (credentials.method == ClientCredentials::Method::Basic)
            response.setHeader("WWW-Authenticate", "Basic realm=\"auth-service\"");
        return response;
    };
    const QString failed = QStringLiteral("Client authentication failed");
    if (!client)
        return fail(QStringLiteral("unknown_client"), failed);
    if (client->disabled)
        return fail(QStringLiteral("client_disabled"), failed);
    if (client->confidential) {
        if (credentials.method == ClientCredentials::Method::None)
            return fail(QStringLiteral("client_secret_missing"), failed);
        if (!client->secretMatches(credentials.secret))
            return fail(QStringLiteral("invalid_client_secret"), failed);
        return *client;
    }
    if (confidentialOnly)
        return fail(QStringLiteral("public_client_not_allowed"),
                    QStringLiteral("Only confidential clients may use this endpoint"));
    if (credentials.method != ClientCredentials::Method::None)
        return fail(QStringLiteral("public_client_with_secret"), failed);
    return *client;
}

} // namespace auth::oauth
