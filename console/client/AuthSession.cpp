#include "client/AuthSession.h"

#include "client/SecretStore.h"
#include "logging/LogCategories.h"

#include <QJsonArray>
#include <QPointer>

namespace auth::console {

namespace {
const QString LoginPath = QStringLiteral("/api/v1/auth/login");
const QString VerifyPath = QStringLiteral("/api/v1/mfa/verify");
const QString RefreshPath = QStringLiteral("/api/v1/auth/refresh");
constexpr int MaxCodeLength = 64;
constexpr qint64 NetworkRetryMs = 5000;
} // namespace

AuthSession::AuthSession(ApiClient& client, SecretStore& secrets, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_secrets(secrets)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AuthSession::refreshNow);
}

QString AuthSession::secretKey() const
{
    return QStringLiteral("refresh-token %1").arg(m_client.profile().origin());
}

qint64 AuthSession::accessTokenRemainingMs() const
{
    if (m_expiresInMs < 0 || m_client.accessToken().isEmpty())
        return -1;
    return std::max<qint64>(0, m_expiresInMs - m_issued.elapsed());
}

void AuthSession::signIn(const QString& email, const QString& password)
{
    if (m_state == State::SigningIn)
        return;
    reset();
    m_email = email.trimmed();
    setState(State::SigningIn);
    const quint64 generation = m_generation;
    const QJsonObject body {{QStringLiteral("email"), m_email}, {QStringLiteral("password"), password}};
    m_client.call(
        "POST", LoginPath, {}, body, this,
        [this, generation](const QJsonObject& answer, int, qint64) {
            if (generation != m_generation)
                return;
            if (answer.value(QStringLiteral("mfa_required")).toBool()) {
                m_mfaToken = answer.value(QStringLiteral("mfa_token")).toString();
                m_methods.clear();
                for (const QJsonValue& method : answer.value(QStringLiteral("methods")).toArray())
                    m_methods.append(method.toString());
                if (m_mfaToken.isEmpty() || m_methods.isEmpty()) {
                    ApiError error {.kind = ApiError::Kind::Protocol, .path = LoginPath};
                    error.message = tr("The server asked for a second factor but named none.");
                    signInError(error, State::SignedOut);
                    return;
                }
                setState(State::SecondFactor);
                return;
            }
            onTokens(answer);
        },
        [this, generation](const ApiError& error) {
            if (generation == m_generation)
                signInError(error, State::SignedOut);
        });
}

void AuthSession::verifySecondFactor(const QString& method, const QString& code)
{
    if (m_state != State::SecondFactor)
        return;
    const QString trimmed = code.trimmed().remove(u' ');
    if (!m_methods.contains(method) || trimmed.isEmpty() || trimmed.size() > MaxCodeLength) {
        ApiError error {.kind = ApiError::Kind::InvalidProfile, .path = VerifyPath};
        error.message = tr("Enter the code from your authenticator app or one of your backup codes.");
        signInError(error, State::SecondFactor);
        return;
    }
    setState(State::SigningIn);
    const quint64 generation = m_generation;
    const QJsonObject body {{QStringLiteral("mfa_token"), m_mfaToken},
                            {QStringLiteral("method"), method},
                            {QStringLiteral("code"), trimmed}};
    m_client.call(
        "POST", VerifyPath, {}, body, this,
        [this, generation](const QJsonObject& answer, int, qint64) {
            if (generation == m_generation)
                onTokens(answer);
        },
        [this, generation](const ApiError& error) {
            if (generation != m_generation)
                return;
            // A wrong code may be typed again; an expired or used challenge needs the password again.
            const bool challengeGone = error.errorCode == QLatin1String("invalid_mfa_token")
                || error.errorCode == QLatin1String("mfa_token_expired")
                || error.errorCode == QLatin1String("expired_token") || error.httpStatus == 429;
            signInError(error, challengeGone ? State::SignedOut : State::SecondFactor);
        });
}

void AuthSession::cancelSignIn()
{
    if (m_state == State::SigningIn || m_state == State::SecondFactor) {
        ++m_generation;
        m_mfaToken.clear();
        setState(State::SignedOut);
    }
}

void AuthSession::signOut()
{
    if (!m_client.accessToken().isEmpty())
        m_client.call(
            "POST", QStringLiteral("/api/v1/auth/logout"), {}, QJsonObject {}, nullptr,
            [](const QJsonObject&, int, qint64) {}, [](const ApiError&) {}, {200, 204});
    m_secrets.remove(secretKey());
    reset();
}

void AuthSession::resume()
{
    if (m_state != State::SignedOut && m_state != State::Expired)
        return;
    const quint64 generation = m_generation;
    m_secrets.read(secretKey(), this, [this, generation](const QString& secret) {
        if (generation != m_generation || secret.isEmpty() || m_state == State::SignedIn)
            return;
        qCInfo(lcConsole) << "resuming the session remembered in the keychain";
        setState(State::SigningIn);
        refreshWith(secret, [this](bool ok) {
            if (!ok && m_state == State::SigningIn)
                setState(State::SignedOut);
        });
    });
}

void AuthSession::refreshNow()
{
    if (m_refreshToken.isEmpty())
        return;
    refreshWith(m_refreshToken, {});
}

void AuthSession::reset()
{
    ++m_generation;
    m_refreshTimer.stop();
    m_client.setAccessToken({});
    m_refreshToken.clear();
    m_mfaToken.clear();
    m_methods.clear();
    m_expiresInMs = -1;
    m_name.clear();
    m_userId.clear();
    m_roles.clear();
    m_refreshing = false;
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto& waiter : waiters)
        waiter(false);
    setState(State::SignedOut);
}

void AuthSession::call(const QByteArray& method, const QString& path, const QUrlQuery& query,
                       const std::optional<QJsonObject>& body, QObject* context,
                       ApiClient::AnswerHandler onAnswer, ApiClient::ErrorHandler onError,
                       const QList<int>& accepted)
{
    QPointer<QObject> guard(context);
    m_client.call(
        method, path, query, body, context, onAnswer,
        [=, this](const ApiError& error) {
            if (error.httpStatus != 401 || m_refreshToken.isEmpty()) {
                if (error.httpStatus == 401 && m_state == State::SignedIn)
                    expire(tr("The server no longer accepts this session."));
                onError(error);
                return;
            }
            refreshWith(m_refreshToken, [=, this](bool ok) {
                if (!guard)
                    return;
                if (!ok) {
                    onError(error);
                    return;
                }
                m_client.call(method, path, query, body, guard, onAnswer, onError, accepted);
            });
        },
        accepted);
}

void AuthSession::onTokens(const QJsonObject& body)
{
    const QString access = body.value(QStringLiteral("access_token")).toString();
    const QString refresh = body.value(QStringLiteral("refresh_token")).toString();
    const qint64 expiresIn = body.value(QStringLiteral("expires_in")).toInteger(-1);
    if (access.isEmpty() || refresh.isEmpty() || expiresIn <= 0) {
        ApiError error {.kind = ApiError::Kind::Protocol, .path = LoginPath};
        error.message = tr("The server's token answer lacks access_token, refresh_token or expires_in.");
        signInError(error, State::SignedOut);
        return;
    }
    m_mfaToken.clear();
    m_client.setAccessToken(access.toLatin1());
    m_refreshToken = refresh;
    m_expiresInMs = expiresIn * 1000;
    m_issued.start();
    m_secrets.write(secretKey(), refresh);
    // Refresh when three quarters of the lifetime are gone, and at least a minute early.
    const qint64 delay = std::max<qint64>(m_expiresInMs * 3 / 4, m_expiresInMs - 60000);
    m_refreshTimer.start(int(std::clamp<qint64>(delay, 250, 24LL * 3600 * 1000)));
    if (m_state == State::SignedIn && !m_userId.isEmpty())
        emit tokensRefreshed();
    else
        fetchMe();
}

bool AuthSession::adoptTokens(const QJsonObject& tokens)
{
    if (m_userId.isEmpty() || (m_state != State::SignedIn && m_state != State::Expired)
        || tokens.value(QStringLiteral("access_token")).toString().isEmpty()
        || tokens.value(QStringLiteral("refresh_token")).toString().isEmpty()
        || tokens.value(QStringLiteral("expires_in")).toInteger(-1) <= 0)
        return false;
    ++m_generation; // answers still due for the old session are dropped
    m_refreshing = false;
    m_expiryReason.clear();
    if (m_state != State::SignedIn)
        setState(State::SignedIn);
    onTokens(tokens);
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto& waiter : waiters)
        waiter(true);
    return true;
}

void AuthSession::fetchMe()
{
    const quint64 generation = m_generation;
    m_client.call(
        "GET", QStringLiteral("/api/v1/auth/me"), {}, std::nullopt, this,
        [this, generation](const QJsonObject& me, int, qint64) {
            if (generation != m_generation)
                return;
            m_userId = me.value(QStringLiteral("id")).toString();
            m_email = me.value(QStringLiteral("email")).toString(m_email);
            m_name = me.value(QStringLiteral("name")).toString();
            m_roles.clear();
            for (const QJsonValue& role : me.value(QStringLiteral("roles")).toArray())
                m_roles.append(role.toString());
            qCInfo(lcConsole).noquote() << "signed in as" << m_email << "roles" << m_roles.join(u',');
            setState(State::SignedIn);
        },
        [this, generation](const ApiError& error) {
            if (generation == m_generation)
                signInError(error, State::SignedOut);
        });
}

void AuthSession::refreshWith(const QString& refreshToken, std::function<void(bool ok)> done)
{
    if (done)
        m_refreshWaiters.append(done);
    if (m_refreshing)
        return;
    m_refreshing = true;
    const quint64 generation = m_generation;
    auto finish = [this](bool ok) {
        m_refreshing = false;
        const auto waiters = std::exchange(m_refreshWaiters, {});
        for (const auto& waiter : waiters)
            waiter(ok);
    };
    m_client.call(
        "POST", RefreshPath, {}, QJsonObject {{QStringLiteral("refresh_token"), refreshToken}}, this,
        [this, generation, finish](const QJsonObject& answer, int, qint64) {
            if (generation != m_generation)
                return;
            onTokens(answer);
            finish(!m_client.accessToken().isEmpty());
        },
        [this, generation, finish](const ApiError& error) {
            if (generation != m_generation)
                return;
            if (error.kind == ApiError::Kind::Http && error.httpStatus >= 400 && error.httpStatus < 500
                && error.httpStatus != 429) {
                m_secrets.remove(secretKey());
                if (m_state == State::SignedIn)
                    expire(tr("Your session has ended on the server (%1).").arg(error.message));
                else
                    m_refreshToken.clear();
            } else if (m_state == State::SignedIn) {
                // Unreachable or busy: the token may still be valid; try again shortly.
                m_refreshTimer.start(
                    int(std::min<qint64>(NetworkRetryMs, std::max<qint64>(250, accessTokenRemainingMs()))));
            }
            finish(false);
        });
}

void AuthSession::expire(const QString& reason)
{
    qCInfo(lcConsole).noquote() << "session expired:" << reason;
    ++m_generation;
    m_refreshTimer.stop();
    m_client.setAccessToken({});
    m_refreshToken.clear();
    m_expiresInMs = -1;
    m_expiryReason = reason;
    m_refreshing = false;
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto& waiter : waiters)
        waiter(false);
    setState(State::Expired);
}

void AuthSession::signInError(const ApiError& error, State stateAfter)
{
    QString message = error.message;
    if (error.httpStatus == 401 && error.path == LoginPath)
        message = tr("The e-mail address or the password is wrong, or the account is locked.");
    else if (error.httpStatus == 401 && error.path == VerifyPath)
        message = tr("The code was not accepted. Check the time on your device and try again.");
    else if (error.httpStatus == 429)
        message = tr("Too many attempts. Wait a minute before trying again.");
    else if (error.httpStatus == 503 && error.errorCode == QLatin1String("service_isolated"))
        message = tr("The server is in lockdown: sign-in is closed until an administrator restores it.");
    if (stateAfter == State::SignedOut) {
        m_mfaToken.clear();
        m_client.setAccessToken({});
    }
    setState(stateAfter);
    emit signInFailed(message, error);
}

void AuthSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace auth::console
