#include "mfa/delivery/TwilioSmsSender.h"

#include "json/StrictJson.h"
#include <QJsonObject>
#include <QRegularExpression>

namespace auth::mfa::delivery {
namespace {

QByteArray formField(const char* name, const QString& value)
{
    // Every byte outside the unreserved set is escaped: a '+' in a phone number must
    // not turn into a space on the other side.
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}

bool isMessagingServiceSid(const QString& from)
{
    static const QRegularExpression sid(QStringLiteral("^MG[0-9a-fA-F]{32}\\z"));
    return sid.match(from).hasMatch();
}

} // namespace

TwilioSmsSender::TwilioSmsSender(TwilioSettings twilio, SenderSettings settings, QObject* parent)
    : HttpGatewaySender(std::move(settings), parent)
    , m_twilio(std::move(twilio))
{
}

QString TwilioSmsSender::checkSettings(const TwilioSettings& twilio)
{
    static const QRegularExpression accountSid(QStringLiteral("^AC[0-9a-fA-F]{32}\\z"));
    if (!accountSid.match(twilio.accountSid).hasMatch())
        return QStringLiteral("TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits");
    if (twilio.authToken.isEmpty())
        return QStringLiteral("TWILIO_AUTH_TOKEN is not set");
    if (!isMessagingServiceSid(twilio.from) && !checkRecipient(Channel::Sms, twilio.from).isEmpty())
        return QStringLiteral("TWILIO_FROM must be an E.164 number or a Messaging Service SID (MG...)");
    if (twilio.baseUrl.scheme() != QLatin1String("https") || twilio.baseUrl.host().isEmpty())
        return QStringLiteral("TWILIO_BASE_URL must be an https:// URL");
    return {};
}

void TwilioSmsSender::deliver(const Message& message, Done done)
{
    if (const QString problem = checkSettings(m_twilio); !problem.isEmpty()) {
        done(failure(message, QStringLiteral("twilio: ") + problem));
        return;
    }
    QUrl url = m_twilio.baseUrl;
    url.setPath(url.path().remove(QRegularExpression(QStringLiteral("/+$")))
                + QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(m_twilio.accountSid));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(
        "Authorization",
        "Basic " + (m_twilio.accountSid + QLatin1Char(':') + m_twilio.authToken).toUtf8().toBase64());
    request.setRawHeader("Accept", "application/json");
    const QByteArray body = formField("To", message.recipient) + '&'
        + (isMessagingServiceSid(m_twilio.from) ? formField("MessagingServiceSid", m_twilio.from)
                                                : formField("From", m_twilio.from))
        + '&' + formField("Body", message.body);

    post(request, body, [message, done](const HttpAnswer& answer) {
        if (!answer.transportError.isEmpty()) {
            DeliveryResult result = failure(message, QStringLiteral("twilio: ") + answer.transportError);
            result.timedOut = answer.timedOut;
            done(result);
            return;
        }
        const StrictJsonResult json = parseStrictJson(answer.body);
        const QJsonObject object = json.value.toObject();
        if (answer.status >= 200 && answer.status < 300) {
            DeliveryResult result;
            result.ok = true;
            result.httpStatus = answer.status;
            result.providerMessageId = object.value(QLatin1String("sid")).toString().left(64);
            done(result);
            return;
        }
        const QJsonValue code = object.value(QLatin1String("code"));
        const QString codeText = code.isDouble() ? QString::number(code.toInteger()) : code.toString();
        const QString text = object.value(QLatin1String("message")).toString();
        QString error = QStringLiteral("twilio: HTTP %1").arg(answer.status);
        if (!codeText.isEmpty())
            error += QStringLiteral(", error ") + codeText;
        if (!text.isEmpty())
            error += QStringLiteral(": ") + text;
        done(failure(message, error, answer.status, codeText));
    });
}

} // namespace auth::mfa::delivery
