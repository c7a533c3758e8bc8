#pragma once

#include "client/ApiClient.h"
#include "client/ApiError.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace auth::console {

class SecretStore;

// The signed-in admin: password login, the second factor when the server asks
// for one (POST /api/v1/mfa/verify), access tokens refreshed before they expire,
// and the refresh token kept in the keychain under the server's origin, so a
// restart resumes the session without asking again.
class AuthSession : public QObject
{
    Q_OBJECT

public:
    enum class State {
        SignedOut,
        SigningIn, // a request of the sign-in is running
        SecondFactor, // the password was right; the server wants a code
        SignedIn,
        Expired, // the session ended on the server; signing in again is needed
    };
    Q_ENUM(State)

signals:
    void stateChanged(auth::console::AuthSession::State state);
    // A sign-in step failed; `message` is for the user, the state says where we are.
    void signInFailed(const QString& message, const auth::console::ApiError& error);
    void tokensRefreshed();

public:
    AuthSession(ApiClient& client, SecretStore& secrets, QObject* parent = nullptr);

    void signIn(const QString& email, const QString& password);
    // `method` is one of secondFactorMethods() ("totp", "backup_code", ...).
    void verifySecondFactor(const QString& method, const QString& code);
    void cancelSignIn();
    // Ends the session on the server and forgets the refresh token.
    void signOut();
    // With a refresh token remembered for the current server: refresh and sign in.
    void resume();
    void refreshNow();
    // Takes over a session the server opened for this user in place of the
    // current one (revoke-all with renew_caller_session), also when the old
    // one was just found expired. False when `tokens` is not a token answer.
    bool adoptTokens(const QJsonObject& tokens);
    // The profile changed: forget everything that belonged to the old server.
    void reset();

    // An API call as the signed-in admin. A 401 refreshes once and retries; when
    // that fails the session is Expired and onError gets the 401.
    void call(const QByteArray& method, const QString& path, const QUrlQuery& query,
              const std::optional<QJsonObject>& body, QObject* context, ApiClient::AnswerHandler onAnswer,
              ApiClient::ErrorHandler onError, const QList<int>& accepted = {200});

    State state() const { return m_state; }
    bool isSignedIn() const { return m_state == State::SignedIn; }
    QString email() const { return m_email; }
    QString userName() const { return m_name; }
    QString userId() const { return m_userId; }
    QStringList roles() const { return m_roles; }
    QStringList secondFactorMethods() const { return m_methods; }
    // Milliseconds until the access token expires; -1 when there is none.
    qint64 accessTokenRemainingMs() const;
    QString expiryReason() const { return m_expiryReason; }
    // The keychain entry of the current server's refresh token.
    QString secretKey() const;

private:
    void onTokens(const QJsonObject& body);
    void fetchMe();
    void refreshWith(const QString& refreshToken, std::function<void(bool ok)> done);
    void expire(const QString& reason);
    void setState(State state);
    void signInError(const ApiError& error, State stateAfter);

    ApiClient& m_client;
    SecretStore& m_secrets;
    QTimer m_refreshTimer;
    State m_state = State::SignedOut;
    QString m_mfaToken;
    QStringList m_methods;
    QString m_refreshToken; // also in the keychain; never in settings or files
    qint64 m_expiresInMs = -1;
    QElapsedTimer m_issued;
    QString m_email;
    QString m_name;
    QString m_userId;
    QStringList m_roles;
    QString m_expiryReason;
    bool m_refreshing = false;
    QList<std::function<void(bool)>> m_refreshWaiters;
    quint64 m_generation = 0; // bumps on reset, so late answers for an old session are dropped
};

} // namespace auth::console
