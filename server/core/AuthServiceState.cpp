// The shared-state half of AuthService: which StateStore serves this instance,
// and what it does when another instance announces a change.

#include "core/AuthService.h"
#include "core/DependencyUnavailable.h"
#include "logging/LogCategories.h"
#include "oauth/ClientRepository.h"
#include "oauth/OAuthModule.h"
#include "state/MemoryStateStore.h"
#include "state/Notices.h"
#include "state/RedisStateStore.h"
#include "storage/Database.h"
#include "tokens/KeyManager.h"

namespace auth::core {

namespace {

constexpr qint64 kMinRedisTimeoutMs = 10;
constexpr qint64 kMaxRedisTimeoutMs = 60'000;

// A notice that cannot be sent is not fatal: the change is in the database, and
// the others pick it up on their resync after reconnecting or their cache expiry.
void publishNotice(state::StateStore* store, const QString& channel, const QString& message)
{
    try {
        store->publish(channel, message.toUtf8());
    } catch (const DependencyUnavailable& e) {
        qCWarning(lcServer).noquote() << "cannot announce" << channel << "change:" << e.what();
    }
}

} // namespace

QString AuthService::checkStateConfig(const Config& config)
{
    const QString url = config.string(QStringLiteral("storage.redis_url"));
    if (url.isEmpty())
        return {};
    QString error;
    if (!state::RedisUrl::parse(url, &error))
        return error;
    const qint64 timeout = config.durationMs(QStringLiteral("storage.redis_timeout"));
    if (timeout < kMinRedisTimeoutMs || timeout > kMaxRedisTimeoutMs)
        return QStringLiteral("REDIS_TIMEOUT: must be between 10ms and 60s");
    return {};
}

bool AuthService::openState(QString* error)
{
    const QString url = m_config.string(QStringLiteral("storage.redis_url"));
    if (url.isEmpty()) {
        m_state = std::make_unique<state::MemoryStateStore>();
        m_context.state = m_state.get();
        return true;
    }
    *error = checkStateConfig(m_config);
    if (!error->isEmpty())
        return false;
    QString parseError;
    const auto parsed = state::RedisUrl::parse(url, &parseError);
    auto redis = std::make_unique<state::RedisStateStore>(
        *parsed, m_config.string(QStringLiteral("storage.redis_prefix")),
        int(m_config.durationMs(QStringLiteral("storage.redis_timeout"))));
    QString pingError;
    if (redis->healthy(&pingError))
        qCInfo(lcStorage).noquote() << "state" << redis->describe();
    else
        qCWarning(lcStorage).noquote()
            << "state" << redis->describe() << "is unavailable; starting degraded:" << pingError;
    m_state = std::move(redis);
    m_context.state = m_state.get();
    return true;
}

void AuthService::listenForNotices()
{
    state::StateStore* store = m_state.get();
    m_keys->setChangeListener(
        [store](const QString& kid) { publishNotice(store, state::notices::Keys, kid); });
    store->subscribe(state::notices::Keys, this, [this](const QString&, const QByteArray&) {
        m_database->run([this](QSqlDatabase&) {
            QString error;
            if (!m_keys->reload(&error))
                qCWarning(lcServer).noquote() << "cannot reload signing keys:" << error;
        });
    });
    if (m_oauth) {
        oauth::ClientRepository* clients = &m_oauth->clients();
        clients->setChangeListener(
            [store](const QString& clientId) { publishNotice(store, state::notices::Clients, clientId); });
        store->subscribe(state::notices::Clients, this, [clients](const QString&, const QByteArray& message) {
            clients->invalidate(QString::fromUtf8(message));
        });
    }
}

} // namespace auth::core
