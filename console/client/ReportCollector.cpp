#include "client/ReportCollector.h"

#include "client/AuthSession.h"
#include "client/MetricsSeries.h"

#include <QJsonArray>
#include <QPointer>
#include <algorithm>

namespace auth::console {

namespace {
enum Step {
    Me,
    Series,
    ThreatMetrics,
    ThreatSummary,
    Alerts,
    ComplianceSummary,
    ComplianceViolations,
    Keys,
    Lockouts,
    Failures,
    StepCount
};

bool inPeriod(qint64 ms, const QDateTime& from, const QDateTime& to)
{
    return ms >= from.toMSecsSinceEpoch() && ms <= to.toMSecsSinceEpoch();
}

// Keeps the points and markers of the series that fall in the period.
QJsonObject seriesInPeriod(const QJsonObject& body, const QDateTime& from, const QDateTime& to)
{
    QJsonObject series = body;
    for (const char* key : {"points", "markers"}) {
        QJsonArray kept;
        for (const QJsonValue& value : body.value(QLatin1String(key)).toArray()) {
            if (inPeriod(MetricsSeries::parseTime(value.toObject().value(QStringLiteral("t"))), from, to))
                kept.append(value);
        }
        series.insert(QLatin1String(key), kept);
    }
    return series;
}
} // namespace

ReportCollector::ReportCollector(ApiClient& client, AuthSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_client(&client)
{
}

int ReportCollector::stepCount()
{
    return StepCount;
}

void ReportCollector::start(const QDateTime& from, const QDateTime& to)
{
    cancel();
    m_running = true;
    m_now = QDateTime::currentDateTimeUtc();
    m_from = from.toUTC();
    m_to = to.toUTC();
    m_step = 0;
    m_json = {};
    m_alerts = {};
    m_alertsTruncated = false;
    m_lockouts = {};
    m_lockoutsTruncated = false;
    m_failures.clear();
    m_failureEvents = 0;
    m_failuresTruncated = false;
    m_json.insert(QStringLiteral("server"), m_client->profile().url.toString());
    m_json.insert(QStringLiteral("format"), QLatin1String(ReportData::Format));
    m_json.insert(QStringLiteral("generated_at"), ReportData::formatTime(m_now));
    m_json.insert(QStringLiteral("period"),
                  QJsonObject {{QStringLiteral("from"), ReportData::formatTime(m_from)},
                               {QStringLiteral("to"), ReportData::formatTime(m_to)}});
    next();
}

void ReportCollector::cancel()
{
    ++m_generation;
    m_running = false;
}

void ReportCollector::get(const QString& path, const QUrlQuery& query, const QString& what,
                          std::function<void(const QJsonObject&)> onAnswer)
{
    const quint64 generation = m_generation;
    auto answer = [this, generation, onAnswer](const QJsonObject& body, int, qint64) {
        if (generation == m_generation)
            onAnswer(body);
    };
    auto onError = [this, generation, what](const ApiError& error) {
        if (generation != m_generation)
            return;
        m_running = false;
        ++m_generation;
        emit failed(error, tr("Could not fetch %1: %2").arg(what, error.message));
    };
    if (m_session)
        m_session->call("GET", path, query, std::nullopt, this, answer, onError);
    else
        m_client->call("GET", path, query, std::nullopt, this, answer, onError);
}

void ReportCollector::next()
{
    const int step = m_step++;
    if (step >= StepCount) {
        finish();
        return;
    }
    auto store = [this](const char* key) {
        return [this, key](const QJsonObject& body) {
            m_json.insert(QLatin1String(key), body);
            next();
        };
    };
    switch (step) {
    case Me:
        emit progress(step, StepCount, tr("signed-in administrator"));
        get(QStringLiteral("/api/v1/auth/me"), {}, tr("the signed-in administrator"),
            [this](const QJsonObject& me) {
                m_json.insert(QStringLiteral("author"), me.value(QStringLiteral("email")).toString());
                next();
            });
        break;
    case Series: {
        emit progress(step, StepCount, tr("metrics series"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("range"), ReportData::seriesRangeFor(m_from, m_now));
        get(QStringLiteral("/admin/metrics/series"), query, tr("the metrics series"),
            [this](const QJsonObject& body) {
                QString error;
                if (!MetricsSeries::fromJson(body, &error)) {
                    ApiError apiError;
                    apiError.kind = ApiError::Kind::Protocol;
                    apiError.path = QStringLiteral("/admin/metrics/series");
                    apiError.message = error;
                    m_running = false;
                    ++m_generation;
                    emit failed(apiError, tr("Could not fetch %1: %2").arg(tr("the metrics series"), error));
                    return;
                }
                m_json.insert(QStringLiteral("series"), seriesInPeriod(body, m_from, m_to));
                next();
            });
        break;
    }
    case ThreatMetrics:
        emit progress(step, StepCount, tr("threat metrics"));
        get(QStringLiteral("/security/threats/metrics"), {}, tr("the threat metrics"),
            store("threat_metrics"));
        break;
    case ThreatSummary:
        emit progress(step, StepCount, tr("threat summary"));
        get(QStringLiteral("/admin/threats/summary"), {}, tr("the threat summary"), store("threat_summary"));
        break;
    case Alerts:
        emit progress(step, StepCount, tr("alerts"));
        fetchAlerts(QString(), 0);
        break;
    case ComplianceSummary:
        emit progress(step, StepCount, tr("compliance summary"));
        get(QStringLiteral("/compliance/summary"), {}, tr("the compliance summary"),
            store("compliance_summary"));
        break;
    case ComplianceViolations:
        emit progress(step, StepCount, tr("compliance violations"));
        get(QStringLiteral("/compliance/violations"), {}, tr("the compliance violations"),
            store("compliance_violations"));
        break;
    case Keys:
        emit progress(step, StepCount, tr("signing keys"));
        get(QStringLiteral("/admin/keys"), {}, tr("the signing keys"), store("keys"));
        break;
    case Lockouts:
        emit progress(step, StepCount, tr("lockouts"));
        fetchEvents(
            QStringLiteral("account_locked"), QString(), 0,
            [this](const QJsonObject& event) {
                const QJsonObject details = event.value(QStringLiteral("details")).toObject();
                const QString user = event.value(QStringLiteral("user")).toString();
                m_lockouts.append(QJsonObject {
                    {QStringLiteral("time"), event.value(QStringLiteral("time"))},
                    {QStringLiteral("user"),
                     user.isEmpty() ? event.value(QStringLiteral("user_id")).toString() : user},
                    {QStringLiteral("source_ip"), event.value(QStringLiteral("source_ip")).toString()},
                    {QStringLiteral("reason"), details.value(QStringLiteral("reason")).toString()},
                    {QStringLiteral("by_admin"), details.value(QStringLiteral("by_admin")).toBool()},
                    {QStringLiteral("locked_until"), details.value(QStringLiteral("locked_until"))}});
            },
            [this] {
                m_json.insert(QStringLiteral("lockouts"),
                              QJsonObject {{QStringLiteral("items"), m_lockouts},
                                           {QStringLiteral("truncated"), m_lockoutsTruncated}});
                next();
            });
        break;
    case Failures:
        emit progress(step, StepCount, tr("failed logins"));
        fetchEvents(
            QStringLiteral("authentication_failure"), QString(), 0,
            [this](const QJsonObject& event) {
                ++m_failureEvents;
                const QString ip = event.value(QStringLiteral("source_ip")).toString();
                if (ip.isEmpty())
                    return;
                IpCount& entry = m_failures[ip];
                ++entry.count;
                entry.lastMs
                    = std::max(entry.lastMs, qint64(event.value(QStringLiteral("time_unix_ms")).toDouble()));
                const QString user = event.value(QStringLiteral("details"))
                                         .toObject()
                                         .value(QStringLiteral("email_hash"))
                                         .toString();
                if (!user.isEmpty() && entry.users.size() < 100000)
                    entry.users.insert(user);
            },
            [this] {
                QList<std::pair<QString, IpCount>> sorted;
                for (auto it = m_failures.cbegin(); it != m_failures.cend(); ++it)
                    sorted.append({it.key(), it.value()});
                std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
                    return a.second.count != b.second.count ? a.second.count > b.second.count
                                                            : a.first < b.first;
                });
                QJsonArray top;
                for (qsizetype i = 0; i < sorted.size() && i < ReportData::MaxTopIps; ++i) {
                    const IpCount& entry = sorted.at(i).second;
                    top.append(QJsonObject {
                        {QStringLiteral("ip"), sorted.at(i).first},
                        {QStringLiteral("failures"), double(entry.count)},
                        {QStringLiteral("accounts"), double(entry.users.size())},
                        {QStringLiteral("last_seen"),
                         ReportData::formatTime(QDateTime::fromMSecsSinceEpoch(entry.lastMs, Qt::UTC))}});
                }
                m_json.insert(QStringLiteral("failed_logins"),
                              QJsonObject {{QStringLiteral("events"), double(m_failureEvents)},
                                           {QStringLiteral("source_ips"), double(m_failures.size())},
                                           {QStringLiteral("top_ips"), top},
                                           {QStringLiteral("truncated"), m_failuresTruncated}});
                next();
            });
        break;
    default:
        next();
    }
}

void ReportCollector::fetchAlerts(const QString& cursor, int page)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), cursor);
    get(QStringLiteral("/admin/alerts"), query, tr("the alerts"), [this, page](const QJsonObject& body) {
        const qint64 from = m_from.toSecsSinceEpoch();
        const qint64 to = m_to.toSecsSinceEpoch();
        for (const QJsonValue& value : body.value(QStringLiteral("alerts")).toArray()) {
            const QJsonObject alert = value.toObject();
            const qint64 first = qint64(alert.value(QStringLiteral("first_seen")).toDouble());
            const qint64 last = qint64(alert.value(QStringLiteral("last_seen")).toDouble());
            if (first <= to && last >= from)
                m_alerts.append(alert);
        }
        const QString nextCursor = body.value(QStringLiteral("next_cursor")).toString();
        if (!nextCursor.isEmpty() && page + 1 < ReportData::MaxAlertPages) {
            fetchAlerts(nextCursor, page + 1);
            return;
        }
        m_alertsTruncated = !nextCursor.isEmpty();
        m_json.insert(QStringLiteral("alerts"),
                      QJsonObject {{QStringLiteral("items"), m_alerts},
                                   {QStringLiteral("truncated"), m_alertsTruncated}});
        next();
    });
}

void ReportCollector::fetchEvents(const QString& type, const QString& cursor, int page,
                                  std::function<void(const QJsonObject& event)> onEvent,
                                  std::function<void()> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), type);
    // Milliseconds: events of the period's last second must not fall outside it.
    query.addQueryItem(QStringLiteral("since"), m_from.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("until"), m_to.addMSecs(1).toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("limit"), QString::number(ReportData::EventPageSize));
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), cursor);
    get(QStringLiteral("/admin/events"), query, tr("the %1 events").arg(type),
        [this, type, page, onEvent, done](const QJsonObject& body) {
            for (const QJsonValue& value : body.value(QStringLiteral("events")).toArray())
                onEvent(value.toObject());
            const QString nextCursor = body.value(QStringLiteral("next_cursor")).toString();
            if (!nextCursor.isEmpty() && page + 1 < ReportData::MaxEventPages) {
                fetchEvents(type, nextCursor, page + 1, onEvent, done);
                return;
            }
            if (!nextCursor.isEmpty())
                (type == QLatin1String("account_locked") ? m_lockoutsTruncated : m_failuresTruncated) = true;
            done();
        });
}

void ReportCollector::finish()
{
    m_running = false;
    emit progress(StepCount, StepCount, QString());
    emit finished(ReportData {m_json});
}

} // namespace auth::console
