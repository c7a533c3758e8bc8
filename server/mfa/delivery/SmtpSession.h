#pragma once

#include "mfa/delivery/MessageSender.h"
#include "mfa/delivery/SmtpMailSender.h"

#include <QObject>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>

namespace auth::mfa::delivery {

// One SMTP dialogue for one message, driven by the socket's signals. Internal to
// SmtpMailSender; reports once through `done` and then deletes itself.
class SmtpSession : public QObject
{
    Q_OBJECT

public:
    SmtpSession(const SmtpSettings& smtp, const SenderSettings& settings, const Message& message,
                std::function<void(DeliveryResult)> done, QObject* parent);

private:
    enum class Stage {
        Greeting,
        Ehlo,
        StartTls,
        AuthPlain,
        AuthLogin,
        AuthLoginUser,
        AuthLoginPassword,
        MailFrom,
        RcptTo,
        Data,
        Body,
        Quit,
        Finished
    };

    void onReadyRead();
    void onReply(int code, const QStringList& lines);
    void afterEhlo(const QStringList& lines);
    void authenticateOrSend();
    void command(const QByteArray& line, Stage next);
    void fail(const QString& error, const QString& code = {}, bool timedOut = false);
    void succeed();
    static QString stageName(Stage stage);

    SmtpSettings m_smtp;
    Message m_message;
    std::function<void(DeliveryResult)> m_done;
    QSslSocket m_socket;
    QTimer m_deadline;
    Stage m_stage = Stage::Greeting;
    QByteArray m_buffer;
    QStringList m_replyLines;
    QStringList m_authMechanisms;
    bool m_offersStartTls = false;
    QByteArray m_messageId;
};

} // namespace auth::mfa::delivery
