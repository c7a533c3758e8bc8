#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

class QSqlQuery;

namespace auth::core {
struct ServiceContext;
}
namespace auth::metrics {
class Metrics;
}

namespace auth::alerts {

// Server-side alert rules from the runbook's thresholds, evaluated every few
// seconds from this instance's metrics and health. An alert is one row of the
// alerts table per (rule, subject) episode: firing, then optionally
// acknowledged, then resolved when its condition clears. Every state change is
// also a security event (alert_fired / alert_acknowledged / alert_resolved), so
// the event stream carries it.
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    struct Thresholds
    {
        int failedLogins5m = 1000; // P0
        int failedLoginsPerIp5m = 100; // P1
        double latencyP95Ms = 500; // P1, sustained for latencyForMs
        qint64 latencyForMs = 120'000;
        int mfaFailures5m = 50; // P1
        bool complianceViolations = true; // P1 while high/critical violations exist
    };

    AlertEngine(core::ServiceContext& context, metrics::Metrics* metrics, Thresholds thresholds,
                int intervalMs, QObject* parent = nullptr);

    void start();
    QJsonObject thresholdsJson() const;
    // Open (firing or acknowledged) alerts by severity after the last evaluation.
    QHash<QString, int> openBySeverity() const;

    // Acknowledge alert `id` (pool thread). Returns 0 when done, 404 when there is
    // no such alert, 409 when it is already resolved; `alert` receives the row.
    static int acknowledge(QSqlDatabase& db, qint64 id, const QString& actor, const QString& reason,
                           QJsonObject* alert, bool* changed);
    static QJsonObject rowToJson(const QSqlQuery& query);
    static QString selectColumns();

private:
    struct Condition
    {
        QString rule;
        QString severity; // P0, P1
        QString subject;
        QJsonObject details;
    };
    void evaluate();
    QList<Condition> conditions();
    void apply(QSqlDatabase& db, const QList<Condition>& conditions);

    core::ServiceContext& m_context;
    metrics::Metrics* m_metrics;
    Thresholds m_thresholds;
    QTimer m_timer;
    bool m_evaluating = false;
    qint64 m_latencyBreachSinceMs = 0;
    mutable QMutex m_mutex;
    QHash<QString, int> m_openBySeverity;
};

} // namespace auth::alerts
