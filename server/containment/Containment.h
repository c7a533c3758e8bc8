#pragma once

#include "core/ClientAddress.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>
#include <atomic>
#include <optional>

namespace auth::core {
struct ServiceContext;
}

namespace auth::containment {

struct ContainmentState
{
    bool isolated = false;
    qint64 since = 0; // seconds
    QString actor; // admin user id
    QString reason;
    qint64 version = 0; // bumped by every change, so instances notice cheaply
    QJsonObject toJson() const;
};

// The lockdown switch shared by every instance: persisted in the database
// (containment_state), polled once a second, and checked by gate() on every
// request. While isolated, only /admin, /compliance, /security, /health,
// /api/v1/status, /metrics and /.well-known answer, the admin side only from
// the isolation networks (ADMIN_ALLOWED_NETWORKS, or loopback when unset);
// everything else gets 503 service_isolated with Retry-After.
class Containment : public QObject
{
    Q_OBJECT
public:
    explicit Containment(core::ServiceContext& context, QObject* parent = nullptr);
    ~Containment() override;

    // Loads the state (database pool, blocking) and starts the 1 s poll.
    void start();
    // The one place another notification path (Redis pub/sub) plugs in: call
    // it when a change notice arrives and the state is re-read at once.
    void refreshSoon();

    // The answer for a request refused by the lockdown, or nullopt to serve it.
    // Any thread; takes no lock when not isolated.
    std::optional<http::HttpResponse> gate(const http::HttpRequest& request) const;

    ContainmentState state() const;
    bool isolated() const { return m_isolated.load(std::memory_order_acquire); }
    // Whether an admin from `address` can still reach the admin API during isolation.
    bool adminAllowedFrom(const QHostAddress& address) const;
    QList<core::Subnet> isolationNetworks() const { return m_adminNetworks; }

    // Writes a change (database pool). Returns the new state, or nullopt when
    // the database refused; `changed` is false when it already was so.
    std::optional<ContainmentState> set(QSqlDatabase& db, bool isolated, const QString& actor,
                                        const QString& reason, bool* changed);
    static std::optional<ContainmentState> read(QSqlDatabase& db);

private:
    void poll();
    void apply(const ContainmentState& state);
    static bool alwaysOpen(const QString& path);
    static bool adminPath(const QString& path);

    core::ServiceContext& m_context;
    QList<core::Subnet> m_adminNetworks;
    std::atomic<bool> m_isolated {false};
    std::atomic<bool> m_polling {false};
    mutable QMutex m_mutex;
    ContainmentState m_state;
    QTimer m_timer;
};

} // namespace auth::containment
