#include "mfa/delivery/SenderFactory.h"

#include "config/Config.h"
#include "mfa/delivery/SendGridMailSender.h"
#include "mfa/delivery/SmtpMailSender.h"
#include "mfa/delivery/TwilioSmsSender.h"

#include <QFile>

namespace auth::mfa::delivery {

std::optional<SenderSettings> senderSettings(const Config& config, QString* error)
{
    SenderSettings settings;
    settings.timeoutMs
        = int(qBound(qint64(100), config.durationMs(QStringLiteral("mfa.delivery_timeout")), qint64(600000)));
    const QString caFile = config.string(QStringLiteral("mfa.delivery_ca_file"));
    if (!caFile.isEmpty()) {
        QFile file(caFile);
        if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
            *error = QStringLiteral("MFA_DELIVERY_CA_FILE cannot be read: %1").arg(file.errorString());
            return std::nullopt;
        }
        settings.extraCaCertificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (settings.extraCaCertificates.isEmpty()) {
            *error = QStringLiteral("MFA_DELIVERY_CA_FILE holds no PEM certificate");
            return std::nullopt;
        }
    }
    return settings;
}

std::unique_ptr<MessageSender> createSender(const Config& config, Channel channel, QString* error)
{
    error->clear();
    const auto settings = senderSettings(config, error);
    if (!settings)
        return {};
    const auto text = [&config](const char* key) { return config.string(QString::fromLatin1(key)); };
    if (channel == Channel::Sms) {
        if (text("mfa.sms_provider") != QLatin1String("twilio"))
            return {};
        TwilioSettings twilio;
        twilio.baseUrl = QUrl(text("mfa.twilio_base_url"));
        twilio.accountSid = text("mfa.twilio_account_sid");
        twilio.authToken = text("mfa.twilio_auth_token");
        twilio.from = text("mfa.twilio_from");
        if (const QString problem = TwilioSmsSender::checkSettings(twilio); !problem.isEmpty()) {
            *error = problem;
            return {};
        }
        return std::make_unique<TwilioSmsSender>(twilio, *settings);
    }
    const QString provider = text("mfa.email_provider");
    if (provider == QLatin1String("sendgrid")) {
        SendGridSettings sendGrid;
        sendGrid.baseUrl = QUrl(text("mfa.sendgrid_base_url"));
        sendGrid.apiKey = text("mfa.sendgrid_api_key");
        sendGrid.fromEmail = text("mfa.email_from");
        sendGrid.fromName = text("mfa.email_from_name");
        if (const QString problem = SendGridMailSender::checkSettings(sendGrid); !problem.isEmpty()) {
            *error = problem;
            return {};
        }
        return std::make_unique<SendGridMailSender>(sendGrid, *settings);
    }
    if (provider == QLatin1String("smtp")) {
        SmtpSettings smtp;
        smtp.host = text("mfa.smtp_host");
        smtp.port = quint16(config.integer(QStringLiteral("mfa.smtp_port")));
        smtp.username = text("mfa.smtp_username");
        smtp.password = text("mfa.smtp_password");
        const QString startTls = text("mfa.smtp_starttls");
        smtp.startTls = startTls == QLatin1String("none") ? SmtpSettings::StartTls::None
            : startTls == QLatin1String("opportunistic")  ? SmtpSettings::StartTls::Opportunistic
                                                          : SmtpSettings::StartTls::Required;
        smtp.implicitTls = config.boolean(QStringLiteral("mfa.smtp_implicit_tls"));
        smtp.fromEmail = text("mfa.email_from");
        smtp.fromName = text("mfa.email_from_name");
        if (const QString problem = SmtpMailSender::checkSettings(smtp); !problem.isEmpty()) {
            *error = problem;
            return {};
        }
        return std::make_unique<SmtpMailSender>(smtp, *settings);
    }
    return {};
}

} // namespace auth::mfa::delivery
