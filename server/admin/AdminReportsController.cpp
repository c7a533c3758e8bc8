#include "admin/AdminReportsController.h"

#include "accounts/PasswordPolicy.h"
#include "accounts/SessionStore.h"
#include "accounts/UserRepository.h"
#include "admin/AdminAccess.h"
#include "containment/AdminAction.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "http/HttpServer.h"
#include "http/TlsSettings.h"
#include "logging/Logger.h"
#include "storage/Database.h"
#include "tokens/TokenService.h"

#include <QJsonArray>
#include <QSslCipher>
#include <QUrl>
#include <QUrlQuery>

namespace auth::admin {

namespace {

using http::HttpResponse;

constexpr int kOwaspArgon2MemoryKiB = 19456; // OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1
constexpr int kOwaspArgon2Iterations = 2;

// An integer query parameter in [min, max], `fallback` when absent; nullopt when malformed.
std::optional<int> intParam(const http::HttpRequest& request, const QString& name, int fallback, int min,
                            int max)
{
    const QUrlQuery query = request.query();
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

QJsonArray tlsCiphers(const Config& config)
{
    static QMutex mutex;
    static QJsonArray cached;
    static bool loaded = false;
    QMutexLocker lock(&mutex);
    if (!loaded) {
        QString error;
        if (const auto tls = http::loadServerTls(config.string(QStringLiteral("tls.cert_path")),
                                                 config.string(QStringLiteral("tls.key_path")), &error)) {
            for (const QSslCipher& cipher : tls->ciphers())
                cached.append(cipher.name());
        }
        loaded = true;
    }
    return cached;
}

} // namespace

void AdminReportsController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/admin/users/inactive"),
               [this](http::HttpRequest& r) { return inactiveUsers(r); });
    router.add("GET", QStringLiteral("/admin/security/weak-passwords"),
               [this](http::HttpRequest& r) { return weakPasswords(r); });
    router.add("GET", QStringLiteral("/admin/security/encryption-status"),
               [this](http::HttpRequest& r) { return encryption(r); });
    router.add("GET", QStringLiteral("/admin/users/{id}/sessions"),
               [this](http::HttpRequest& r) { return listSessions(r); });
    router.add("DELETE", QStringLiteral("/admin/users/{id}/sessions"),
               [this](http::HttpRequest& r) { return revokeSessions(r); });
}

QFuture<HttpResponse> AdminReportsController::inactiveUsers(http::HttpRequest& request)
{
    const auto days = intParam(request, QStringLiteral("days"), 90, 1, 3650);
    const auto limit = intParam(request, QStringLiteral("limit"), 500, 1, 5000);
    if (!days || !limit)
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("days must be 1..3650 and limit 1..5000")));
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, days = *days, limit = *limit](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const qint64 now = Clock::nowSecs();
        const qint64 cutoff = now - qint64(days) * 86400;
        QJsonArray users;
        for (const accounts::User& user : accounts::UserRepository::inactiveSince(db, cutoff, limit)) {
            const qint64 lastActive = user.lastLoginAt > 0 ? user.lastLoginAt : user.createdAt;
            users.append(QJsonObject {
                {QStringLiteral("id"), user.id},
                {QStringLiteral("email"), user.email},
                {QStringLiteral("name"), user.name},
                {QStringLiteral("roles"), QJsonArray::fromStringList(user.roles)},
                {QStringLiteral("status"), user.toJson(Clock::nowMs()).value(QStringLiteral("status"))},
                {QStringLiteral("last_login"),
                 user.lastLoginAt > 0 ? QJsonValue(double(user.lastLoginAt)) : QJsonValue()},
                {QStringLiteral("created_at"), double(user.createdAt)},
                {QStringLiteral("days_inactive"), double((now - lastActive) / 86400)}});
        }
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("users"), users},
                                               {QStringLiteral("days"), days},
                                               {QStringLiteral("cutoff"), double(cutoff)},
                                               {QStringLiteral("count"), users.size()},
                                               {QStringLiteral("limit"), limit}});
    });
}

QFuture<HttpResponse> AdminReportsController::weakPasswords(http::HttpRequest& request)
{
    const auto below = intParam(request, QStringLiteral("below"), 60, 1, 101);
    const auto limit = intParam(request, QStringLiteral("limit"), 500, 1, 5000);
    if (!below || !limit)
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("below must be 1..101 and limit 1..5000")));
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, below = *below, limit = *limit](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const int policyMin = m_context.passwordPolicy ? m_context.passwordPolicy->minStrength()
                                                       : accounts::PasswordPolicy::kDefaultMinStrength;
        const qint64 now = Clock::nowSecs();
        QJsonArray weak;
        // users.password_strength is already 0..100 (zxcvbn bits * 100 / 80, capped).
        for (const accounts::User& user : accounts::UserRepository::weakPasswords(db, below, limit)) {
            QJsonArray reasons;
            if (user.passwordStrength < policyMin)
                reasons.append(QStringLiteral("below_policy_minimum"));
            reasons.append(QStringLiteral("below_threshold"));
            if (user.isAdmin())
                reasons.append(QStringLiteral("privileged_account"));
            if (user.passwordChangedAt > 0 && now - user.passwordChangedAt > 365 * 86400)
                reasons.append(QStringLiteral("unchanged_over_a_year"));
            weak.append(QJsonObject {{QStringLiteral("user_id"), user.id},
                                     {QStringLiteral("email"), user.email},
                                     {QStringLiteral("strength"), user.passwordStrength},
                                     {QStringLiteral("admin"), user.isAdmin()},
                                     {QStringLiteral("password_changed_at"), double(user.passwordChangedAt)},
                                     {QStringLiteral("reasons"), reasons}});
        }
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("weak_passwords"), weak},
                                               {QStringLiteral("threshold"), below},
                                               {QStringLiteral("policy_min_strength"), policyMin},
                                               {QStringLiteral("count"), weak.size()}});
    });
}

QJsonObject AdminReportsController::encryptionStatus(const core::ServiceContext& context)
{
    const Config& config = *context.config;
    const QString masterSource = config.string(QStringLiteral("jwt.master_key")).isEmpty()
        ? QStringLiteral("generated file (DATA_DIR/master.key)")
        : QStringLiteral("MASTER_KEY");
    auto sealed = [&](const QString& what, const QString& info) {
        return QJsonObject {
            {QStringLiteral("what"), what},
            {QStringLiteral("algorithm"), QStringLiteral("AES-256-GCM")},
            {QStringLiteral("key"), QStringLiteral("master key (HKDF-SHA256, \"%1\")").arg(info)},
            {QStringLiteral("key_source"), masterSource}};
    };
    auto hashed = [](const QString& what, const QString& algorithm) {
        return QJsonObject {{QStringLiteral("what"), what},
                            {QStringLiteral("algorithm"), algorithm},
                            {QStringLiteral("key"), QJsonValue()},
                            {QStringLiteral("reversible"), false}};
    };
    const QJsonArray atRest {
        sealed(QStringLiteral("signing private keys"), QStringLiteral("auth-service signing-key wrap v1")),
        sealed(QStringLiteral("evidence signing key"), QStringLiteral("auth-service evidence-key wrap v1")),
        hashed(QStringLiteral("passwords"), QStringLiteral("argon2id")),
        hashed(QStringLiteral("refresh tokens"), QStringLiteral("SHA-256")),
        hashed(QStringLiteral("authorization codes"), QStringLiteral("SHA-256")),
        hashed(QStringLiteral("OAuth client secrets"), QStringLiteral("SHA-256")),
    };
    const bool tls
        = context.http ? context.http->isTls() : !config.string(QStringLiteral("tls.cert_path")).isEmpty();
    const QJsonObject inTransit {
        {QStringLiteral("tls"), tls},
        {QStringLiteral("versions"),
         tls ? QJsonArray {QStringLiteral("TLSv1.2"), QStringLiteral("TLSv1.3")} : QJsonArray {}},
        {QStringLiteral("ciphers"), tls ? tlsCiphers(config) : QJsonArray {}},
        {QStringLiteral("force_https"), config.boolean(QStringLiteral("server.force_https"))},
        {QStringLiteral("hsts_max_age"),
         config.boolean(QStringLiteral("security.headers_enabled"))
             ? QJsonValue(double(config.integer(QStringLiteral("security.hsts_max_age"))))
             : QJsonValue()}};
    const QString databaseUrl = config.string(QStringLiteral("storage.database_url"));
    const bool postgres = databaseUrl.startsWith(QLatin1String("postgres"));
    const QString sslMode = QUrlQuery(QUrl(databaseUrl).query()).queryItemValue(QStringLiteral("sslmode"));
    const QJsonObject database {
        {QStringLiteral("backend"), postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite")},
        {QStringLiteral("connection_tls"),
         postgres
             ? QJsonValue(sslMode == QLatin1String("require") || sslMode.startsWith(QLatin1String("verify")))
             : QJsonValue()},
        {QStringLiteral("file_encryption"), false}};
    const qint64 memory = config.integer(QStringLiteral("password.argon2_memory_kib"));
    const qint64 iterations = config.integer(QStringLiteral("password.argon2_iterations"));
    const QJsonObject hashing {{QStringLiteral("algorithm"), QStringLiteral("argon2id")},
                               {QStringLiteral("memory_kib"), double(memory)},
                               {QStringLiteral("iterations"), double(iterations)},
                               {QStringLiteral("parallelism"),
                                double(config.integer(QStringLiteral("password.argon2_parallelism")))},
                               {QStringLiteral("meets_owasp_minimum"),
                                memory >= kOwaspArgon2MemoryKiB && iterations >= kOwaspArgon2Iterations}};
    // Secrets at rest are always sealed; the answer is whether the wire is too.
    return {{QStringLiteral("encryption_enabled"), tls},
            {QStringLiteral("at_rest"), atRest},
            {QStringLiteral("in_transit"), inTransit},
            {QStringLiteral("database"), database},
            {QStringLiteral("password_hashing"), hashing}};
}

QFuture<HttpResponse> AdminReportsController::encryption(http::HttpRequest& request)
{
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        return HttpResponse::json(200, encryptionStatus(m_context));
    });
}

QFuture<HttpResponse> AdminReportsController::listSessions(http::HttpRequest& request)
{
    const QUrlQuery query = request.query();
    const QString active = query.queryItemValue(QStringLiteral("active"));
    if (!active.isEmpty() && active != QLatin1String("true") && active != QLatin1String("false"))
        return http::ready(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                               QStringLiteral("active must be true or false")));
    const bool activeOnly = active != QLatin1String("false");
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, activeOnly](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const QString userId = call.request.pathParams.value(QStringLiteral("id"));
        if (!accounts::UserRepository::findById(db, userId))
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such user"));
        QJsonArray sessions;
        for (const accounts::Session& session : accounts::SessionStore::forUser(db, userId, activeOnly))
            sessions.append(session.toJson());
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("user_id"), userId},
                                               {QStringLiteral("sessions"), sessions},
                                               {QStringLiteral("count"), sessions.size()}});
    });
}

QFuture<HttpResponse> AdminReportsController::revokeSessions(http::HttpRequest& request)
{
    auto decoded = containment::decodeAdminAction(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return http::ready(*error);
    const containment::AdminAction action = std::get<containment::AdminAction>(decoded);
    const AdminCall call = adminCall(request, m_context);
    return m_context.database->run([this, call, action](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        const core::Principal admin = std::get<core::Principal>(auth);
        const QString userId = call.request.pathParams.value(QStringLiteral("id"));
        const QJsonObject parameters {{QStringLiteral("user_id"), userId},
                                      {QStringLiteral("dry_run"), action.dryRun}};
        if (!accounts::UserRepository::findById(db, userId)) {
            audit(admin, call.sourceIp, QStringLiteral("users.revoke_sessions"), action.reason, parameters,
                  QStringLiteral("not found"));
            return HttpResponse::error(404, QStringLiteral("not_found"), QStringLiteral("No such user"));
        }
        const int active = int(accounts::SessionStore::forUser(db, userId, true).size());
        if (action.dryRun) {
            audit(admin, call.sourceIp, QStringLiteral("users.revoke_sessions"), action.reason, parameters,
                  QStringLiteral("dry run"));
            return HttpResponse::json(200,
                                      QJsonObject {{QStringLiteral("dry_run"), true},
                                                   {QStringLiteral("user_id"), userId},
                                                   {QStringLiteral("sessions"), active}});
        }
        const int revoked
            = accounts::SessionStore::revokeForUser(db, userId, QString(), QStringLiteral("admin_revoked"));
        // Access tokens of this user issued up to now fail too, session or not.
        const qint64 notBefore = Clock::nowSecs();
        m_context.tokens->setNotBefore(db, userId, notBefore);
        auto event = core::requestEvent(events::SessionsRevoked, Severity::High, call.sourceIp,
                                        {{QStringLiteral("scope"), QStringLiteral("user")},
                                         {QStringLiteral("actor"), admin.userId},
                                         {QStringLiteral("reason"), action.reason},
                                         {QStringLiteral("sessions_revoked"), revoked}});
        event.userId = userId;
        core::recordEvent(event);
        audit(admin, call.sourceIp, QStringLiteral("users.revoke_sessions"), action.reason, parameters,
              QStringLiteral("revoked %1 sessions").arg(revoked));
        return HttpResponse::json(200,
                                  QJsonObject {{QStringLiteral("dry_run"), false},
                                               {QStringLiteral("user_id"), userId},
                                               {QStringLiteral("sessions_revoked"), revoked},
                                               {QStringLiteral("not_before"), double(notBefore)}});
    });
}

} // namespace auth::admin
