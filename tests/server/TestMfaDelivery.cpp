#include "FakeGateway.h"
#include "config/Config.h"
#include "core/Clock.h"
#include "mfa/delivery/OneTimeCode.h"
#include "mfa/delivery/SendGridMailSender.h"
#include "mfa/delivery/SendLimiter.h"
#include "mfa/delivery/SenderFactory.h"
#include "mfa/delivery/SmtpMailSender.h"
#include "mfa/delivery/TwilioSmsSender.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QThread>

using namespace auth::mfa::delivery;
using auth::test::FakeGateway;

namespace {

const QString kSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString kToken = QStringLiteral("twilio-auth-token-secret");
const QString kCode = QStringLiteral("482913");

Message sms(const QString& to = QStringLiteral("+4915112345678"))
{
    return {Channel::Sms, to, {}, QStringLiteral("Your auth-service code is %1").arg(kCode), kCode};
}

Message mail(const QString& body = QStringLiteral("Your code is %1").arg(kCode))
{
    return {Channel::Email, QStringLiteral("alice@example.com"), QStringLiteral("Your sign-in code"), body,
            kCode};
}

DeliveryResult await(QFuture<DeliveryResult> future, int timeoutMs = 20000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return {false, QStringLiteral("test: the future never finished")};
    if (future.isCanceled() || future.resultCount() == 0)
        return {false, QStringLiteral("test: cancelled")};
    return future.result();
}

SenderSettings trusting(const FakeGateway& gateway, int timeoutMs = 10000)
{
    SenderSettings settings;
    settings.timeoutMs = timeoutMs;
    settings.extraCaCertificates = QSslCertificate::fromPath(gateway.caFile());
    return settings;
}

TwilioSettings twilioFor(const FakeGateway& gateway)
{
    return {QUrl(gateway.baseUrl()), kSid, kToken, QStringLiteral("+15005550006")};
}

SmtpSettings smtpFor(const FakeGateway& gateway)
{
    SmtpSettings smtp;
    smtp.host = QStringLiteral("127.0.0.1");
    smtp.port = gateway.serverPort();
    smtp.username = QStringLiteral("mailer");
    smtp.password = QStringLiteral("smtp-password-secret");
    smtp.fromEmail = QStringLiteral("no-reply@auth.example.com");
    smtp.fromName = QStringLiteral("Auth \"Service\"");
    smtp.heloName = QStringLiteral("auth.example.com");
    return smtp;
}

// Form fields decoded the way Twilio reads them (percent-decoding, '+' as space).
QMap<QByteArray, QString> formFields(const QByteArray& body)
{
    QMap<QByteArray, QString> fields;
    for (const QByteArray& pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        QByteArray value = pair.mid(eq + 1);
        value.replace('+', ' ');
        fields.insert(pair.left(eq), QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

void verifyClean(const DeliveryResult& result)
{
    QVERIFY(!result.ok);
    QVERIFY(!result.error.isEmpty());
    QVERIFY2(!result.error.contains(kCode), qPrintable(result.error));
    QVERIFY2(!result.error.contains(QLatin1String("Your auth-service code")), qPrintable(result.error));
    QVERIFY(!result.providerCode.contains(kCode));
}

} // namespace

class TestMfaDelivery : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { auth::Clock::setFixedMs(0); }
    void twilioSendsWellFormedRequest();
    void twilioMessagingService();
    void twilioErrorsNeverCarryTheCode();
    void sendGridSendsWellFormedRequest();
    void sendGridErrors();
    void httpsVerifiesTheGateway();
    void httpTimeout();
    void invalidMessagesNeverLeave();
    void sendFromAnotherThread();
    void smtpDialogueWithStartTlsAndAuthPlain();
    void smtpAuthLoginAndImplicitTls();
    void smtpFailures();
    void smtpTimeout();
    void factoryFollowsConfig();
    void oneTimeCodes();
    void oneTimeCodeLimits();
    void sendLimiter();
};

void TestMfaDelivery::twilioSendsWellFormedRequest()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY2(gateway.start(&error), qPrintable(error));
    TwilioSmsSender sender(twilioFor(gateway), trusting(gateway));
    const DeliveryResult result = await(sender.send(sms()));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.httpStatus, 201);
    QCOMPARE(result.providerMessageId, QStringLiteral("SM00000000000000000000000000000001"));

    QCOMPARE(gateway.requests().size(), 1);
    const FakeGateway::HttpRequest request = gateway.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/2010-04-01/Accounts/") + kSid.toLatin1() + "/Messages.json");
    QCOMPARE(request.headers.value("authorization"), "Basic " + (kSid + ':' + kToken).toLatin1().toBase64());
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(request.body.contains("To=%2B4915112345678"));
    const auto fields = formFields(request.body);
    QCOMPARE(fields.keys(), (QList<QByteArray> {"Body", "From", "To"}));
    QCOMPARE(fields.value("To"), QStringLiteral("+4915112345678"));
    QCOMPARE(fields.value("From"), QStringLiteral("+15005550006"));
    QCOMPARE(fields.value("Body"), sms().body);
}

void TestMfaDelivery::twilioMessagingService()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    TwilioSettings twilio = twilioFor(gateway);
    twilio.from = QStringLiteral("MG0123456789abcdef0123456789abcdef");
    twilio.baseUrl = QUrl(gateway.baseUrl() + QStringLiteral("/"));
    TwilioSmsSender sender(twilio, trusting(gateway));
    QVERIFY(await(sender.send(sms())).ok);
    const auto request = gateway.requests().value(0);
    QCOMPARE(request.path, QByteArray("/2010-04-01/Accounts/") + kSid.toLatin1() + "/Messages.json");
    const auto fields = formFields(request.body);
    QCOMPARE(fields.value("MessagingServiceSid"), twilio.from);
    QVERIFY(!fields.contains("From"));
}

void TestMfaDelivery::twilioErrorsNeverCarryTheCode()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    TwilioSmsSender sender(twilioFor(gateway), trusting(gateway));
    // A gateway that echoes the message in its error must not leak it to us.
    gateway.setHttpResponse(
        400,
        QStringLiteral(
            R"({"code":21211,"message":"Invalid 'To' for 'Your auth-service code is %1'","more_info":"https://www.twilio.com/docs/errors/21211","status":400})")
            .arg(kCode)
            .toUtf8());
    DeliveryResult result = await(sender.send(sms()));
    verifyClean(result);
    QCOMPARE(result.httpStatus, 400);
    QCOMPARE(result.providerCode, QStringLiteral("21211"));
    QVERIFY2(result.error.startsWith(QLatin1String("twilio: HTTP 400, error 21211: Invalid 'To'")),
             qPrintable(result.error));

    gateway.setHttpResponse(500, "upstream exploded " + kCode.toLatin1(), "text/plain");
    result = await(sender.send(sms()));
    verifyClean(result);
    QCOMPARE(result.httpStatus, 500);
    QCOMPARE(result.error, QStringLiteral("twilio: HTTP 500"));

    gateway.setHttpResponse(401, R"({"code":20003,"message":"Authenticate","status":401})");
    result = await(sender.send(sms()));
    verifyClean(result);
    QCOMPARE(result.error, QStringLiteral("twilio: HTTP 401, error 20003: Authenticate"));
    QVERIFY(!result.error.contains(kToken));
}

void TestMfaDelivery::sendGridSendsWellFormedRequest()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    gateway.setHttpResponse(202, {}, "text/plain", {{"X-Message-Id", "sg-message-1"}});
    SendGridMailSender sender({QUrl(gateway.baseUrl()), QStringLiteral("SG.test-key"),
                               QStringLiteral("no-reply@auth.example.com"), QStringLiteral("Auth Service")},
                              trusting(gateway));
    const DeliveryResult result = await(sender.send(mail()));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.httpStatus, 202);
    QCOMPARE(result.providerMessageId, QStringLiteral("sg-message-1"));

    const auto request = gateway.requests().value(0);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QByteArray("/v3/mail/send"));
    QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer SG.test-key"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.keys(), (QStringList {"content", "from", "personalizations", "subject"}));
    const QJsonArray personalizations = body.value("personalizations").toArray();
    QCOMPARE(personalizations.size(), 1);
    QCOMPARE(personalizations.at(0).toObject().value("to").toArray(),
             (QJsonArray {QJsonObject {{"email", "alice@example.com"}}}));
    QCOMPARE(body.value("from").toObject(),
             (QJsonObject {{"email", "no-reply@auth.example.com"}, {"name", "Auth Service"}}));
    QCOMPARE(body.value("subject").toString(), QStringLiteral("Your sign-in code"));
    QCOMPARE(body.value("content").toArray(),
             (QJsonArray {QJsonObject {{"type", "text/plain"}, {"value", mail().body}}}));
}

void TestMfaDelivery::sendGridErrors()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    SendGridMailSender sender({QUrl(gateway.baseUrl()),
                               QStringLiteral("SG.test-key"),
                               QStringLiteral("no-reply@auth.example.com"),
                               {}},
                              trusting(gateway));
    gateway.setHttpResponse(
        400,
        R"({"errors":[{"message":"The from address does not match a verified Sender Identity.","field":"from","help":null}]})");
    DeliveryResult result = await(sender.send(mail()));
    verifyClean(result);
    QCOMPARE(result.error,
             QStringLiteral(
                 "sendgrid: HTTP 400: The from address does not match a verified Sender Identity. (from)"));
    // 200 is not what SendGrid answers to an accepted mail: only 202 is success.
    gateway.setHttpResponse(200, "{}");
    result = await(sender.send(mail()));
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 200);
}

void TestMfaDelivery::httpsVerifiesTheGateway()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    SenderSettings untrusted;
    untrusted.timeoutMs = 5000;
    TwilioSmsSender sender(twilioFor(gateway), untrusted);
    const DeliveryResult result = await(sender.send(sms()));
    verifyClean(result);
    QCOMPARE(result.httpStatus, 0);
    QVERIFY(gateway.requests().isEmpty()); // the credentials never left
}

void TestMfaDelivery::httpTimeout()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    gateway.setSilent(true);
    TwilioSmsSender sender(twilioFor(gateway), trusting(gateway, 400));
    QElapsedTimer clock;
    clock.start();
    const DeliveryResult result = await(sender.send(sms()));
    verifyClean(result);
    QVERIFY(result.timedOut);
    QVERIFY(result.error.contains(QLatin1String("timeout")));
    QVERIFY2(clock.elapsed() >= 350 && clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestMfaDelivery::invalidMessagesNeverLeave()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    TwilioSmsSender sender(twilioFor(gateway), trusting(gateway));
    for (const QString& to : {QStringLiteral("015112345678"), QStringLiteral("+49 151 1234"),
                              QStringLiteral("+4915112345678\n"), QStringLiteral("+0123456789"), QString()}) {
        const DeliveryResult result = await(sender.send(sms(to)));
        verifyClean(result);
        QVERIFY(result.error.contains(QLatin1String("E.164")));
    }
    QVERIFY(!await(sender.send(mail())).ok); // wrong channel
    Message empty = sms();
    empty.body.clear();
    QVERIFY(!await(sender.send(empty)).ok);
    Message huge = sms();
    huge.body = QString(9000, QLatin1Char('x'));
    QVERIFY(!await(sender.send(huge)).ok);

    SmtpSettings smtp;
    smtp.host = QStringLiteral("127.0.0.1");
    smtp.fromEmail = QStringLiteral("no-reply@auth.example.com");
    SmtpMailSender mailer(smtp, {});
    for (const QString& to : {QStringLiteral("alice@example.com>\r\nRCPT TO:<eve@evil.test"),
                              QStringLiteral("alice@example.com\r\n"), QStringLiteral("alice@example.com\n"),
                              QStringLiteral("\"a b\"@example.com"), QStringLiteral("alice"),
                              QStringLiteral("alice@-example.com")}) {
        Message m = mail();
        m.recipient = to;
        QVERIFY2(!await(mailer.send(m)).ok, qPrintable(to));
    }
    Message injected = mail();
    injected.subject = QStringLiteral("Hi\r\nBcc: eve@evil.test");
    QVERIFY(!await(mailer.send(injected)).ok);
    QVERIFY(gateway.requests().isEmpty());
}

void TestMfaDelivery::sendFromAnotherThread()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    QThread worker;
    worker.start();
    auto* sender = new TwilioSmsSender(twilioFor(gateway), trusting(gateway));
    sender->moveToThread(&worker);
    QList<QFuture<DeliveryResult>> futures;
    for (int i = 0; i < 3; ++i)
        futures.append(sender->send(sms()));
    for (const auto& future : futures)
        QVERIFY(await(future).ok);
    QCOMPARE(gateway.requests().size(), 3);
    QMetaObject::invokeMethod(sender, &QObject::deleteLater);
    worker.quit();
    QVERIFY(worker.wait(5000));
}

void TestMfaDelivery::smtpDialogueWithStartTlsAndAuthPlain()
{
    FakeGateway gateway(FakeGateway::Protocol::Smtp);
    QString error;
    QVERIFY(gateway.start(&error));
    gateway.smtp().user = "mailer";
    gateway.smtp().password = "smtp-password-secret";
    SmtpMailSender sender(smtpFor(gateway), trusting(gateway));
    const QString body = QStringLiteral("Your code is %1\n.leading dot\n..two dots\nend\n.").arg(kCode);
    const DeliveryResult result = await(sender.send(mail(body)));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.providerMessageId.endsWith(QLatin1String("@auth.example.com>")));

    QTRY_VERIFY(gateway.smtpSessions().value(0).commands.contains("QUIT"));
    const FakeGateway::SmtpRecord record = gateway.smtpSessions().first();
    QVERIFY(record.tlsUsed);
    QVERIFY(record.authenticated);
    const QByteArray plain = QByteArray("\0mailer\0smtp-password-secret", 28).toBase64();
    QCOMPARE(record.commands,
             (QByteArrayList {"EHLO auth.example.com", "STARTTLS", "EHLO auth.example.com",
                              "AUTH PLAIN " + plain, "MAIL FROM:<no-reply@auth.example.com>",
                              "RCPT TO:<alice@example.com>", "DATA", "QUIT"}));
    const QByteArray data = record.data;
    const qsizetype split = data.indexOf("\r\n\r\n");
    QVERIFY(split > 0);
    const QByteArray headers = data.left(split + 2);
    QVERIFY(headers.startsWith("Date: "));
    QVERIFY(headers.contains("\r\nFrom: \"Auth \\\"Service\\\"\" <no-reply@auth.example.com>\r\n"));
    QVERIFY(headers.contains("\r\nTo: <alice@example.com>\r\n"));
    QVERIFY(headers.contains("\r\nSubject: Your sign-in code\r\n"));
    QVERIFY(headers.contains("\r\nMessage-ID: " + result.providerMessageId.toLatin1() + "\r\n"));
    QVERIFY(headers.contains("\r\nMIME-Version: 1.0\r\n"));
    QVERIFY(headers.contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
    const QDateTime date = QDateTime::fromString(
        QString::fromLatin1(headers.mid(6, headers.indexOf("\r\n") - 6)), Qt::RFC2822Date);
    QVERIFY(date.isValid());
    QVERIFY(qAbs(date.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    // Dot-stuffing on the wire: every line starting with '.' got one more.
    QCOMPARE(data.mid(split + 4),
             QByteArray("Your code is 482913\r\n..leading dot\r\n...two dots\r\nend\r\n..\r\n"));
}

void TestMfaDelivery::smtpAuthLoginAndImplicitTls()
{
    FakeGateway gateway(FakeGateway::Protocol::Smtp);
    QString error;
    QVERIFY(gateway.start(&error));
    gateway.smtp().user = "mailer";
    gateway.smtp().password = "smtp-password-secret";
    gateway.smtp().authMechanisms = {"LOGIN"};
    gateway.smtp().implicitTls = true;
    gateway.smtp().offerStartTls = false;
    SmtpSettings smtp = smtpFor(gateway);
    smtp.implicitTls = true;
    SmtpMailSender sender(smtp, trusting(gateway));
    const DeliveryResult result = await(sender.send(mail()));
    QVERIFY2(result.ok, qPrintable(result.error));
    const auto record = gateway.smtpSessions().value(0);
    QVERIFY(record.authenticated);
    QCOMPARE(record.commands.mid(0, 4),
             (QByteArrayList {"EHLO auth.example.com", "AUTH LOGIN", QByteArray("mailer").toBase64(),
                              QByteArray("smtp-password-secret").toBase64()}));

    // No credentials and no TLS on offer: opportunistic mode sends in the clear.
    FakeGateway plainGateway(FakeGateway::Protocol::Smtp);
    QVERIFY(plainGateway.start(&error));
    plainGateway.smtp().offerStartTls = false;
    SmtpSettings open = smtpFor(plainGateway);
    open.username.clear();
    open.password.clear();
    open.startTls = SmtpSettings::StartTls::Opportunistic;
    SmtpMailSender openSender(open, trusting(plainGateway));
    QVERIFY(await(openSender.send(mail())).ok);
    QVERIFY(!plainGateway.smtpSessions().value(0).tlsUsed);
}

void TestMfaDelivery::smtpFailures()
{
    struct Case
    {
        const char* name;
        std::function<void(FakeGateway&, SmtpSettings&, SenderSettings&)> setup;
        QString expected;
        bool mailFromSent;
    };
    const QList<Case> cases = {
        {"rcpt refused",
         [](FakeGateway& g, SmtpSettings&, SenderSettings&) { g.smtp().failCommand = "RCPT TO"; },
         QStringLiteral("smtp: server refused RCPT TO: 554 5.7.1 Message rejected"), true},
        {"data refused",
         [](FakeGateway& g, SmtpSettings&, SenderSettings&) {
             g.smtp().failCommand = "END-OF-DATA";
             g.smtp().failReply = QStringLiteral("554 5.6.0 Content %1 rejected").arg(kCode).toLatin1();
         },
         QStringLiteral("smtp: server refused message data: 554 5.6.0 Content [code] rejected"), true},
        {"bad password",
         [](FakeGateway&, SmtpSettings& s, SenderSettings&) { s.password = QStringLiteral("wrong"); },
         QStringLiteral("smtp: server refused AUTH: 535 5.7.8 Bad credentials"), false},
        {"no starttls",
         [](FakeGateway& g, SmtpSettings&, SenderSettings&) { g.smtp().offerStartTls = false; },
         QStringLiteral("smtp: the server does not offer STARTTLS, which SMTP_STARTTLS=required demands"),
         false},
        {"no auth mechanism",
         [](FakeGateway& g, SmtpSettings&, SenderSettings&) { g.smtp().authMechanisms = {"CRAM-MD5"}; },
         QStringLiteral("smtp: the server offers no AUTH mechanism we speak (PLAIN, LOGIN)"), false},
        {"injection after starttls",
         [](FakeGateway& g, SmtpSettings&, SenderSettings&) { g.smtp().injectAfterStartTls = true; },
         QStringLiteral("smtp: the server sent data before the TLS handshake"), false},
        {"untrusted certificate",
         [](FakeGateway&, SmtpSettings&, SenderSettings& settings) { settings.extraCaCertificates.clear(); },
         QStringLiteral("smtp: TLS: "), false},
        {"connection refused",
         [](FakeGateway&, SmtpSettings& s, SenderSettings&) { s.host = QStringLiteral("::1"); },
         QStringLiteral("smtp: "), false},
    };
    for (const Case& c : cases) {
        FakeGateway gateway(FakeGateway::Protocol::Smtp);
        QString error;
        QVERIFY(gateway.start(&error));
        gateway.smtp().user = "mailer";
        gateway.smtp().password = "smtp-password-secret";
        SmtpSettings smtp = smtpFor(gateway);
        SenderSettings settings = trusting(gateway, 5000);
        c.setup(gateway, smtp, settings);
        SmtpMailSender sender(smtp, settings);
        const DeliveryResult result = await(sender.send(mail()));
        verifyClean(result);
        QVERIFY2(result.error.startsWith(c.expected),
                 qPrintable(QLatin1String(c.name) + ": " + result.error));
        QVERIFY(!result.error.contains(QLatin1String("smtp-password-secret")));
        QCOMPARE(result.timedOut, false);
        bool mailFrom = false;
        bool authSent = false;
        for (const FakeGateway::SmtpRecord& record : gateway.smtpSessions())
            for (const QByteArray& command : record.commands) {
                mailFrom = mailFrom || command.startsWith("MAIL FROM");
                authSent = authSent || (command.startsWith("AUTH") && !record.tlsUsed);
            }
        QVERIFY2(mailFrom == c.mailFromSent, c.name);
        QVERIFY2(!authSent, c.name);
    }
}

void TestMfaDelivery::smtpTimeout()
{
    FakeGateway gateway(FakeGateway::Protocol::Smtp);
    QString error;
    QVERIFY(gateway.start(&error));
    gateway.setSilent(true);
    SmtpMailSender sender(smtpFor(gateway), trusting(gateway, 400));
    QElapsedTimer clock;
    clock.start();
    const DeliveryResult result = await(sender.send(mail()));
    verifyClean(result);
    QVERIFY(result.timedOut);
    QCOMPARE(result.error, QStringLiteral("smtp: no answer within the timeout at greeting"));
    QVERIFY(clock.elapsed() < 5000);
}

void TestMfaDelivery::factoryFollowsConfig()
{
    FakeGateway gateway(FakeGateway::Protocol::Https);
    QString error;
    QVERIFY(gateway.start(&error));
    QString problem;
    QVERIFY(!createSender(auth::Config::fromValues({}), Channel::Sms, &problem));
    QVERIFY(problem.isEmpty());
    QVERIFY(!createSender(auth::Config::fromValues({}), Channel::Email, &problem));
    QVERIFY(problem.isEmpty());

    QHash<QString, QString> values {
        {"mfa.sms_provider", "twilio"},      {"mfa.twilio_base_url", gateway.baseUrl()},
        {"mfa.twilio_account_sid", kSid},    {"mfa.twilio_auth_token", kToken},
        {"mfa.twilio_from", "+15005550006"}, {"mfa.delivery_ca_file", gateway.caFile()},
        {"mfa.delivery_timeout", "3s"}};
    const auth::Config config = auth::Config::fromValues(values);
    QCOMPARE(config.problems().size(), 0);
    std::unique_ptr<MessageSender> sender = createSender(config, Channel::Sms, &problem);
    QVERIFY2(sender, qPrintable(problem));
    QCOMPARE(sender->providerName(), QStringLiteral("twilio"));
    QVERIFY(await(sender->send(sms())).ok);
    QCOMPARE(gateway.requests().size(), 1);

    values.remove("mfa.twilio_account_sid");
    QVERIFY(!createSender(auth::Config::fromValues(values), Channel::Sms, &problem));
    QVERIFY(problem.contains(QLatin1String("TWILIO_ACCOUNT_SID")));
    values.insert("mfa.twilio_account_sid", kSid);
    values.insert("mfa.delivery_ca_file", "/nonexistent/ca.pem");
    QVERIFY(!createSender(auth::Config::fromValues(values), Channel::Sms, &problem));
    QVERIFY(problem.contains(QLatin1String("MFA_DELIVERY_CA_FILE")));
    QVERIFY(
        !auth::Config::fromValues({{"mfa.twilio_base_url", "http://api.twilio.com"}}).problems().isEmpty());
    QVERIFY(!auth::Config::fromValues({{"mfa.sms_provider", "nexmo"}}).problems().isEmpty());

    const auth::Config mailConfig = auth::Config::fromValues({{"mfa.email_provider", "smtp"},
                                                              {"mfa.smtp_host", "mail.example.com"},
                                                              {"mfa.email_from", "no-reply@example.com"}});
    sender = createSender(mailConfig, Channel::Email, &problem);
    QVERIFY2(sender, qPrintable(problem));
    QCOMPARE(sender->providerName(), QStringLiteral("smtp"));
    const auth::Config weakSmtp = auth::Config::fromValues({{"mfa.email_provider", "smtp"},
                                                            {"mfa.smtp_host", "mail.example.com"},
                                                            {"mfa.smtp_username", "u"},
                                                            {"mfa.smtp_password", "p"},
                                                            {"mfa.smtp_starttls", "opportunistic"},
                                                            {"mfa.email_from", "no-reply@example.com"}});
    QVERIFY(!createSender(weakSmtp, Channel::Email, &problem));
    QVERIFY(problem.contains(QLatin1String("SMTP_STARTTLS")));
    sender = createSender(auth::Config::fromValues({{"mfa.email_provider", "sendgrid"},
                                                    {"mfa.sendgrid_api_key", "SG.x"},
                                                    {"mfa.email_from", "no-reply@example.com"}}),
                          Channel::Email, &problem);
    QVERIFY2(sender, qPrintable(problem));
    QCOMPARE(sender->providerName(), QStringLiteral("sendgrid"));
    // Secrets are redacted in the configuration dump.
    for (const auto& [key, value] : auth::Config::fromValues(values).redactedDump())
        QVERIFY2(!value.contains(kToken), qPrintable(key));
}

void TestMfaDelivery::oneTimeCodes()
{
    auth::Clock::setFixedMs(1'800'000'000'000);
    IssuedCode issued = OneTimeCode::issue();
    QCOMPARE(issued.code.size(), 6);
    QVERIFY(std::all_of(issued.code.begin(), issued.code.end(), [](QChar c) { return c.isDigit(); }));
    QCOMPARE(issued.challenge.attemptsLeft, 5);
    QCOMPARE(issued.challenge.expiresAtMs, 1'800'000'000'000 + 300'000);
    QCOMPARE(issued.challenge.salt.size(), 16);
    const QByteArray stored = QJsonDocument(issued.challenge.toJson()).toJson();
    QVERIFY(!stored.contains(issued.code.toLatin1()));

    CodeChallenge challenge = *CodeChallenge::fromJson(issued.challenge.toJson());
    const QString wrong
        = issued.code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    QCOMPARE(OneTimeCode::verify(challenge, wrong), CodeCheck::Wrong);
    QCOMPARE(challenge.attemptsLeft, 4);
    QCOMPARE(OneTimeCode::verify(challenge, QStringLiteral("12345")), CodeCheck::Malformed);
    QCOMPARE(OneTimeCode::verify(challenge, QStringLiteral("12a456")), CodeCheck::Malformed);
    QCOMPARE(challenge.attemptsLeft, 2);
    const QString spaced = issued.code.left(3) + QLatin1Char(' ') + issued.code.mid(3);
    QCOMPARE(OneTimeCode::verify(challenge, spaced), CodeCheck::Accepted);
    QCOMPARE(OneTimeCode::verify(challenge, issued.code), CodeCheck::TooManyAttempts); // used once only

    // Five wrong guesses lock the challenge, even for the right code afterwards.
    issued = OneTimeCode::issue();
    const QString other
        = issued.code == QLatin1String("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    for (int i = 0; i < 5; ++i)
        QCOMPARE(OneTimeCode::verify(issued.challenge, i % 2 ? QStringLiteral("abcdef") : other),
                 i % 2 ? CodeCheck::Malformed : CodeCheck::Wrong);
    QCOMPARE(OneTimeCode::verify(issued.challenge, issued.code), CodeCheck::TooManyAttempts);

    // Expiry after five minutes, without using up an attempt.
    issued = OneTimeCode::issue();
    auth::Clock::advanceMs(299'999);
    CodeChallenge copy = issued.challenge;
    QCOMPARE(OneTimeCode::verify(copy, issued.code), CodeCheck::Accepted);
    auth::Clock::advanceMs(1);
    QCOMPARE(OneTimeCode::verify(issued.challenge, issued.code), CodeCheck::Expired);
    QCOMPARE(issued.challenge.attemptsLeft, 5);
    QCOMPARE(OneTimeCode::checkName(CodeCheck::TooManyAttempts), QStringLiteral("too_many_attempts"));

    QVERIFY(!CodeChallenge::fromJson({}));
    QJsonObject tampered = issued.challenge.toJson();
    tampered.insert(QStringLiteral("salt"), QStringLiteral("AAAA"));
    QVERIFY(!CodeChallenge::fromJson(tampered));
}

void TestMfaDelivery::oneTimeCodeLimits()
{
    // Codes are uniform over all 10^6 values: 20000 draws, each digit position
    // roughly uniform, hardly any repeats.
    QSet<QString> seen;
    int counts[6][10] = {};
    for (int i = 0; i < 20000; ++i) {
        const QString code = OneTimeCode::issue().code;
        seen.insert(code);
        for (int p = 0; p < 6; ++p)
            ++counts[p][code.at(p).digitValue()];
    }
    QVERIFY2(seen.size() > 19500, qPrintable(QString::number(seen.size())));
    for (const auto& position : counts)
        for (const int count : position)
            QVERIFY2(count > 1700 && count < 2300, qPrintable(QString::number(count)));
}

void TestMfaDelivery::sendLimiter()
{
    auth::Clock::setFixedMs(1'800'000'000'000);
    MemorySendLimiter limiter(3, 10 * 60 * 1000, 30 * 1000);
    QVERIFY(limiter.tryAcquire(QStringLiteral("alice")).allowed);
    SendDecision refused = limiter.tryAcquire(QStringLiteral("alice"));
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterMs, 30'000);
    QVERIFY(limiter.tryAcquire(QStringLiteral("bob")).allowed); // per user
    auth::Clock::advanceMs(30'000);
    QVERIFY(limiter.tryAcquire(QStringLiteral("alice")).allowed);
    auth::Clock::advanceMs(30'000);
    QVERIFY(limiter.tryAcquire(QStringLiteral("alice")).allowed);
    auth::Clock::advanceMs(30'000);
    refused = limiter.tryAcquire(QStringLiteral("alice")); // 3 in the window already
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterMs, 10 * 60 * 1000 - 90'000);
    auth::Clock::advanceMs(refused.retryAfterMs);
    QVERIFY(limiter.tryAcquire(QStringLiteral("alice")).allowed);
}

QTEST_GUILESS_MAIN(TestMfaDelivery)
#include "TestMfaDelivery.moc"
