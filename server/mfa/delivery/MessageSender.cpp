#include "mfa/delivery/MessageSender.h"

#include <QPromise>
#include <QRegularExpression>
#include <memory>

namespace auth::mfa::delivery {
namespace {

constexpr qsizetype kMaxBody = 8 * 1024;
constexpr qsizetype kMaxSubject = 200;
constexpr qsizetype kMaxProviderText = 300;

bool hasControl(const QString& text, bool allowNewlines)
{
    for (const QChar c : text)
        if ((c.unicode() < 0x20 && !(allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\r'))))
            || c.unicode() == 0x7f)
            return true;
    return false;
}

} // namespace

QString channelName(Channel channel)
{
    return channel == Channel::Sms ? QStringLiteral("sms") : QStringLiteral("email");
}

MessageSender::MessageSender(SenderSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
}

QString MessageSender::checkRecipient(Channel channel, const QString& recipient)
{
    if (channel == Channel::Sms) {
        static const QRegularExpression e164(QStringLiteral("^\\+[1-9][0-9]{6,14}\\z"));
        return e164.match(recipient).hasMatch()
            ? QString()
            : QStringLiteral("the phone number is not in E.164 form (+ and digits)");
    }
    // Deliberately narrower than RFC 5321: no quoted local parts, comments or
    // address literals, so nothing here can change the meaning of an SMTP command.
    static const QRegularExpression address(
        // \z, not $: a $ would also match before a trailing newline.
        QStringLiteral("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\\z"));
    if (recipient.size() > 254 || !address.match(recipient).hasMatch())
        return QStringLiteral("the e-mail address is not a plain user@domain address");
    return {};
}

QFuture<DeliveryResult> MessageSender::send(const Message& message)
{
    auto promise = std::make_shared<QPromise<DeliveryResult>>();
    QFuture<DeliveryResult> future = promise->future();
    promise->start();
    const auto done = [promise](DeliveryResult result) {
        promise->addResult(std::move(result));
        promise->finish();
    };
    QString problem;
    if (message.channel != channel())
        problem
            = QStringLiteral("%1 cannot send %2 messages").arg(providerName(), channelName(message.channel));
    else if (const QString why = checkRecipient(message.channel, message.recipient); !why.isEmpty())
        problem = why;
    else if (message.body.isEmpty() || message.body.size() > kMaxBody || hasControl(message.body, true))
        problem = QStringLiteral("the message body is empty, too long or has control characters");
    else if (message.subject.size() > kMaxSubject || hasControl(message.subject, false))
        problem = QStringLiteral("the subject is too long or has control characters");
    if (!problem.isEmpty()) {
        done(failure(message, QStringLiteral("%1: %2").arg(providerName(), problem)));
        return future;
    }
    QMetaObject::invokeMethod(
        this, [this, message, done] { deliver(message, done); }, Qt::QueuedConnection);
    return future;
}

QString MessageSender::scrub(const Message& message, QString text)
{
    if (!message.body.isEmpty())
        text.replace(message.body, QStringLiteral("[message]"));
    for (const QString& line : message.body.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.trimmed().size() >= 4)
            text.replace(line.trimmed(), QStringLiteral("[message]"));
    if (!message.secret.isEmpty())
        text.replace(message.secret, QStringLiteral("[code]"));
    text.replace(QRegularExpression(QStringLiteral("[\\x00-\\x1f\\x7f]+")), QStringLiteral(" "));
    return text.left(kMaxProviderText);
}

DeliveryResult MessageSender::failure(const Message& message, const QString& error, int httpStatus,
                                      const QString& providerCode)
{
    DeliveryResult result;
    result.error = scrub(message, error);
    result.httpStatus = httpStatus;
    result.providerCode = scrub(message, providerCode);
    return result;
}

} // namespace auth::mfa::delivery
