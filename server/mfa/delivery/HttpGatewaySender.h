#pragma once

#include "mfa/delivery/MessageSender.h"

#include <QByteArray>
#include <QNetworkRequest>

class QNetworkAccessManager;

namespace auth::mfa::delivery {

// What came back from one HTTPS request to a gateway.
struct HttpAnswer
{
    int status = 0; // 0 when no HTTP response arrived
    QByteArray body; // at most 64 KiB
    QByteArray messageId; // X-Message-Id (SendGrid)
    QString transportError; // TLS, connection or timeout problem, empty otherwise
    bool timedOut = false;
};

// Base of the HTTPS gateway adapters: one QNetworkAccessManager in the sender's
// thread, TLS peer verification with the configured extra CAs, no redirects (they
// would carry credentials elsewhere), a deadline per request and a bounded answer.
class HttpGatewaySender : public MessageSender
{
    Q_OBJECT

public:
    using MessageSender::MessageSender;

protected:
    void post(QNetworkRequest request, const QByteArray& body,
              std::function<void(const HttpAnswer&)> onAnswer);

private:
    QNetworkAccessManager* m_network = nullptr;
};

} // namespace auth::mfa::delivery
