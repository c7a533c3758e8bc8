#include "mfa/delivery/SmtpSession.h"

#include "crypto/Random.h"

#include <QSslConfiguration>

namespace auth::mfa::delivery {
namespace {

constexpr qsizetype kMaxLine = 2048;
constexpr int kMaxReplyLines = 64;

} // namespace

SmtpSession::SmtpSession(const SmtpSettings& smtp, const SenderSettings& settings, const Message& message,
                         std::function<void(DeliveryResult)> done, QObject* parent)
    : QObject(parent)
    , m_smtp(smtp)
    , m_message(message)
    , m_done(std::move(done))
    , m_socket(this)
    , m_deadline(this)
{
    const QString domain = m_smtp.fromEmail.section(QLatin1Char('@'), 1);
    m_messageId = '<' + crypto::randomToken(18).toLatin1() + '@' + domain.toLatin1() + '>';

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!settings.extraCaCertificates.isEmpty())
        tls.addCaCertificates(settings.extraCaCertificates);
    m_socket.setSslConfiguration(tls);
    m_socket.setPeerVerifyName(m_smtp.host);

    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("no answer within the timeout at %1").arg(stageName(m_stage)), {}, true);
    });
    connect(&m_socket, &QSslSocket::readyRead, this, &SmtpSession::onReadyRead);
    connect(&m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_stage != Stage::Finished && m_stage != Stage::Quit)
            fail(m_socket.errorString());
    });
    connect(&m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        fail(QStringLiteral("TLS: ")
             + (errors.isEmpty() ? QStringLiteral("handshake failed") : errors.first().errorString()));
    });
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_stage == Stage::StartTls)
            command("EHLO " + m_smtp.heloName.toLatin1(), Stage::Ehlo);
    });
    m_deadline.start(settings.timeoutMs);
    if (m_smtp.implicitTls)
        m_socket.connectToHostEncrypted(m_smtp.host, m_smtp.port);
    else
        m_socket.connectToHost(m_smtp.host, m_smtp.port);
}

QString SmtpSession::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Greeting:
        return QStringLiteral("greeting");
    case Stage::Ehlo:
        return QStringLiteral("EHLO");
    case Stage::StartTls:
        return QStringLiteral("STARTTLS");
    case Stage::AuthPlain:
    case Stage::AuthLogin:
    case Stage::AuthLoginUser:
    case Stage::AuthLoginPassword:
        return QStringLiteral("AUTH");
    case Stage::MailFrom:
        return QStringLiteral("MAIL FROM");
    case Stage::RcptTo:
        return QStringLiteral("RCPT TO");
    case Stage::Data:
        return QStringLiteral("DATA");
    case Stage::Body:
        return QStringLiteral("message data");
    case Stage::Quit:
    case Stage::Finished:
        break;
    }
    return QStringLiteral("QUIT");
}

void SmtpSession::onReadyRead()
{
    m_buffer += m_socket.readAll();
    for (;;) {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0) {
            if (m_buffer.size() > kMaxLine)
                fail(QStringLiteral("the server sent an overlong line"));
            return;
        }
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        bool numeric = false;
        const int code = line.left(3).toInt(&numeric);
        if (line.size() < 3 || !numeric || (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
            fail(QStringLiteral("the server sent a malformed reply"));
            return;
        }
        m_replyLines.append(QString::fromUtf8(line.mid(4)));
        if (m_replyLines.size() > kMaxReplyLines) {
            fail(QStringLiteral("the server sent an overlong reply"));
            return;
        }
        if (line.size() > 3 && line[3] == '-')
            continue;
        const QStringList lines = std::exchange(m_replyLines, {});
        onReply(code, lines);
        if (m_stage == Stage::Finished)
            return;
        if (m_stage == Stage::StartTls && !m_buffer.isEmpty()) {
            // Anything sent after the 220 but before the handshake was injected in clear text.
            fail(QStringLiteral("the server sent data before the TLS handshake"));
            return;
        }
    }
}

void SmtpSession::onReply(int code, const QStringList& lines)
{
    const auto refuse = [&] {
        fail(QStringLiteral("server refused %1: %2 %3")
                 .arg(stageName(m_stage))
                 .arg(code)
                 .arg(lines.join(QLatin1Char(' '))),
             QString::number(code));
    };
    switch (m_stage) {
    case Stage::Greeting:
        if (code != 220)
            return refuse();
        return command("EHLO " + m_smtp.heloName.toLatin1(), Stage::Ehlo);
    case Stage::Ehlo:
        if (code != 250)
            return refuse();
        return afterEhlo(lines);
    case Stage::StartTls:
        if (code != 220)
            return refuse();
        m_socket.startClientEncryption();
        return;
    case Stage::AuthPlain:
    case Stage::AuthLoginPassword:
        if (code != 235)
            return refuse();
        return command("MAIL FROM:<" + m_smtp.fromEmail.toLatin1() + '>', Stage::MailFrom);
    case Stage::AuthLogin:
        if (code != 334)
            return refuse();
        return command(m_smtp.username.toUtf8().toBase64(), Stage::AuthLoginUser);
    case Stage::AuthLoginUser:
        if (code != 334)
            return refuse();
        return command(m_smtp.password.toUtf8().toBase64(), Stage::AuthLoginPassword);
    case Stage::MailFrom:
        if (code != 250)
            return refuse();
        return command("RCPT TO:<" + m_message.recipient.toLatin1() + '>', Stage::RcptTo);
    case Stage::RcptTo:
        if (code != 250 && code != 251)
            return refuse();
        return command("DATA", Stage::Data);
    case Stage::Data:
        if (code != 354)
            return refuse();
        m_socket.write(
            SmtpMailSender::dotStuff(SmtpMailSender::composeMessage(m_smtp, m_message, m_messageId))
            + ".\r\n");
        m_stage = Stage::Body;
        return;
    case Stage::Body:
        if (code != 250)
            return refuse();
        return succeed();
    case Stage::Quit:
    case Stage::Finished:
        return;
    }
}

void SmtpSession::afterEhlo(const QStringList& lines)
{
    m_offersStartTls = false;
    m_authMechanisms.clear();
    for (const QString& line : lines.mid(1)) {
        const QString upper = line.trimmed().toUpper();
        if (upper == QLatin1String("STARTTLS"))
            m_offersStartTls = true;
        else if (upper.startsWith(QLatin1String("AUTH ")) || upper.startsWith(QLatin1String("AUTH=")))
            m_authMechanisms += upper.mid(5).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    if (!m_socket.isEncrypted() && m_smtp.startTls != SmtpSettings::StartTls::None) {
        if (m_offersStartTls)
            return command("STARTTLS", Stage::StartTls);
        if (m_smtp.startTls == SmtpSettings::StartTls::Required)
            return fail(
                QStringLiteral("the server does not offer STARTTLS, which SMTP_STARTTLS=required demands"));
    }
    authenticateOrSend();
}

void SmtpSession::authenticateOrSend()
{
    if (m_smtp.username.isEmpty())
        return command("MAIL FROM:<" + m_smtp.fromEmail.toLatin1() + '>', Stage::MailFrom);
    if (!m_socket.isEncrypted())
        return fail(QStringLiteral("refusing to send SMTP credentials without TLS"));
    if (m_authMechanisms.contains(QLatin1String("PLAIN"))) {
        const QByteArray token = '\0' + m_smtp.username.toUtf8() + '\0' + m_smtp.password.toUtf8();
        return command("AUTH PLAIN " + token.toBase64(), Stage::AuthPlain);
    }
    if (m_authMechanisms.contains(QLatin1String("LOGIN")))
        return command("AUTH LOGIN", Stage::AuthLogin);
    fail(QStringLiteral("the server offers no AUTH mechanism we speak (PLAIN, LOGIN)"));
}

void SmtpSession::command(const QByteArray& line, Stage next)
{
    m_stage = next;
    m_socket.write(line + "\r\n");
}

void SmtpSession::succeed()
{
    DeliveryResult result;
    result.ok = true;
    result.providerMessageId = QString::fromLatin1(m_messageId);
    m_stage = Stage::Finished;
    m_deadline.stop();
    m_done(result);
    // Say goodbye politely, but never wait long for the server to hang up.
    m_socket.write("QUIT\r\n");
    connect(&m_socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
    QTimer::singleShot(2000, this, &QObject::deleteLater);
    m_socket.disconnectFromHost();
}

void SmtpSession::fail(const QString& error, const QString& code, bool timedOut)
{
    if (m_stage == Stage::Finished)
        return;
    m_stage = Stage::Finished;
    m_deadline.stop();
    DeliveryResult result = MessageSender::failure(m_message, QStringLiteral("smtp: ") + error, 0, code);
    result.timedOut = timedOut;
    m_done(result);
    m_socket.abort();
    deleteLater();
}

} // namespace auth::mfa::delivery
