#pragma once

#include <QString>

namespace auth::mfa::delivery {

enum class Channel { Sms, Email };

// One message to a user. `secret` is the one-time code inside `body`: senders never
// let it (or the body) reach a DeliveryResult, a log line or an event.
struct Message
{
    Channel channel = Channel::Sms;
    QString recipient; // E.164 phone number ("+4915112345678") or e-mail address
    QString subject; // e-mail only
    QString body;
    QString secret;
};

// The outcome of one send. `error` is safe to log and to show an operator: it names
// the provider, the stage and the provider's error, never the body or the code.
struct DeliveryResult
{
    bool ok = false;
    QString error;
    int httpStatus = 0; // HTTP providers; 0 when no response arrived
    QString providerCode; // Twilio error code, SMTP reply code, ...
    QString providerMessageId; // Twilio message SID, SendGrid X-Message-Id
    bool timedOut = false;
};

QString channelName(Channel channel);

} // namespace auth::mfa::delivery
