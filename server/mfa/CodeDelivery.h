#pragma once

#include "mfa/delivery/MessageSender.h"
#include "mfa/delivery/SendLimiter.h"

#include <QFuture>
#include <QThread>
#include <memory>

namespace auth::core {
struct ServiceContext;
}

namespace auth::mfa {

// Sends SMS and e-mail codes through the gateways the configuration selects.
// The senders live in one QThread with its own event loop; send() may be
// called from any thread. Every outcome becomes an mfa_delivery event (which
// also reaches application.log) with the provider, channel, result, HTTP
// status and the masked recipient, and is counted in MfaMetrics (shown in
// /api/v1/status as mfa.delivery). Never the code, never the full recipient.
class CodeDelivery
{
public:
    explicit CodeDelivery(core::ServiceContext& context);
    ~CodeDelivery();

    // Why the channel cannot send (not configured, incomplete settings); empty when it can.
    QString unavailableReason(delivery::Channel channel) const;
    // The per-user send limit (mfa.code_send_limit per 15 minutes, mfa.code_send_interval apart).
    delivery::SendDecision acquire(const QString& userId);

    struct Request
    {
        delivery::Channel channel = delivery::Channel::Sms;
        QString recipient;
        QString code;
        QString userId;
        QString sourceIp;
        QString purpose; // "login", "enrollment", "step_up"
    };
    QFuture<delivery::DeliveryResult> send(const Request& request);

private:
    delivery::MessageSender* sender(delivery::Channel channel) const;
    void record(const Request& request, const QString& provider, const delivery::DeliveryResult& result);

    core::ServiceContext& m_context;
    QThread m_thread;
    std::unique_ptr<delivery::MessageSender> m_sms;
    std::unique_ptr<delivery::MessageSender> m_email;
    QString m_smsProblem;
    QString m_emailProblem;
    std::unique_ptr<delivery::SendLimiter> m_limiter;
};

} // namespace auth::mfa
