#include "containment/Containment.h"

#include "core/Clock.h"
#include "core/ServiceContext.h"
#include "logging/LogCategories.h"
#include "storage/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace auth::containment {

namespace {

constexpr int kPollMs = 1000;
constexpr int kRetryAfterSecs = 300;

bool startsWithSegment(const QString& path, QLatin1String prefix)
{
    return path == prefix || path.startsWith(QString(prefix) + QLatin1Char('/'));
}

} // namespace

QJsonObject ContainmentState::toJson() const
{
    auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    return {{QStringLiteral("state"), isolated ? QStringLiteral("isolated") : QStringLiteral("normal")},
            {QStringLiteral("isolated"), isolated},
            {QStringLiteral("since"), since > 0 ? QJsonValue(double(since)) : QJsonValue()},
            {QStringLiteral("by"), orNull(actor)},
            {QStringLiteral("reason"), orNull(reason)},
            {QStringLiteral("version"), double(version)}};
}

Containment::Containment(core::ServiceContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
    m_adminNetworks = core::parseSubnets(context.config->list(QStringLiteral("admin.allowed_networks")));
    if (m_adminNetworks.isEmpty())
        m_adminNetworks = core::parseSubnets({QStringLiteral("127.0.0.0/8"), QStringLiteral("::1/128")});
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &Containment::poll);
}

Containment::~Containment()
{
    // A poll still running on the database pool holds `this`.
    m_timer.stop();
    while (m_polling.load())
        QThread::msleep(5);
}

void Containment::start()
{
    if (auto loaded = m_context.database->run([](QSqlDatabase& db) { return read(db); }).result())
        apply(*loaded);
    m_timer.start();
}

void Containment::refreshSoon()
{
    QMetaObject::invokeMethod(this, &Containment::poll, Qt::QueuedConnection);
}

void Containment::poll()
{
    // One read in flight at a time: a slow database must not pile up queries.
    if (m_polling.exchange(true))
        return;
    m_context.database->run([this](QSqlDatabase& db) {
        if (auto loaded = read(db))
            apply(*loaded);
        m_polling.store(false);
    });
}

std::optional<ContainmentState> Containment::read(QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral(
            "SELECT isolated, since, actor, reason, version FROM containment_state WHERE id = 1"))
        || !query.next())
        return std::nullopt;
    ContainmentState state;
    state.isolated = query.value(0).toBool();
    state.since = query.value(1).toLongLong();
    state.actor = query.value(2).toString();
    state.reason = query.value(3).toString();
    state.version = query.value(4).toLongLong();
    return state;
}

void Containment::apply(const ContainmentState& state)
{
    QMutexLocker lock(&m_mutex);
    if (state.version < m_state.version)
        return; // an older read finishing after a newer write
    if (state.isolated != m_state.isolated)
        qCWarning(lcServer).noquote()
            << (state.isolated ? "containment: service isolated" : "containment: service restored");
    m_state = state;
    m_isolated.store(state.isolated, std::memory_order_release);
}

ContainmentState Containment::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

std::optional<ContainmentState> Containment::set(QSqlDatabase& db, bool isolated, const QString& actor,
                                                 const QString& reason, bool* changed)
{
    *changed = false;
    // Only a real change bumps the version; "WHERE isolated <> ?" makes the
    // first of two racing admins win and the second see no change.
    QSqlQuery update(db);
    update.prepare(
        QStringLiteral("UPDATE containment_state SET isolated = ?, since = ?, actor = ?, reason = ?, "
                       "version = version + 1 WHERE id = 1 AND isolated <> ?"));
    update.addBindValue(isolated);
    update.addBindValue(Clock::nowSecs());
    update.addBindValue(actor);
    update.addBindValue(reason);
    update.addBindValue(isolated);
    if (!update.exec()) {
        qCWarning(lcStorage).noquote() << "containment: cannot write state:" << update.lastError().text();
        return std::nullopt;
    }
    *changed = update.numRowsAffected() > 0;
    auto state = read(db);
    if (state)
        apply(*state);
    return state;
}

bool Containment::alwaysOpen(const QString& path)
{
    return path == QLatin1String("/health") || path == QLatin1String("/api/v1/status")
        || path == QLatin1String("/metrics") || startsWithSegment(path, QLatin1String("/.well-known"));
}

bool Containment::adminPath(const QString& path)
{
    return startsWithSegment(path, QLatin1String("/admin"))
        || startsWithSegment(path, QLatin1String("/compliance"))
        || startsWithSegment(path, QLatin1String("/security"));
}

bool Containment::adminAllowedFrom(const QHostAddress& address) const
{
    return core::inSubnets(address, m_adminNetworks);
}

std::optional<http::HttpResponse> Containment::gate(const http::HttpRequest& request) const
{
    if (!isolated() || alwaysOpen(request.path))
        return std::nullopt;
    // Admins keep their sessions alive through refresh (the console does), so
    // isolation cannot lock them out of restoring; a refreshed non-admin token
    // opens nothing while every other route is closed.
    const bool adminSide = adminPath(request.path) || request.path == QLatin1String("/api/v1/auth/refresh");
    if (adminSide && adminAllowedFrom(core::clientAddress(request, m_context.trustedProxies)))
        return std::nullopt;
    http::HttpResponse response = http::HttpResponse::error(
        503, QStringLiteral("service_isolated"),
        QStringLiteral("The service is isolated by its operators for incident response"));
    response.setHeader("Retry-After", QByteArray::number(kRetryAfterSecs));
    return response;
}

} // namespace auth::containment
