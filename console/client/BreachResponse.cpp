#include "client/BreachResponse.h"

#include "client/AuthSession.h"
#include "evidence/EvidenceArchive.h"
#include "evidence/EvidenceVerification.h"

#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>
#include <QtConcurrent>

namespace auth::console {

namespace {

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

QStringList kidsOf(const QJsonArray& keys)
{
    QStringList kids;
    for (const QJsonValue& key : keys)
        kids.append(key.toObject().value(QStringLiteral("kid")).toString());
    return kids;
}

} // namespace

BreachResponse::BreachResponse(AuthSession& session, ApiClient& client, IncidentJournal& journal,
                               QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_client(client)
    , m_journal(journal)
    , m_downloads(new QNetworkAccessManager(this))
{
    queueUnsentEntries();
}

void BreachResponse::queueUnsentEntries()
{
    QFile file(m_journal.path() + QStringLiteral(".sent"));
    int sent = 0;
    if (file.open(QIODevice::ReadOnly))
        sent = file.readAll().trimmed().toInt();
    const QList<JournalEntry>& entries = m_journal.entries();
    for (int i = qMax(sent + 1, 1); i < entries.size(); ++i) {
        const JournalEntry& entry = entries.at(i);
        if (entry.step == QLatin1String("incident"))
            continue;
        const QString note = entry.details.value(QStringLiteral("message"))
                                 .toString(entry.details.value(QStringLiteral("reason")).toString());
        m_serverQueue.append({QJsonObject {{QStringLiteral("step"), entry.step},
                                           {QStringLiteral("action"), entry.action},
                                           {QStringLiteral("outcome"), entry.outcome},
                                           {QStringLiteral("note"), note.left(1000)}},
                              i});
    }
    QTimer::singleShot(0, this, [this] { sendNextServerEntry(); });
}

void BreachResponse::markSent(int index)
{
    QSaveFile file(m_journal.path() + QStringLiteral(".sent"));
    if (file.open(QIODevice::WriteOnly)) {
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(QByteArray::number(index));
        file.commit();
    }
}

BreachResponse::~BreachResponse()
{
    if (m_download)
        m_download->abort();
}

QList<BreachResponse::Step> BreachResponse::steps()
{
    return {Step::Assess,   Step::Isolate, Step::RevokeSessions, Step::RotateKeys,
            Step::Evidence, Step::Restore, Step::Report};
}

QString BreachResponse::stepName(Step step)
{
    switch (step) {
    case Step::Assess:
        return QStringLiteral("assess");
    case Step::Isolate:
        return QStringLiteral("isolate");
    case Step::RevokeSessions:
        return QStringLiteral("revoke_sessions");
    case Step::RotateKeys:
        return QStringLiteral("rotate_keys");
    case Step::Evidence:
        return QStringLiteral("evidence");
    case Step::Restore:
        return QStringLiteral("restore");
    case Step::Report:
        return QStringLiteral("report");
    }
    return {};
}

QString BreachResponse::stepTitle(Step step)
{
    switch (step) {
    case Step::Assess:
        return tr("Assess");
    case Step::Isolate:
        return tr("Isolate the service");
    case Step::RevokeSessions:
        return tr("Revoke all sessions");
    case Step::RotateKeys:
        return tr("Emergency key rotation");
    case Step::Evidence:
        return tr("Preserve evidence");
    case Step::Restore:
        return tr("Restore service");
    case Step::Report:
        return tr("Incident report");
    }
    return {};
}

QString BreachResponse::confirmationWord(Step step)
{
    switch (step) {
    case Step::Isolate:
        return QStringLiteral("ISOLATE");
    case Step::RevokeSessions:
        return QStringLiteral("REVOKE");
    case Step::RotateKeys:
        return QStringLiteral("ROTATE");
    case Step::Restore:
        return QStringLiteral("RESTORE");
    default:
        return {};
    }
}

void BreachResponse::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void BreachResponse::finish(Step step, bool ok, const QString& message)
{
    record(step, ok ? QStringLiteral("completed") : QStringLiteral("failed"),
           ok ? QStringLiteral("ok") : QStringLiteral("failed"), {{QStringLiteral("message"), message}},
           message);
    setBusy(false);
    emit stepFinished(step, ok, message);
}

QString BreachResponse::errorText(const ApiError& error) const
{
    return error.errorCode.isEmpty() ? error.message
                                     : QStringLiteral("%1 (%2)").arg(error.message, error.errorCode);
}

QJsonObject BreachResponse::actionBody(const QString& reason, bool dryRun) const
{
    return {{QStringLiteral("reason"), reason.trimmed()},
            {QStringLiteral("dry_run"), dryRun},
            {QStringLiteral("incident_id"), m_journal.incidentId()}};
}

ApiClient& BreachResponse::probe(const QByteArray& token)
{
    // A separate client, so a probe neither uses nor disturbs the session's token.
    if (!m_probe)
        m_probe = std::make_unique<ApiClient>(this);
    if (m_probe->profile().url != m_client.profile().url
        || m_probe->profile().pinnedSha256 != m_client.profile().pinnedSha256)
        m_probe->setProfile(m_client.profile());
    m_probe->setAccessToken(token);
    return *m_probe;
}

void BreachResponse::record(Step step, const QString& action, const QString& outcome,
                            const QJsonObject& details, const QString& note)
{
    JournalEntry entry;
    entry.step = stepName(step);
    entry.action = action;
    entry.outcome = outcome;
    entry.details = details;
    QString error;
    if (!m_journal.append(entry, &error))
        emit progress(step, error);
    QString serverNote = note;
    serverNote.replace(QRegularExpression(QStringLiteral("[\\x00-\\x08\\x0b-\\x1f\\x7f]")),
                       QStringLiteral(" "));
    m_serverQueue.append({QJsonObject {{QStringLiteral("step"), entry.step},
                                       {QStringLiteral("action"), action},
                                       {QStringLiteral("outcome"), outcome},
                                       {QStringLiteral("note"), serverNote.left(1000)}},
                          int(m_journal.entries().size()) - 1});
    sendNextServerEntry();
}

void BreachResponse::flushServerJournal()
{
    sendNextServerEntry();
}

void BreachResponse::sendNextServerEntry()
{
    if (m_serverSending || m_serverHeld || m_serverQueue.isEmpty() || !m_session.isSignedIn())
        return;
    m_serverSending = true;
    const QJsonObject body = m_serverQueue.first().body;
    m_session.call(
        "POST", QStringLiteral("/admin/incidents/%1/journal").arg(m_journal.incidentId()), {}, body, this,
        [this](const QJsonObject&, int, qint64) {
            m_serverSending = false;
            if (!m_serverQueue.isEmpty())
                markSent(m_serverQueue.takeFirst().index);
            sendNextServerEntry();
        },
        [this](const ApiError& error) {
            m_serverSending = false;
            // A refused entry would be refused again; drop it but say so locally.
            if (error.httpStatus == 400 && !m_serverQueue.isEmpty())
                markSent(m_serverQueue.takeFirst().index);
            else
                QTimer::singleShot(ServerRetryMs, this, [this] { sendNextServerEntry(); });
            JournalEntry note;
            note.step = QStringLiteral("incident");
            note.action = QStringLiteral("server_journal_failed");
            note.outcome = QStringLiteral("failed");
            note.details = {{QStringLiteral("error"), errorText(error)}};
            m_journal.append(note);
        },
        {201});
}

void BreachResponse::assess()
{
    setBusy(true);
    record(Step::Assess, QStringLiteral("started"), QStringLiteral("info"));
    auto results = std::make_shared<QList<QJsonObject>>();
    auto fail = [this](const ApiError& error) { finish(Step::Assess, false, errorText(error)); };
    const QUrlQuery alertsQuery {{QStringLiteral("state"), QStringLiteral("firing,acknowledged")}};
    m_session.call(
        "GET", QStringLiteral("/admin/alerts"), alertsQuery, std::nullopt, this,
        [this, results, fail](const QJsonObject& alerts, int, qint64) {
            results->append(alerts);
            m_session.call(
                "GET", QStringLiteral("/security/threats/metrics"), {}, std::nullopt, this,
                [this, results, fail](const QJsonObject& metrics, int, qint64) {
                    results->append(metrics);
                    m_session.call(
                        "GET", QStringLiteral("/admin/containment"), {}, std::nullopt, this,
                        [this, results](const QJsonObject& containment, int, qint64) {
                            const QJsonArray alertList
                                = results->at(0).value(QStringLiteral("alerts")).toArray();
                            int firing = 0;
                            for (const QJsonValue& alert : alertList)
                                firing += alert.toObject().value(QStringLiteral("state"))
                                    == QLatin1String("firing");
                            const QString state = containment.value(QStringLiteral("state")).toString();
                            emit assessed(results->at(0), results->at(1), containment);
                            finish(Step::Assess, true,
                                   tr("%n alert(s) open (%1 firing); the service is %2.", nullptr,
                                      int(alertList.size()))
                                       .arg(firing)
                                       .arg(state));
                        },
                        fail);
                },
                fail);
        },
        fail);
}

void BreachResponse::preview(Step step, const QString& reason)
{
    QString path;
    QJsonObject body = actionBody(reason, true);
    switch (step) {
    case Step::Isolate:
        path = QStringLiteral("/admin/containment/isolate");
        break;
    case Step::RevokeSessions:
        path = QStringLiteral("/admin/sessions/revoke-all");
        break;
    case Step::RotateKeys:
        path = QStringLiteral("/admin/keys/rotate");
        body.insert(QStringLiteral("emergency"), true);
        break;
    case Step::Restore:
        path = QStringLiteral("/admin/containment/restore");
        break;
    default:
        return;
    }
    setBusy(true);
    m_session.call(
        "POST", path, {}, body, this,
        [this, step](const QJsonObject& answer, int, qint64) {
            QString text;
            switch (step) {
            case Step::Isolate:
                text = answer.value(QStringLiteral("already_isolated")).toBool()
                    ? tr("The service is already isolated; running this changes nothing.")
                    : tr("Every request except /health, /api/v1/status, /metrics, /.well-known and the admin "
                         "API "
                         "from the isolation networks will get 503 service_isolated. %n session(s) are "
                         "active.",
                         nullptr, answer.value(QStringLiteral("active_sessions")).toInt());
                break;
            case Step::RevokeSessions:
                text = tr("%1 session(s) of %2 user(s) and %3 refresh token(s) will be revoked, and every "
                          "access "
                          "token issued until now refused. Your own console session is renewed, so you can "
                          "still restore the service.")
                           .arg(answer.value(QStringLiteral("sessions")).toInt())
                           .arg(answer.value(QStringLiteral("users")).toInt())
                           .arg(answer.value(QStringLiteral("refresh_tokens")).toInt());
                break;
            case Step::RotateKeys:
                text = tr("A new signing key becomes active; these keys are retired and removed from JWKS at "
                          "once, so every token they signed is refused: %1")
                           .arg(answer.value(QStringLiteral("would_retire"))
                                    .toVariant()
                                    .toStringList()
                                    .join(QStringLiteral(", ")));
                break;
            case Step::Restore:
                text = answer.value(QStringLiteral("already_normal")).toBool()
                    ? tr("The service is not isolated; running this changes nothing.")
                    : tr("The service will answer every request again.");
                break;
            default:
                break;
            }
            record(step, QStringLiteral("preview"), QStringLiteral("info"),
                   {{QStringLiteral("dry_run"), answer}}, text);
            setBusy(false);
            emit previewReady(step, true, text + QStringLiteral("\n\n") + jsonText(answer));
        },
        [this, step](const ApiError& error) {
            record(step, QStringLiteral("preview"), QStringLiteral("failed"),
                   {{QStringLiteral("error"), errorText(error)}}, errorText(error));
            setBusy(false);
            emit previewReady(step, false, tr("The preview failed: %1").arg(errorText(error)));
        });
}

void BreachResponse::execute(Step step, const QString& reason)
{
    if (m_busy || reason.trimmed().isEmpty())
        return;
    setBusy(true);
    record(step, QStringLiteral("started"), QStringLiteral("info"),
           {{QStringLiteral("reason"), reason.trimmed()}}, reason.trimmed());
    switch (step) {
    case Step::Isolate:
        return isolate(reason);
    case Step::RevokeSessions:
        return revokeSessions(reason);
    case Step::RotateKeys:
        return rotateKeys(reason);
    case Step::Restore:
        return restore(reason);
    default:
        setBusy(false);
    }
}

void BreachResponse::isolate(const QString& reason)
{
    m_session.call(
        "POST", QStringLiteral("/admin/containment/isolate"), {}, actionBody(reason, false), this,
        [this](const QJsonObject& answer, int, qint64) {
            record(Step::Isolate, QStringLiteral("executed"), QStringLiteral("ok"),
                   {{QStringLiteral("state"), answer}}, tr("isolated"));
            emit progress(Step::Isolate, tr("Isolated; checking that logins are refused…"));
            verifyIsolated(0, [this](bool ok, const QString& message) {
                record(Step::Isolate, QStringLiteral("verified"),
                       ok ? QStringLiteral("ok") : QStringLiteral("failed"), {}, message);
                finish(Step::Isolate, ok, message);
            });
        },
        [this](const ApiError& error) { finish(Step::Isolate, false, errorText(error)); });
}

void BreachResponse::verifyIsolated(int attempt, Done done)
{
    // An anonymous login, as an attacker would try it: it must meet the lockdown.
    probe({}).call(
        "POST", QStringLiteral("/api/v1/auth/login"), {}, QJsonObject {}, this,
        [this, attempt, done](const QJsonObject& answer, int status, qint64) {
            if (status == 503 && answer.value(QStringLiteral("error")) == QLatin1String("service_isolated"))
                return done(true, tr("Verified: a login attempt now answers 503 service_isolated."));
            if (attempt + 1 < VerifyAttempts)
                return void(QTimer::singleShot(VerifyIntervalMs, this,
                                               [this, attempt, done] { verifyIsolated(attempt + 1, done); }));
            done(false, tr("Not verified: a login attempt still answers %1.").arg(status));
        },
        [this, attempt, done](const ApiError& error) {
            if (attempt + 1 < VerifyAttempts)
                return void(QTimer::singleShot(VerifyIntervalMs, this,
                                               [this, attempt, done] { verifyIsolated(attempt + 1, done); }));
            done(false, tr("Not verified: a login attempt answers %1.").arg(errorText(error)));
        },
        {503, 400, 401, 415, 422});
}

void BreachResponse::revokeSessions(const QString& reason)
{
    // The console's own session ends too: nothing may use it between the
    // revocation and taking over the renewed one, or it would be found expired.
    m_serverHeld = true;
    whenServerJournalIdle([this, reason] {
        const QByteArray before = m_client.accessToken();
        QJsonObject body = actionBody(reason, false);
        body.insert(QStringLiteral("renew_caller_session"), true);
        m_session.call(
            "POST", QStringLiteral("/admin/sessions/revoke-all"), {}, body, this,
            [this, before](const QJsonObject& answer, int, qint64) {
                const bool adopted
                    = m_session.adoptTokens(answer.value(QStringLiteral("session")).toObject());
                m_serverHeld = false;
                QJsonObject result = answer;
                result.remove(QStringLiteral("session")); // tokens stay out of the journal
                record(Step::RevokeSessions, QStringLiteral("executed"), QStringLiteral("ok"),
                       {{QStringLiteral("result"), result}},
                       tr("%1 session(s) revoked")
                           .arg(answer.value(QStringLiteral("sessions_revoked")).toInt()));
                if (!adopted) {
                    finish(
                        Step::RevokeSessions, false,
                        tr("Sessions were revoked, but the console's session could not be renewed: sign in "
                           "again to continue."));
                    return;
                }
                verifyTokenRefused(before, [this](bool refused, const QString& message) {
                    record(Step::RevokeSessions, QStringLiteral("verified"),
                           refused ? QStringLiteral("ok") : QStringLiteral("failed"), {}, message);
                    finish(Step::RevokeSessions, refused, message);
                });
            },
            [this](const ApiError& error) {
                m_serverHeld = false;
                finish(Step::RevokeSessions, false, errorText(error));
            });
    });
}

void BreachResponse::whenServerJournalIdle(std::function<void()> then)
{
    if (!m_serverSending) {
        then();
        return;
    }
    QTimer::singleShot(50, this, [this, then] { whenServerJournalIdle(then); });
}

void BreachResponse::verifyTokenRefused(const QByteArray& token, Done done)
{
    if (token.isEmpty())
        return done(false, tr("Not verified: there was no earlier access token to test."));
    probe(token).call(
        "GET", QStringLiteral("/admin/containment"), {}, std::nullopt, this,
        [done](const QJsonObject&, int status, qint64) {
            if (status == 401)
                done(true, tr("Verified: the console's access token from before is refused (401)."));
            else
                done(false, tr("Not verified: the access token from before is still accepted."));
        },
        [this, done](const ApiError& error) { done(false, tr("Not verified: %1").arg(errorText(error))); },
        {200, 401});
}

void BreachResponse::fetchJwks(std::function<void(const QStringList& kids, const QString& error)> done)
{
    probe({}).call(
        "GET", QStringLiteral("/.well-known/jwks.json"), {}, std::nullopt, this,
        [done](const QJsonObject& answer, int, qint64) {
            done(kidsOf(answer.value(QStringLiteral("keys")).toArray()), {});
        },
        [this, done](const ApiError& error) { done({}, errorText(error)); });
}

void BreachResponse::rotateKeys(const QString& reason)
{
    const QByteArray before = m_client.accessToken();
    QJsonObject body = actionBody(reason, false);
    body.insert(QStringLiteral("emergency"), true);
    m_session.call(
        "POST", QStringLiteral("/admin/keys/rotate"), {}, body, this,
        [this, before](const QJsonObject& answer, int, qint64) {
            const QString active
                = answer.value(QStringLiteral("active")).toObject().value(QStringLiteral("kid")).toString();
            QStringList retired;
            for (const QJsonValue& key : answer.value(QStringLiteral("previous")).toArray()) {
                if (key.toObject().value(QStringLiteral("state")) == QLatin1String("retired"))
                    retired.append(key.toObject().value(QStringLiteral("kid")).toString());
            }
            record(Step::RotateKeys, QStringLiteral("executed"), QStringLiteral("ok"),
                   {{QStringLiteral("active_kid"), active},
                    {QStringLiteral("retired"), QJsonArray::fromStringList(retired)}},
                   tr("new key %1, retired %2").arg(active, retired.join(QStringLiteral(", "))));
            fetchJwks([this, before, active, retired](const QStringList& kids, const QString& error) {
                QString problem;
                if (!error.isEmpty())
                    problem = error;
                else if (active.isEmpty() || !kids.contains(active))
                    problem = tr("JWKS does not list the new key %1.").arg(active);
                for (const QString& kid : retired) {
                    if (kids.contains(kid))
                        problem = tr("JWKS still lists the retired key %1.").arg(kid);
                }
                if (!problem.isEmpty()) {
                    record(Step::RotateKeys, QStringLiteral("verified"), QStringLiteral("failed"), {},
                           problem);
                    return finish(Step::RotateKeys, false, tr("Not verified: %1").arg(problem));
                }
                verifyTokenRefused(
                    before, [this, active, retired](bool refused, const QString& tokenMessage) {
                        const QString message
                            = tr("Verified: JWKS lists the new key %1 and none of the %n retired "
                                 "key(s).",
                                 nullptr, int(retired.size()))
                                  .arg(active)
                            + QLatin1Char(' ') + tokenMessage;
                        record(Step::RotateKeys, QStringLiteral("verified"),
                               refused ? QStringLiteral("ok") : QStringLiteral("failed"), {}, message);
                        finish(Step::RotateKeys, refused, message);
                    });
            });
        },
        [this](const ApiError& error) { finish(Step::RotateKeys, false, errorText(error)); });
}

void BreachResponse::restore(const QString& reason)
{
    m_session.call(
        "POST", QStringLiteral("/admin/containment/restore"), {}, actionBody(reason, false), this,
        [this](const QJsonObject& answer, int, qint64) {
            record(Step::Restore, QStringLiteral("executed"), QStringLiteral("ok"),
                   {{QStringLiteral("state"), answer}}, tr("restored"));
            emit progress(Step::Restore, tr("Restored; checking health and logins…"));
            verifyRestored(0, [this](bool ok, const QString& message) {
                record(Step::Restore, QStringLiteral("verified"),
                       ok ? QStringLiteral("ok") : QStringLiteral("failed"), {}, message);
                finish(Step::Restore, ok, message);
            });
        },
        [this](const ApiError& error) { finish(Step::Restore, false, errorText(error)); });
}

void BreachResponse::verifyRestored(int attempt, Done done)
{
    auto retry = [this, attempt, done](const QString& problem) {
        if (attempt + 1 < VerifyAttempts)
            QTimer::singleShot(VerifyIntervalMs, this,
                               [this, attempt, done] { verifyRestored(attempt + 1, done); });
        else
            done(false, tr("Not verified: %1").arg(problem));
    };
    probe({}).call(
        "GET", QStringLiteral("/health"), {}, std::nullopt, this,
        [this, retry, done](const QJsonObject& health, int, qint64) {
            const QString status = health.value(QStringLiteral("status")).toString();
            if (status != QLatin1String("healthy"))
                return retry(tr("/health reports %1.").arg(status));
            probe({}).call(
                "POST", QStringLiteral("/api/v1/auth/login"), {}, QJsonObject {}, this,
                [done](const QJsonObject&, int status, qint64) {
                    done(true,
                         tr("Verified: /health is healthy and a login attempt is answered again (%1, not "
                            "503).")
                             .arg(status));
                },
                [this, retry](const ApiError& error) {
                    retry(tr("a login attempt answers %1.").arg(errorText(error)));
                },
                {200, 400, 401, 415, 422});
        },
        [this, retry](const ApiError& error) { retry(errorText(error)); }, {200, 503});
}

void BreachResponse::downloadEvidence(const QString& path, const QString& reason)
{
    if (m_busy || path.isEmpty() || reason.trimmed().isEmpty())
        return;
    setBusy(true);
    record(Step::Evidence, QStringLiteral("started"), QStringLiteral("info"),
           {{QStringLiteral("file"), path}, {QStringLiteral("reason"), reason.trimmed()}}, reason.trimmed());
    // The key first: it also renews the session if needed, so the download's token is fresh.
    m_session.call(
        "GET", QStringLiteral("/admin/evidence/public-key"), {}, std::nullopt, this,
        [this, path, reason](const QJsonObject& key, int, qint64) {
            startEvidenceDownload(path, reason, key.value(QStringLiteral("public_key_pem")).toString(),
                                  key.value(QStringLiteral("fingerprint_sha256")).toString());
        },
        [this](const ApiError& error) { finish(Step::Evidence, false, errorText(error)); });
}

void BreachResponse::startEvidenceDownload(const QString& path, const QString& reason,
                                           const QString& publicKeyPem, const QString& serverFingerprint)
{
    m_evidenceFile = std::make_unique<QSaveFile>(path);
    if (!m_evidenceFile->open(QIODevice::WriteOnly)) {
        finish(Step::Evidence, false, tr("Cannot write %1: %2").arg(path, m_evidenceFile->errorString()));
        return;
    }
    m_evidenceFile->setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    m_evidenceHash.reset();
    QNetworkRequest request
        = m_client.prepareRequest(m_client.profile().endpoint(QStringLiteral("/admin/evidence")));
    request.setRawHeader("Accept", "application/gzip");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(120000);
    const QJsonObject body = actionBody(reason, false);
    QJsonObject payload = body;
    payload.remove(QStringLiteral("dry_run"));
    m_download = m_downloads->post(request, QJsonDocument(payload).toJson(QJsonDocument::Compact));
    QNetworkReply* reply = m_download;
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        if (m_client.acceptsPinnedCertificate(reply->sslConfiguration().peerCertificate()))
            reply->ignoreSslErrors(errors);
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, tooLarge] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return; // an error body is read at the end
        const QByteArray chunk = reply->readAll();
        if (m_evidenceFile->size() + chunk.size() > MaxEvidenceBytes) {
            *tooLarge = true;
            reply->abort();
            return;
        }
        m_evidenceHash.addData(chunk);
        m_evidenceFile->write(chunk);
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, path, publicKeyPem, serverFingerprint, tooLarge] {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status != 200 || reply->error() != QNetworkReply::NoError) {
                    m_evidenceFile->cancelWriting();
                    m_evidenceFile.reset();
                    const QJsonObject error
                        = QJsonDocument::fromJson(reply->readAll().left(64 * 1024)).object();
                    QString message = *tooLarge
                        ? tr("The bundle is larger than %1 MiB.").arg(MaxEvidenceBytes >> 20)
                        : status ? tr("The server answered %1: %2")
                                       .arg(status)
                                       .arg(error.value(QStringLiteral("error_description")).toString())
                                 : reply->errorString();
                    finish(Step::Evidence, false, message);
                    return;
                }
                const QByteArray rest = reply->readAll();
                m_evidenceHash.addData(rest);
                m_evidenceFile->write(rest);
                EvidenceResult result;
                result.path = path;
                result.bytes = m_evidenceFile->size();
                result.sha256 = QString::fromLatin1(m_evidenceHash.result().toHex());
                result.serverSha256 = QString::fromLatin1(reply->rawHeader("X-Evidence-SHA256")).toLower();
                result.serverFingerprint = serverFingerprint;
                if (!m_evidenceFile->commit()) {
                    const QString message
                        = tr("Cannot write %1: %2").arg(path, m_evidenceFile->errorString());
                    m_evidenceFile.reset();
                    finish(Step::Evidence, false, message);
                    return;
                }
                m_evidenceFile.reset();
                emit progress(Step::Evidence,
                              tr("Downloaded %1 bytes; verifying the signed manifest…").arg(result.bytes));
                verifyEvidenceFile(result, publicKeyPem);
            });
}

void BreachResponse::verifyEvidenceFile(EvidenceResult result, const QString& publicKeyPem)
{
    const QString path = result.path;
    const QByteArray pem = publicKeyPem.toLatin1();
    // Reading and hashing a large bundle stays off the GUI thread.
    QtConcurrent::run([path, pem] {
        QString error;
        const auto entries = evidence::EvidenceArchive::readFile(path, &error);
        if (!entries) {
            evidence::Verification failed;
            failed.problems.append(error);
            return failed;
        }
        return evidence::verifyBundle(*entries, pem);
    }).then(this, [this, result](const evidence::Verification& verification) mutable {
        result.keyFingerprint = verification.keyFingerprint;
        result.filesChecked = verification.filesChecked;
        result.problems = verification.problems;
        if (result.serverSha256.isEmpty() || result.serverSha256 != result.sha256)
            result.problems.append(
                tr("The file's SHA-256 differs from the one the server sent (%1).").arg(result.serverSha256));
        if (result.keyFingerprint != result.serverFingerprint)
            result.problems.append(tr("The bundle was not verified with the server's evidence key."));
        result.ok = verification.ok && result.problems.isEmpty();
        record(Step::Evidence, QStringLiteral("verified"),
               result.ok ? QStringLiteral("ok") : QStringLiteral("failed"),
               {{QStringLiteral("file"), result.path},
                {QStringLiteral("bytes"), double(result.bytes)},
                {QStringLiteral("sha256"), result.sha256},
                {QStringLiteral("key_fingerprint"), result.keyFingerprint},
                {QStringLiteral("files_checked"), result.filesChecked},
                {QStringLiteral("problems"), QJsonArray::fromStringList(result.problems)}},
               tr("bundle SHA-256 %1, %2 file(s) checked").arg(result.sha256).arg(result.filesChecked));
        emit evidenceFinished(result);
        finish(Step::Evidence, result.ok,
               result.ok ? tr("Verified: the signed manifest holds for all %1 file(s); SHA-256 %2.")
                               .arg(result.filesChecked)
                               .arg(result.sha256)
                         : tr("Verification failed: %1").arg(result.problems.join(QStringLiteral("; "))));
    });
}

void BreachResponse::recordReport(const QString& pdfPath, const QString& sha256)
{
    record(Step::Report, QStringLiteral("completed"), QStringLiteral("ok"),
           {{QStringLiteral("file"), pdfPath}, {QStringLiteral("sha256"), sha256}},
           tr("incident report written, SHA-256 %1").arg(sha256));
    JournalEntry closed;
    closed.step = QStringLiteral("incident");
    closed.action = QStringLiteral("closed");
    closed.outcome = QStringLiteral("ok");
    m_journal.append(closed);
    emit stepFinished(Step::Report, true, tr("The incident report was written to %1.").arg(pdfPath));
}

} // namespace auth::console
