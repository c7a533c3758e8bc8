#pragma once

#include "mfa/delivery/MessageSender.h"

namespace auth::mfa::delivery {

struct SmtpSettings
{
    enum class StartTls { Required, Opportunistic, None };

    QString host;
    quint16 port = 587;
    QString username; // empty: no AUTH
    QString password;
    StartTls startTls = StartTls::Required;
    bool implicitTls = false; // TLS from the first byte (port 465)
    QString fromEmail;
    QString fromName;
    QString heloName; // empty: this machine's host name
};

// E-mail over SMTP (RFC 5321) with Qt's QSslSocket: EHLO, STARTTLS (RFC 3207) as
// the policy says, AUTH PLAIN or LOGIN only over TLS, MAIL FROM, RCPT TO, DATA with
// dot-stuffing and Date, Message-ID, MIME headers. One connection per message; the
// whole dialogue must finish within the timeout. The certificate is verified
// against the host name.
class SmtpMailSender : public MessageSender
{
    Q_OBJECT

public:
    SmtpMailSender(SmtpSettings smtp, SenderSettings settings, QObject* parent = nullptr);

    Channel channel() const override { return Channel::Email; }
    QString providerName() const override { return QStringLiteral("smtp"); }

    static QString checkSettings(const SmtpSettings& smtp);
    // The RFC 5322 message (headers and body, CRLF, not yet dot-stuffed).
    static QByteArray composeMessage(const SmtpSettings& smtp, const Message& message,
                                     const QByteArray& messageId);
    // Transparency (RFC 5321 §4.5.2): a '.' starting a line is doubled.
    static QByteArray dotStuff(const QByteArray& crlfText);

protected:
    void deliver(const Message& message, Done done) override;

private:
    SmtpSettings m_smtp;
};

} // namespace auth::mfa::delivery
