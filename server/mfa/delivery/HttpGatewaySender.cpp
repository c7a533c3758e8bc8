#include "mfa/delivery/HttpGatewaySender.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

namespace auth::mfa::delivery {
namespace {

constexpr qint64 kMaxAnswer = 64 * 1024;

} // namespace

void HttpGatewaySender::post(QNetworkRequest request, const QByteArray& body,
                             std::function<void(const HttpAnswer&)> onAnswer)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!settings().extraCaCertificates.isEmpty())
        tls.addCaCertificates(settings().extraCaCertificates);
    request.setSslConfiguration(tls);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("auth-service"));

    QNetworkReply* reply = m_network->post(request, body);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(settings().timeoutMs);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxAnswer)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, timedOut, onAnswer = std::move(onAnswer)] {
        reply->deleteLater();
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            answer.body = reply->read(kMaxAnswer);
        answer.messageId = reply->rawHeader("X-Message-Id").left(200);
        answer.timedOut = *timedOut;
        if (*timedOut)
            answer.transportError = QStringLiteral("no answer within the timeout");
        else if (answer.status == 0)
            answer.transportError = reply->errorString();
        onAnswer(answer);
    });
}

} // namespace auth::mfa::delivery
