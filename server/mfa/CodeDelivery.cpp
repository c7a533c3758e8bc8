#include "mfa/CodeDelivery.h"

#include "config/Config.h"
#include "core/Clock.h"
#include "core/Events.h"
#include "core/ServiceContext.h"
#include "logging/LogCategories.h"
#include "mfa/CodeMethod.h"
#include "mfa/MfaMetrics.h"
#include "mfa/delivery/SenderFactory.h"

#include <QFuture>
#include <utility>

namespace auth::mfa {

using delivery::Channel;
using delivery::DeliveryResult;

CodeDelivery::CodeDelivery(core::ServiceContext& context)
    : m_context(context)
{
    const Config& config = *context.config;
    m_sms = delivery::createSender(config, Channel::Sms, &m_smsProblem);
    m_email = delivery::createSender(config, Channel::Email, &m_emailProblem);
    for (const auto& [channel, problem] :
         {std::pair {Channel::Sms, &m_smsProblem}, std::pair {Channel::Email, &m_emailProblem}}) {
        // A broken gateway setting must be visible at start, not at the first login.
        if (!problem->isEmpty())
            qCWarning(lcMfa).noquote()
                << delivery::channelName(channel) << "codes cannot be sent:" << *problem;
    }
    m_thread.setObjectName(QStringLiteral("mfa-delivery"));
    for (auto* sender : {m_sms.get(), m_email.get()}) {
        if (sender)
            sender->moveToThread(&m_thread);
    }
    m_thread.start();
    const int limit = int(config.integer(QStringLiteral("mfa.code_send_limit")));
    const qint64 interval = config.durationMs(QStringLiteral("mfa.code_send_interval"));
    m_limiter = std::make_unique<delivery::MemorySendLimiter>(limit, 15 * 60 * 1000, interval);
}

CodeDelivery::~CodeDelivery()
{
    m_thread.quit();
    m_thread.wait();
    m_sms.reset();
    m_email.reset();
}

delivery::MessageSender* CodeDelivery::sender(Channel channel) const
{
    return channel == Channel::Sms ? m_sms.get() : m_email.get();
}

QString CodeDelivery::unavailableReason(Channel channel) const
{
    if (sender(channel))
        return {};
    const QString problem = channel == Channel::Sms ? m_smsProblem : m_emailProblem;
    return problem.isEmpty()
        ? QStringLiteral("no %1 gateway is configured").arg(delivery::channelName(channel))
        : QStringLiteral("the %1 gateway is misconfigured").arg(delivery::channelName(channel));
}

delivery::SendDecision CodeDelivery::acquire(const QString& userId)
{
    return m_limiter->tryAcquire(userId);
}

QFuture<DeliveryResult> CodeDelivery::send(const Request& request)
{
    delivery::MessageSender* target = sender(request.channel);
    if (!target) {
        DeliveryResult result;
        result.error = unavailableReason(request.channel);
        record(request, QStringLiteral("none"), result);
        return QtFuture::makeReadyFuture(result);
    }
    delivery::Message message;
    message.channel = request.channel;
    message.recipient = request.recipient;
    message.secret = request.code;
    message.subject = QStringLiteral("Your sign-in code");
    message.body = QStringLiteral("Your sign-in code is %1. It expires in 5 minutes. If you did not try to "
                                  "sign in, change your password.")
                       .arg(request.code);
    const QString provider = target->providerName();
    return target->send(message).then([this, request, provider](DeliveryResult result) {
        record(request, provider, result);
        return result;
    });
}

void CodeDelivery::record(const Request& request, const QString& provider, const DeliveryResult& result)
{
    if (m_context.mfaMetrics)
        m_context.mfaMetrics->recordDelivery(result.ok, Clock::nowSecs());
    QJsonObject details {
        {QStringLiteral("provider"), provider},
        {QStringLiteral("channel"), delivery::channelName(request.channel)},
        {QStringLiteral("result"), result.ok ? QStringLiteral("sent") : QStringLiteral("failed")},
        {QStringLiteral("http_status"), result.httpStatus},
        {QStringLiteral("recipient"), CodeMethod::mask(request.channel, request.recipient)},
        {QStringLiteral("purpose"), request.purpose}};
    if (!result.ok) {
        // DeliveryResult::error is scrubbed of the message by the sender; the recipient goes too.
        details.insert(QStringLiteral("error"),
                       QString(result.error).replace(request.recipient, QStringLiteral("***")));
        details.insert(QStringLiteral("timed_out"), result.timedOut);
        if (!result.providerCode.isEmpty())
            details.insert(QStringLiteral("provider_code"), result.providerCode);
    }
    auto event = core::requestEvent(events::MfaDelivery, result.ok ? Severity::Info : Severity::Medium,
                                    request.sourceIp, details);
    event.userId = request.userId;
    core::recordEvent(event);
}

} // namespace auth::mfa
