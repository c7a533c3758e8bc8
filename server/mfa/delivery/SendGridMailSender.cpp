#include "mfa/delivery/SendGridMailSender.h"

#include "json/StrictJson.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace auth::mfa::delivery {

SendGridMailSender::SendGridMailSender(SendGridSettings sendGrid, SenderSettings settings, QObject* parent)
    : HttpGatewaySender(std::move(settings), parent)
    , m_sendGrid(std::move(sendGrid))
{
}

QString SendGridMailSender::checkSettings(const SendGridSettings& sendGrid)
{
    if (sendGrid.apiKey.isEmpty())
        return QStringLiteral("SENDGRID_API_KEY is not set");
    if (!checkRecipient(Channel::Email, sendGrid.fromEmail).isEmpty())
        return QStringLiteral("EMAIL_FROM must be a plain user@domain address");
    if (sendGrid.baseUrl.scheme() != QLatin1String("https") || sendGrid.baseUrl.host().isEmpty())
        return QStringLiteral("SENDGRID_BASE_URL must be an https:// URL");
    return {};
}

void SendGridMailSender::deliver(const Message& message, Done done)
{
    if (const QString problem = checkSettings(m_sendGrid); !problem.isEmpty()) {
        done(failure(message, QStringLiteral("sendgrid: ") + problem));
        return;
    }
    QUrl url = m_sendGrid.baseUrl;
    url.setPath(url.path().remove(QRegularExpression(QStringLiteral("/+$")))
                + QStringLiteral("/v3/mail/send"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_sendGrid.apiKey.toUtf8());

    QJsonObject from {{QStringLiteral("email"), m_sendGrid.fromEmail}};
    if (!m_sendGrid.fromName.isEmpty())
        from.insert(QStringLiteral("name"), m_sendGrid.fromName);
    const QJsonObject mail {
        {QStringLiteral("personalizations"),
         QJsonArray {
             QJsonObject {{QStringLiteral("to"),
                           QJsonArray {QJsonObject {{QStringLiteral("email"), message.recipient}}}}}}},
        {QStringLiteral("from"), from},
        {QStringLiteral("subject"),
         message.subject.isEmpty() ? QStringLiteral("Your verification code") : message.subject},
        {QStringLiteral("content"),
         QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text/plain")},
                                  {QStringLiteral("value"), message.body}}}},
    };

    post(request, QJsonDocument(mail).toJson(QJsonDocument::Compact),
         [message, done](const HttpAnswer& answer) {
             if (!answer.transportError.isEmpty()) {
                 DeliveryResult result
                     = failure(message, QStringLiteral("sendgrid: ") + answer.transportError);
                 result.timedOut = answer.timedOut;
                 done(result);
                 return;
             }
             if (answer.status == 202) {
                 DeliveryResult result;
                 result.ok = true;
                 result.httpStatus = answer.status;
                 result.providerMessageId = QString::fromLatin1(answer.messageId);
                 done(result);
                 return;
             }
             QStringList reasons;
             const QJsonArray errors
                 = parseStrictJson(answer.body).value.toObject().value(QLatin1String("errors")).toArray();
             for (const QJsonValue& item : errors) {
                 const QJsonObject e = item.toObject();
                 QString reason = e.value(QLatin1String("message")).toString();
                 if (const QString field = e.value(QLatin1String("field")).toString(); !field.isEmpty())
                     reason += QStringLiteral(" (") + field + QLatin1Char(')');
                 if (!reason.isEmpty())
                     reasons.append(reason);
                 if (reasons.size() == 3)
                     break;
             }
             QString error = QStringLiteral("sendgrid: HTTP %1").arg(answer.status);
             if (!reasons.isEmpty())
                 error += QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
             done(failure(message, error, answer.status));
         });
}

} // namespace auth::mfa::delivery
