#include "client/ApiClient.h"

#include "logging/LogCategories.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

namespace auth::console {

struct ApiClient::ReplyState
{
    QElapsedTimer clock;
    QByteArray presentedSha256;
    QStringList tlsErrors;
    bool pinMismatch = false;
    bool timedOut = false;
    bool tooLarge = false;
    bool dropped = false; // aborted on purpose: finish silently
};

namespace {

QByteArray sha256Hex(const QSslCertificate& certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256).toHex();
}

QSslCertificate leafCertificate(QNetworkReply* reply, const QList<QSslError>& errors = {})
{
    const QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
    if (!chain.isEmpty())
        return chain.first();
    for (const QSslError& error : errors) {
        if (!error.certificate().isNull())
            return error.certificate();
    }
    return reply->sslConfiguration().peerCertificate();
}

} // namespace

ApiClient::ApiClient(QObject* parent)
    : QObject(parent)
{
}

ApiClient::~ApiClient()
{
    abortAll();
}

QString ApiClient::setProfile(const ServerProfile& profile)
{
    if (const QString problem = profile.validate(); !problem.isEmpty())
        return problem;

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (profile.trustMode() == ServerProfile::TrustMode::CaFile) {
        QFile file(profile.caCertificateFile);
        if (!file.open(QIODevice::ReadOnly))
            return tr("Cannot read the CA certificate %1: %2")
                .arg(profile.caCertificateFile, file.errorString());
        QList<QSslCertificate> authorities = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (authorities.isEmpty()) {
            file.seek(0);
            authorities = QSslCertificate::fromData(file.readAll(), QSsl::Der);
        }
        if (authorities.isEmpty())
            return tr("%1 holds no PEM or DER certificate.").arg(profile.caCertificateFile);
        // Exactly this CA: replacing the list also turns off loading the system roots.
        ssl.setCaCertificates(authorities);
    }

    abortAll();
    // A cached connection or TLS session would outlive the change of trust.
    m_network.clearAccessCache();
    m_network.clearConnectionCache();
    m_profile = profile;
    m_sslConfiguration = ssl;
    m_hasProfile = true;
    return {};
}

void ApiClient::fetchHealth()
{
    const QString path = QStringLiteral("/health");
    get(path, {200, 503}, [this, path](const QJsonObject& body, qint64 latencyMs) {
        const std::optional<api::HealthInfo> health = api::HealthInfo::fromJson(body);
        if (!health) {
            ApiError error {.kind = ApiError::Kind::Protocol, .path = path};
            error.message = tr("%1 answered /health with something that is not a health report.")
                                .arg(m_profile.url.host());
            fail(error);
            return;
        }
        emit healthReceived(*health, latencyMs);
    });
}

void ApiClient::fetchStatus()
{
    get(QStringLiteral("/api/v1/status"), {200},
        [this](const QJsonObject& body, qint64 latencyMs) { emit statusReceived(body, latencyMs); });
}

void ApiClient::abortAll()
{
    const auto pending = m_pending;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        it.value()->dropped = true;
        it.key()->abort();
    }
}

void ApiClient::get(const QString& path, const QList<int>& acceptedStatus, JsonHandler onAnswer)
{
    send(
        "GET", path, {}, std::nullopt, acceptedStatus,
        [onAnswer](const QJsonObject& body, int, qint64 latencyMs) { onAnswer(body, latencyMs); },
        [this](const ApiError& error) { fail(error); });
}

void ApiClient::call(const QByteArray& method, const QString& path, const QUrlQuery& query,
                     const std::optional<QJsonObject>& body, QObject* context, AnswerHandler onAnswer,
                     ErrorHandler onError, const QList<int>& accepted)
{
    QPointer<QObject> guard(context);
    send(
        method, path, query, body, accepted,
        [guard, onAnswer](const QJsonObject& answer, int status, qint64 latencyMs) {
            if (guard)
                onAnswer(answer, status, latencyMs);
        },
        [this, guard, onError](const ApiError& error) {
            qCInfo(lcConsole).noquote() << "call failed:" << error.path << error.message;
            emit callFailed(error);
            if (guard)
                onError(error);
        });
}

QNetworkRequest ApiClient::prepareRequest(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("auth-console/%1").arg(QCoreApplication::applicationVersion()));
    // The API never redirects; following one could carry later credentials elsewhere.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_profile.trustMode() != ServerProfile::TrustMode::PlainHttp)
        request.setSslConfiguration(m_sslConfiguration);
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    return request;
}

bool ApiClient::acceptsPinnedCertificate(const QSslCertificate& certificate) const
{
    return m_profile.trustMode() == ServerProfile::TrustMode::Pinned
        && sha256Hex(certificate) == m_profile.pinnedSha256;
}

void ApiClient::send(const QByteArray& method, const QString& path, const QUrlQuery& query,
                     const std::optional<QJsonObject>& body, const QList<int>& acceptedStatus,
                     AnswerHandler onAnswer, ErrorHandler onError)
{
    if (!m_hasProfile) {
        ApiError error {.kind = ApiError::Kind::InvalidProfile, .path = path};
        error.message = tr("No server is configured.");
        QTimer::singleShot(0, this, [error, onError] { onError(error); });
        return;
    }

    QUrl url = m_profile.endpoint(path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request = prepareRequest(url);

    auto state = std::make_shared<ReplyState>();
    state->clock.start();
    QNetworkReply* reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_network.sendCustomRequest(request, method,
                                            QJsonDocument(*body).toJson(QJsonDocument::Compact));
    } else if (method == "GET") {
        reply = m_network.get(request);
    } else {
        reply = m_network.sendCustomRequest(request, method);
    }
    m_pending.insert(reply, state);

    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply, state](const QList<QSslError>& errors) { onSslErrors(reply, *state, errors); });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply, state] { onEncrypted(reply, *state); });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, state](qint64 received, qint64) {
        if (received > MaxAnswerBytes && !state->tooLarge) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    auto* timeout = new QTimer(reply);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = true;
        reply->abort();
    });
    timeout->start(m_timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply, path, acceptedStatus, onAnswer, onError] {
        onFinished(reply, path, acceptedStatus, onAnswer, onError);
    });
}

void ApiClient::onSslErrors(QNetworkReply* reply, ReplyState& state, const QList<QSslError>& errors)
{
    state.presentedSha256 = sha256Hex(leafCertificate(reply, errors));
    for (const QSslError& error : errors)
        state.tlsErrors.append(error.errorString());

    if (m_profile.trustMode() != ServerProfile::TrustMode::Pinned)
        return;
    // The pin names the exact certificate, so what verification says about its
    // issuer, host name or dates no longer matters; a different certificate fails.
    if (!state.presentedSha256.isEmpty() && state.presentedSha256 == m_profile.pinnedSha256)
        reply->ignoreSslErrors(errors);
    else
        state.pinMismatch = true;
}

void ApiClient::onEncrypted(QNetworkReply* reply, ReplyState& state)
{
    switch (reply->sslConfiguration().sessionProtocol()) {
    case QSsl::TlsV1_3:
        m_tlsProtocol = QStringLiteral("TLS 1.3");
        break;
    case QSsl::TlsV1_2:
        m_tlsProtocol = QStringLiteral("TLS 1.2");
        break;
    default:
        m_tlsProtocol = QStringLiteral("TLS");
        break;
    }
    if (m_profile.trustMode() != ServerProfile::TrustMode::Pinned)
        return;
    // A publicly trusted certificate raises no sslErrors, so the pin is checked here too.
    const QByteArray presented = sha256Hex(leafCertificate(reply));
    if (presented != m_profile.pinnedSha256) {
        state.presentedSha256 = presented;
        state.pinMismatch = true;
        reply->abort();
    }
}

void ApiClient::onFinished(QNetworkReply* reply, const QString& path, const QList<int>& acceptedStatus,
                           const AnswerHandler& onAnswer, const ErrorHandler& onError)
{
    const std::shared_ptr<ReplyState> state = m_pending.take(reply);
    reply->deleteLater();
    if (!state || state->dropped)
        return;
    const qint64 latencyMs = state->clock.elapsed();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || state->pinMismatch || state->timedOut || state->tooLarge) {
        onError(transportError(reply, *state, path));
        return;
    }
    const QByteArray body = reply->readAll();
    if (!acceptedStatus.contains(status)) {
        onError(httpError(reply, status, body, path));
        return;
    }
    if (body.isEmpty() && status == 204) {
        onAnswer(QJsonObject {}, status, latencyMs);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        ApiError error {.kind = ApiError::Kind::Protocol, .path = path, .httpStatus = status};
        error.message
            = tr("%1 answered %2 with something that is not a JSON object.").arg(m_profile.url.host(), path);
        onError(error);
        return;
    }
    qCDebug(lcConsole) << path << status << latencyMs << "ms";
    onAnswer(document.object(), status, latencyMs);
}

ApiError ApiClient::transportError(QNetworkReply* reply, const ReplyState& state, const QString& path) const
{
    const QString host = m_profile.url.host();
    ApiError error {.path = path, .presentedSha256 = state.presentedSha256, .tlsErrors = state.tlsErrors};
    if (state.pinMismatch) {
        error.kind = ApiError::Kind::PinMismatch;
        error.message = tr("The certificate of %1 does not match the pinned fingerprint. Someone may be "
                           "intercepting the connection, or the server's certificate was replaced.")
                            .arg(host);
    } else if (state.timedOut) {
        error.message = tr("%1 did not answer within %2 s.").arg(host).arg(m_timeoutMs / 1000.0);
    } else if (state.tooLarge) {
        error.kind = ApiError::Kind::Protocol;
        error.message = tr("%1 sent more than %2 KiB for %3; the answer was discarded.")
                            .arg(host)
                            .arg(MaxAnswerBytes / 1024)
                            .arg(path);
    } else if (!state.tlsErrors.isEmpty()) {
        error.kind = ApiError::Kind::UntrustedCertificate;
        error.message = tr("The certificate of %1 is not trusted: %2")
                            .arg(host, state.tlsErrors.join(QLatin1String("; ")));
    } else if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
        error.kind = ApiError::Kind::Tls;
        error.message = tr("The TLS handshake with %1 failed: %2").arg(host, reply->errorString());
    } else if (reply->error() == QNetworkReply::ConnectionRefusedError) {
        error.message = tr("%1 refused the connection on port %2: is auth-service running?")
                            .arg(host)
                            .arg(m_profile.url.port(443));
    } else if (reply->error() == QNetworkReply::HostNotFoundError) {
        error.message = tr("The host %1 was not found.").arg(host);
    } else {
        error.message = tr("Could not reach %1: %2").arg(host, reply->errorString());
    }
    return error;
}

ApiError ApiClient::httpError(QNetworkReply* reply, int status, const QByteArray& body,
                              const QString& path) const
{
    ApiError error {.kind = ApiError::Kind::Http, .path = path, .httpStatus = status};
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    error.errorCode = object.value(QStringLiteral("error")).toString();
    QString detail = object.value(QStringLiteral("error_description")).toString();
    if (detail.isEmpty())
        detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (status >= 300 && status < 400)
        detail = tr("redirect to %1").arg(reply->header(QNetworkRequest::LocationHeader).toUrl().toString());
    error.message
        = tr("%1 answered %2 with HTTP %3: %4").arg(m_profile.url.host(), path).arg(status).arg(detail);
    return error;
}

void ApiClient::fail(ApiError error)
{
    if (error.presentedSha256.isEmpty())
        qCInfo(lcConsole).noquote() << "request failed:" << error.path << error.message;
    else
        qCInfo(lcConsole).noquote() << "request failed:" << error.path << error.message
                                    << "- presented certificate sha256" << error.presentedSha256;
    emit requestFailed(error);
}

} // namespace auth::console
