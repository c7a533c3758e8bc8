#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace auth::console {

// One line of an incident journal: what was done in which step and how it went.
struct JournalEntry
{
    QDateTime time; // UTC, milliseconds
    QString step; // "incident", "assess", "isolate", "revoke_sessions", ...
    QString action; // "opened", "preview", "executed", "verified", "completed", "closed", ...
    QString outcome; // "ok", "failed", "skipped" or "info"
    QJsonObject details;

    QJsonObject toJson() const;
    // nullopt for anything that is not a well-formed entry.
    static std::optional<JournalEntry> fromJson(const QJsonObject& object);
};

// The local record of one breach response: an append-only JSON-lines file
// <directory>/<incident id>.jsonl, created 0600, flushed after every entry, so a
// crash, a disconnect or a restart loses nothing and the wizard can resume.
// The first entry ("incident"/"opened") names the server and the operator; the
// last ("incident"/"closed") marks the incident finished. Detail keys that could
// carry a secret (token, password, secret, code, authorization, cookie) are
// dropped before writing, whatever the caller passes.
class IncidentJournal
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::IncidentJournal)

public:
    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;
    static constexpr int MaxLineBytes = 64 * 1024;

    // <AppDataLocation>/incidents
    static QString defaultDirectory();
    // A new incident with a fresh random id; nullopt (with `error`) when the file cannot be made.
    static std::optional<IncidentJournal> create(const QString& directory, const QString& server,
                                                 const QString& operatorName, QString* error);
    // Loads an existing journal; refuses oversized files and malformed lines (naming the line).
    static std::optional<IncidentJournal> open(const QString& path, QString* error);
    // Journals in `directory` that were opened but not closed, newest first.
    static QStringList unfinished(const QString& directory);

    bool append(JournalEntry entry, QString* error = nullptr);

    QString incidentId() const { return m_incidentId; }
    QString path() const { return m_path; }
    QString server() const { return m_server; }
    QString operatorName() const { return m_operator; }
    QDateTime openedAt() const;
    const QList<JournalEntry>& entries() const { return m_entries; }
    // Whether `step` has an "ok" "completed" entry.
    bool isCompleted(const QString& step) const;
    bool isClosed() const;
    // The last entry of `step` with `action`, if any.
    std::optional<JournalEntry> last(const QString& step, const QString& action) const;

    static QJsonObject withoutSecrets(const QJsonObject& details);

private:
    QString m_path;
    QString m_incidentId;
    QString m_server;
    QString m_operator;
    QList<JournalEntry> m_entries;
};

} // namespace auth::console
