#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace auth::state {

// Outcome of taking one token from a rate-limit bucket.
struct RateDecision
{
    bool allowed = true;
    int limit = 0; // bucket capacity (burst)
    int remaining = 0; // tokens left after this request
    qint64 retryAfterMs = 0; // when refused: until one token is back
    qint64 resetMs = 0; // until the bucket is full again
};

// Short-lived shared state: rate-limit buckets, revoked token ids, and
// not-before marks. The in-process implementation serves one instance; the
// Redis one (scale-out) shares it between instances. Calls may block briefly on
// the network, so they are made from pool threads, never from an event loop.
// A store that cannot answer (Redis down or hanging past its timeout) throws
// core::DependencyUnavailable: callers never get a made-up answer.
class StateStore
{
public:
    virtual ~StateStore() = default;
    virtual QString backendName() const = 0;
    virtual bool healthy(QString* error) = 0;

    // Token bucket: capacity `burst`, refilled at `perMinute` tokens a minute.
    virtual RateDecision consume(const QString& key, int perMinute, int burst, qint64 nowMs) = 0;

    // A token id revoked until it would have expired anyway.
    virtual void revokeTokenId(const QString& jti, qint64 expiresAtSecs) = 0;
    virtual bool isTokenIdRevoked(const QString& jti) = 0;

    // Tokens issued before the mark (seconds) are refused: per user and global.
    virtual void setNotBefore(const QString& subject, qint64 secs) = 0;
    virtual qint64 notBefore(const QString& subject) = 0;

    // Change notices between instances (channel names: state/Notices.h). A
    // handler runs on `context`'s thread through a queued call and is dropped
    // with `context`. An empty message means "notices may have been missed"
    // (sent after the Redis subscriber reconnects): reload whatever you cache.
    using NoticeHandler = std::function<void(const QString& channel, const QByteArray& message)>;
    virtual void publish(const QString& channel, const QByteArray& message) = 0;
    virtual void subscribe(const QString& channel, QObject* context, NoticeHandler handler) = 0;

    // Atomic set-if-absent with expiry: true for the one caller that claims
    // `key` first, false for every later one until `ttlMs` has passed (e.g. an
    // accepted TOTP code, keyed by user and time step, so it never passes twice).
    virtual bool claimOnce(const QString& key, qint64 ttlMs) = 0;
};

} // namespace auth::state
