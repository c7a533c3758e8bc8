#include "compliance/ComplianceController.h"

#include "accounts/PasswordPolicy.h"
#include "admin/AdminAccess.h"
#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "http/HttpServer.h"
#include "logging/Logger.h"
#include "storage/Database.h"
#include "tokens/KeyManager.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QThread>

namespace auth::compliance {

namespace {

using http::HttpResponse;

int scalar(QSqlQuery& query)
{
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

} // namespace

ComplianceController::ComplianceController(core::ServiceContext& context)
    : m_context(context)
{
    // Alert rules read the last computed count and never wait for the database;
    // a stale count is refreshed in the background for their next look.
    m_context.highComplianceViolations = [this] {
        bool stale = false;
        {
            QMutexLocker lock(&m_mutex);
            stale = QDateTime::currentMSecsSinceEpoch() - m_cachedAtMs >= kCacheMs;
        }
        if (stale && m_context.database && !m_refreshing.exchange(true)) {
            m_context.database->run([this](QSqlDatabase& db) {
                checks(db);
                m_refreshing.store(false);
            });
        }
        return m_highOrWorse.load();
    };
}

ComplianceController::~ComplianceController()
{
    m_context.highComplianceViolations = nullptr;
    while (m_refreshing.load())
        QThread::msleep(5);
}

void ComplianceController::registerRoutes(http::Router& router)
{
    router.add("GET", QStringLiteral("/compliance/summary"),
               [this](http::HttpRequest& r) { return answer(r, true); });
    router.add("GET", QStringLiteral("/compliance/violations"),
               [this](http::HttpRequest& r) { return answer(r, false); });
}

ServiceFacts ComplianceController::gatherFacts(QSqlDatabase& db, const core::ServiceContext& context)
{
    ServiceFacts facts;
    facts.tls = context.http ? context.http->isTls()
                             : !context.config->string(QStringLiteral("tls.cert_path")).isEmpty();
    facts.logsWritable = Logger::instance().isWritable();
    facts.passwordMinLength = accounts::PasswordPolicy::kMinLength;
    facts.passwordMinStrength = context.passwordPolicy ? context.passwordPolicy->minStrength()
                                                       : accounts::PasswordPolicy::kDefaultMinStrength;
    const QString admin = QStringLiteral("%admin%");
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE roles LIKE ?"));
    query.addBindValue(admin);
    facts.admins = scalar(query);
    // users.mfa_required is the account's own MFA flag; the MFA module sets it
    // on enrolment (MFA_REQUIRED_FOR_ADMIN enforces it at sign-in).
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE roles LIKE ? AND mfa_required = ?"));
    query.addBindValue(admin);
    query.addBindValue(false);
    facts.adminsWithoutMfa = scalar(query);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE password_strength < ?"));
    query.addBindValue(facts.passwordMinStrength);
    facts.weakPasswordUsers = scalar(query);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE password_strength < ? AND roles LIKE ?"));
    query.addBindValue(facts.passwordMinStrength);
    query.addBindValue(admin);
    facts.weakPasswordAdmins = scalar(query);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE COALESCE(last_login_at, created_at) < ?"));
    query.addBindValue(Clock::nowSecs() - 90 * 86400);
    facts.inactiveUsers = scalar(query);
    facts.activeKeyAgeSecs = context.keys ? context.keys->activeKeyAgeSecs() : 0;
    return facts;
}

QList<Check> ComplianceController::checks(QSqlDatabase& db, qint64* generatedAtMs)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_cachedAtMs > 0 && QDateTime::currentMSecsSinceEpoch() - m_cachedAtMs < kCacheMs) {
            if (generatedAtMs)
                *generatedAtMs = m_cachedAtMs;
            return m_cached;
        }
    }
    const QList<Check> fresh = evaluate(*m_context.config, gatherFacts(db, m_context));
    int highOrWorse = 0;
    for (const Check& check : fresh) {
        if (check.status == QLatin1String("fail")
            && (check.severity == QLatin1String("high") || check.severity == QLatin1String("critical")))
            ++highOrWorse;
    }
    m_highOrWorse.store(highOrWorse);
    QMutexLocker lock(&m_mutex);
    m_cached = fresh;
    m_cachedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (generatedAtMs)
        *generatedAtMs = m_cachedAtMs;
    return fresh;
}

QFuture<HttpResponse> ComplianceController::answer(http::HttpRequest& request, bool summaryView)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    return m_context.database->run([this, call, summaryView](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        qint64 generatedAtMs = 0;
        const QList<Check> list = checks(db, &generatedAtMs);
        QJsonObject body = summaryView ? summary(list) : violations(list);
        body.insert(QStringLiteral("generated_at"),
                    QDateTime::fromMSecsSinceEpoch(generatedAtMs, Qt::UTC).toString(Qt::ISODate));
        body.insert(QStringLiteral("environment"), m_context.config->string(QStringLiteral("app.env")));
        return HttpResponse::json(200, body);
    });
}

} // namespace auth::compliance
