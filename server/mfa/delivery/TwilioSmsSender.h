#pragma once

#include "mfa/delivery/HttpGatewaySender.h"

#include <QUrl>

namespace auth::mfa::delivery {

struct TwilioSettings
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.twilio.com"));
    QString accountSid; // AC + 32 hex digits
    QString authToken;
    QString from; // E.164 sender number, or a Messaging Service SID (MG...)
};

// SMS through the Twilio Messages REST API: POST
// {base}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From (or
// MessagingServiceSid) and Body, HTTP Basic AccountSid:AuthToken. 2xx is success
// (the message SID is kept); Twilio's JSON errors (code, message) become the error.
class TwilioSmsSender : public HttpGatewaySender
{
    Q_OBJECT

public:
    TwilioSmsSender(TwilioSettings twilio, SenderSettings settings, QObject* parent = nullptr);

    Channel channel() const override { return Channel::Sms; }
    QString providerName() const override { return QStringLiteral("twilio"); }

    // Why these settings cannot work (empty when they can).
    static QString checkSettings(const TwilioSettings& twilio);

protected:
    void deliver(const Message& message, Done done) override;

private:
    TwilioSettings m_twilio;
};

} // namespace auth::mfa::delivery
