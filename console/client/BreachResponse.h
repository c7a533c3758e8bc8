#pragma once

#include "client/ApiClient.h"
#include "client/IncidentJournal.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QStringList>
#include <functional>
#include <memory>

class QNetworkReply;

namespace auth::console {

class AuthSession;

// What the evidence step found: the file on disk, its SHA-256 (computed while
// streaming, compared with the server's X-Evidence-SHA256) and the offline
// check of its signed manifest against the server's evidence key.
struct EvidenceResult
{
    bool ok = false;
    QString path;
    qint64 bytes = 0;
    QString sha256;
    QString serverSha256;
    QString keyFingerprint; // of the key the bundle verified with
    QString serverFingerprint; // GET /admin/evidence/public-key says
    int filesChecked = 0;
    QStringList problems;
};

// The runbook's "Security Breach Response" as steps over the admin API, each
// one previewed with the server's dry run, executed with the operator's reason
// and then checked independently:
//  - isolate: an anonymous login now answers 503 service_isolated;
//  - revoke sessions: the console's own access token from before is refused
//    (401 from the admin API). The server opens a new session for the console
//    in the same call (renew_caller_session), because logins stay closed while
//    isolated and the operator must still be able to restore;
//  - rotate keys (emergency): JWKS lists the new kid and none of the retired
//    ones, and a token signed by the old key is refused;
//  - evidence: the bundle streamed to disk (bounded), its manifest verified;
//  - restore: /health is healthy and a login no longer answers 503.
// Every step goes into the local IncidentJournal and, in order, to the
// server's audit trail (POST /admin/incidents/{id}/journal).
class BreachResponse : public QObject
{
    Q_OBJECT

public:
    enum class Step { Assess, Isolate, RevokeSessions, RotateKeys, Evidence, Restore, Report };
    Q_ENUM(Step)

signals:
    void assessed(const QJsonObject& alerts, const QJsonObject& metrics, const QJsonObject& containment);
    void previewReady(auth::console::BreachResponse::Step step, bool ok, const QString& text);
    void progress(auth::console::BreachResponse::Step step, const QString& message);
    // `ok`: done and verified; `message` says what was done and checked, or what failed.
    void stepFinished(auth::console::BreachResponse::Step step, bool ok, const QString& message);
    void evidenceFinished(const auth::console::EvidenceResult& result);
    void busyChanged(bool busy);

public:
    // All three must outlive the runner.
    BreachResponse(AuthSession& session, ApiClient& client, IncidentJournal& journal,
                   QObject* parent = nullptr);
    ~BreachResponse() override;

    static QString stepName(Step step); // "revoke_sessions" etc., as journalled
    static QString stepTitle(Step step); // translated
    static QList<Step> steps();
    // The word the operator types to confirm a destructive step ("ISOLATE" ...); empty for the others.
    static QString confirmationWord(Step step);

    IncidentJournal& journal() { return m_journal; }
    bool isBusy() const { return m_busy; }
    bool isCompleted(Step step) const { return m_journal.isCompleted(stepName(step)); }

    void assess();
    // Dry run of Isolate, RevokeSessions, RotateKeys or Restore.
    void preview(Step step, const QString& reason);
    // Runs and verifies Isolate, RevokeSessions, RotateKeys or Restore.
    void execute(Step step, const QString& reason);
    // POST /admin/evidence streamed to `path` (at most MaxEvidenceBytes), then verified.
    void downloadEvidence(const QString& path, const QString& reason);
    // The report was written: records it and closes the incident.
    void recordReport(const QString& pdfPath, const QString& sha256);
    // A step in the local journal and the server's audit trail.
    void record(Step step, const QString& action, const QString& outcome, const QJsonObject& details = {},
                const QString& note = {});
    // Entries that have not reached the server yet (it was unreachable or the session ended).
    int pendingServerEntries() const { return int(m_serverQueue.size()); }
    void flushServerJournal();

    static constexpr qint64 MaxEvidenceBytes = qint64(1) * 1024 * 1024 * 1024;
    static constexpr int VerifyAttempts = 8;
    static constexpr int VerifyIntervalMs = 500;
    static constexpr int ServerRetryMs = 1500;

private:
    using Done = std::function<void(bool ok, const QString& message)>;
    struct ServerEntry
    {
        QJsonObject body;
        int index = 0; // in the journal
    };

    void setBusy(bool busy);
    void finish(Step step, bool ok, const QString& message);
    QJsonObject actionBody(const QString& reason, bool dryRun) const;
    ApiClient& probe(const QByteArray& token);
    void isolate(const QString& reason);
    void revokeSessions(const QString& reason);
    void rotateKeys(const QString& reason);
    void restore(const QString& reason);
    void verifyIsolated(int attempt, Done done);
    void verifyRestored(int attempt, Done done);
    void verifyTokenRefused(const QByteArray& token, Done done);
    void whenServerJournalIdle(std::function<void()> then);
    void fetchJwks(std::function<void(const QStringList& kids, const QString& error)> done);
    void startEvidenceDownload(const QString& path, const QString& reason, const QString& publicKeyPem,
                               const QString& serverFingerprint);
    void verifyEvidenceFile(EvidenceResult result, const QString& publicKeyPem);
    void sendNextServerEntry();
    // Entries after the last one the server confirmed (<journal>.sent), queued
    // again, so a restart or a closed wizard loses nothing (at least once).
    void queueUnsentEntries();
    void markSent(int index);
    QString errorText(const ApiError& error) const;

    AuthSession& m_session;
    ApiClient& m_client;
    IncidentJournal& m_journal;
    std::unique_ptr<ApiClient> m_probe;
    bool m_busy = false;
    QList<ServerEntry> m_serverQueue;
    bool m_serverSending = false;
    bool m_serverHeld = false; // while the session is being re-established after revoke-all
    QNetworkAccessManager* m_downloads = nullptr;
    QPointer<QNetworkReply> m_download;
    std::unique_ptr<QSaveFile> m_evidenceFile;
    QCryptographicHash m_evidenceHash {QCryptographicHash::Sha256};
};

} // namespace auth::console
