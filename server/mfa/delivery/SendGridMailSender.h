#pragma once

#include "mfa/delivery/HttpGatewaySender.h"

#include <QUrl>

namespace auth::mfa::delivery {

struct SendGridSettings
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.sendgrid.com"));
    QString apiKey;
    QString fromEmail;
    QString fromName;
};

// E-mail through the SendGrid v3 Mail Send API: POST {base}/v3/mail/send with
// "Authorization: Bearer <key>" and {personalizations:[{to:[{email}]}],
// from:{email,name}, subject, content:[{type:"text/plain",value}]}. Only 202 is
// success; SendGrid's {"errors":[{message,field}]} become the error.
class SendGridMailSender : public HttpGatewaySender
{
    Q_OBJECT

public:
    SendGridMailSender(SendGridSettings sendGrid, SenderSettings settings, QObject* parent = nullptr);

    Channel channel() const override { return Channel::Email; }
    QString providerName() const override { return QStringLiteral("sendgrid"); }

    static QString checkSettings(const SendGridSettings& sendGrid);

protected:
    void deliver(const Message& message, Done done) override;

private:
    SendGridSettings m_sendGrid;
};

} // namespace auth::mfa::delivery
