#include "mfa/delivery/SmtpMailSender.h"

#include "mfa/delivery/SmtpSession.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSysInfo>

namespace auth::mfa::delivery {
namespace {

bool isAscii(const QByteArray& text)
{
    for (const char c : text)
        if (quint8(c) > 0x7e)
            return false;
    return true;
}

// A header phrase: plain when it is printable ASCII, else an RFC 2047 encoded-word.
QByteArray headerText(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    if (isAscii(utf8))
        return utf8;
    return "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

QByteArray displayName(const QString& name)
{
    const QByteArray utf8 = name.toUtf8();
    if (!isAscii(utf8))
        return headerText(name);
    QByteArray quoted = utf8;
    quoted.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + quoted + '"';
}

QByteArray toCrlf(const QString& text)
{
    QByteArray out = text.toUtf8();
    out.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    return out;
}

} // namespace

SmtpMailSender::SmtpMailSender(SmtpSettings smtp, SenderSettings settings, QObject* parent)
    : MessageSender(std::move(settings), parent)
    , m_smtp(std::move(smtp))
{
    if (m_smtp.heloName.isEmpty()) {
        static const QRegularExpression hostName(QStringLiteral("^[A-Za-z0-9.-]{1,253}\\z"));
        const QString machine = QSysInfo::machineHostName();
        m_smtp.heloName = hostName.match(machine).hasMatch() ? machine : QStringLiteral("localhost");
    }
}

QString SmtpMailSender::checkSettings(const SmtpSettings& smtp)
{
    static const QRegularExpression host(QStringLiteral("^[A-Za-z0-9.:-]{1,253}\\z"));
    if (!host.match(smtp.host).hasMatch())
        return QStringLiteral("SMTP_HOST is not set or not a host name");
    if (smtp.port == 0)
        return QStringLiteral("SMTP_PORT is not a port");
    if (!checkRecipient(Channel::Email, smtp.fromEmail).isEmpty())
        return QStringLiteral("EMAIL_FROM must be a plain user@domain address");
    if (!smtp.username.isEmpty() && smtp.password.isEmpty())
        return QStringLiteral("SMTP_PASSWORD is not set for SMTP_USERNAME");
    if (!smtp.username.isEmpty() && !smtp.implicitTls && smtp.startTls != SmtpSettings::StartTls::Required)
        return QStringLiteral("SMTP AUTH needs SMTP_STARTTLS=required or SMTP_IMPLICIT_TLS=true");
    return {};
}

QByteArray SmtpMailSender::dotStuff(const QByteArray& crlfText)
{
    QByteArray out = crlfText;
    if (out.startsWith('.'))
        out.prepend('.');
    out.replace("\r\n.", "\r\n..");
    return out;
}

QByteArray SmtpMailSender::composeMessage(const SmtpSettings& smtp, const Message& message,
                                          const QByteArray& messageId)
{
    const QByteArray body = toCrlf(message.body);
    bool plain = isAscii(body);
    for (const QByteArray& line : body.split('\n'))
        plain = plain && line.size() <= 998;
    QByteArray out;
    out += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    out += "From: ";
    if (!smtp.fromName.isEmpty())
        out += displayName(smtp.fromName) + ' ';
    out += '<' + smtp.fromEmail.toLatin1() + ">\r\n";
    out += "To: <" + message.recipient.toLatin1() + ">\r\n";
    out += "Subject: "
        + headerText(message.subject.isEmpty() ? QStringLiteral("Your verification code") : message.subject)
        + "\r\n";
    out += "Message-ID: " + messageId + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    if (plain) {
        out += "Content-Transfer-Encoding: 7bit\r\n\r\n" + body;
    } else {
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        const QByteArray encoded = message.body.toUtf8().toBase64();
        for (qsizetype i = 0; i < encoded.size(); i += 76)
            out += encoded.mid(i, 76) + "\r\n";
    }
    if (!out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

void SmtpMailSender::deliver(const Message& message, Done done)
{
    if (const QString problem = checkSettings(m_smtp); !problem.isEmpty()) {
        done(failure(message, QStringLiteral("smtp: ") + problem));
        return;
    }
    // The session deletes itself once it has reported.
    new SmtpSession(m_smtp, settings(), message, std::move(done), this);
}

} // namespace auth::mfa::delivery
