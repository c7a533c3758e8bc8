#pragma once

#include "mfa/delivery/Message.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <functional>

namespace auth::mfa::delivery {

// Settings every gateway adapter shares.
struct SenderSettings
{
    int timeoutMs = 10000; // one whole send: connect, TLS, request and answer
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system store
};

// Sends SMS or e-mail through one gateway. The object lives in a thread with an
// event loop (its network objects belong to that thread); send() may be called
// from any thread and hands the work to the sender's thread. The future finishes
// with exactly one result; it is cancelled without one only when the sender is
// destroyed before the send started.
class MessageSender : public QObject
{
    Q_OBJECT

public:
    explicit MessageSender(SenderSettings settings, QObject* parent = nullptr);

    QFuture<DeliveryResult> send(const Message& message);

    virtual Channel channel() const = 0;
    virtual QString providerName() const = 0; // "twilio", "sendgrid", "smtp"

    // Why `recipient` cannot be sent to on `channel` (empty when it can): E.164 numbers
    // for SMS, a plain addr-spec for e-mail; control characters never pass.
    static QString checkRecipient(Channel channel, const QString& recipient);

    // A failure result whose text has any trace of the body or code removed.
    static DeliveryResult failure(const Message& message, const QString& error, int httpStatus = 0,
                                  const QString& providerCode = {});
    static QString scrub(const Message& message, QString text);

protected:
    using Done = std::function<void(DeliveryResult)>;
    // Runs in the sender's thread with a validated message; calls `done` exactly once.
    virtual void deliver(const Message& message, Done done) = 0;

    const SenderSettings& settings() const { return m_settings; }

private:
    SenderSettings m_settings;
};

} // namespace auth::mfa::delivery
