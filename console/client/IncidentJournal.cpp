#include "client/IncidentJournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>

namespace auth::console {

namespace {

const QString IncidentStep = QStringLiteral("incident");

bool validName(const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]{0,31}$"));
    return pattern.match(value).hasMatch();
}

bool secretKey(const QString& key)
{
    static const QRegularExpression pattern(
        QStringLiteral("token|password|passwd|secret|code|authorization|cookie|otp"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(key).hasMatch();
}

QJsonValue scrub(const QJsonValue& value)
{
    if (value.isObject())
        return IncidentJournal::withoutSecrets(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& item : value.toArray())
            out.append(scrub(item));
        return out;
    }
    return value;
}

} // namespace

QJsonObject JournalEntry::toJson() const
{
    return {{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("step"), step},
            {QStringLiteral("action"), action},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("details"), details}};
}

std::optional<JournalEntry> JournalEntry::fromJson(const QJsonObject& object)
{
    JournalEntry entry;
    entry.time = QDateTime::fromString(object.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    entry.step = object.value(QStringLiteral("step")).toString();
    entry.action = object.value(QStringLiteral("action")).toString();
    entry.outcome = object.value(QStringLiteral("outcome")).toString();
    const QJsonValue details = object.value(QStringLiteral("details"));
    static const QStringList outcomes {QStringLiteral("ok"), QStringLiteral("failed"),
                                       QStringLiteral("skipped"), QStringLiteral("info")};
    if (!entry.time.isValid() || !validName(entry.step) || !validName(entry.action)
        || !outcomes.contains(entry.outcome) || !(details.isObject() || details.isUndefined()))
        return std::nullopt;
    entry.details = details.toObject();
    return entry;
}

QString IncidentJournal::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/incidents");
}

std::optional<IncidentJournal> IncidentJournal::create(const QString& directory, const QString& server,
                                                       const QString& operatorName, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!QDir().mkpath(directory)) {
        *error = tr("Cannot create the incident directory %1.").arg(directory);
        return std::nullopt;
    }
    QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    IncidentJournal journal;
    journal.m_incidentId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    journal.m_path = QDir(directory).filePath(journal.m_incidentId + QStringLiteral(".jsonl"));
    journal.m_server = server;
    journal.m_operator = operatorName;
    QFile file(journal.m_path);
    // NewOnly: never continue someone else's file under a colliding name.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)) {
        *error = tr("Cannot create the incident journal %1: %2").arg(journal.m_path, file.errorString());
        return std::nullopt;
    }
    file.close();
    JournalEntry opened;
    opened.step = IncidentStep;
    opened.action = QStringLiteral("opened");
    opened.outcome = QStringLiteral("info");
    opened.details = {{QStringLiteral("incident_id"), journal.m_incidentId},
                      {QStringLiteral("server"), server},
                      {QStringLiteral("operator"), operatorName}};
    if (!journal.append(opened, error))
        return std::nullopt;
    return journal;
}

std::optional<IncidentJournal> IncidentJournal::open(const QString& path, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open the incident journal %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxFileBytes) {
        *error = tr("The incident journal %1 is larger than %2 MiB.").arg(path).arg(MaxFileBytes >> 20);
        return std::nullopt;
    }
    IncidentJournal journal;
    journal.m_path = path;
    int lineNo = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(MaxLineBytes + 1);
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const auto entry = document.isObject() && line.size() <= MaxLineBytes
            ? JournalEntry::fromJson(document.object())
            : std::nullopt;
        if (!entry) {
            *error = tr("Line %1 of the incident journal %2 is not a valid entry.").arg(lineNo).arg(path);
            return std::nullopt;
        }
        journal.m_entries.append(*entry);
    }
    if (journal.m_entries.isEmpty() || journal.m_entries.first().step != IncidentStep
        || journal.m_entries.first().action != QLatin1String("opened")) {
        *error = tr("The incident journal %1 does not start with the opening entry.").arg(path);
        return std::nullopt;
    }
    const QJsonObject header = journal.m_entries.first().details;
    journal.m_incidentId = header.value(QStringLiteral("incident_id")).toString();
    journal.m_server = header.value(QStringLiteral("server")).toString();
    journal.m_operator = header.value(QStringLiteral("operator")).toString();
    const QUuid uuid = QUuid::fromString(journal.m_incidentId);
    if (uuid.isNull() || QFileInfo(path).completeBaseName() != journal.m_incidentId) {
        *error = tr("The incident journal %1 names another incident.").arg(path);
        return std::nullopt;
    }
    return journal;
}

QStringList IncidentJournal::unfinished(const QString& directory)
{
    QStringList found;
    const QFileInfoList files
        = QDir(directory).entryInfoList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : files) {
        const auto journal = open(info.filePath(), nullptr);
        if (journal && !journal->isClosed())
            found.append(info.filePath());
    }
    return found;
}

bool IncidentJournal::append(JournalEntry entry, QString* error)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    entry.details = withoutSecrets(entry.details);
    QByteArray line = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact);
    if (line.size() > MaxLineBytes || !JournalEntry::fromJson(entry.toJson())) {
        if (error)
            *error = tr("The journal entry is malformed or too large.");
        return false;
    }
    line += '\n';
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(line) != line.size()
        || !file.flush()) {
        if (error)
            *error = tr("Cannot write the incident journal %1: %2").arg(m_path, file.errorString());
        return false;
    }
    m_entries.append(entry);
    return true;
}

QDateTime IncidentJournal::openedAt() const
{
    return m_entries.isEmpty() ? QDateTime() : m_entries.first().time;
}

bool IncidentJournal::isCompleted(const QString& step) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(), [&](const JournalEntry& e) {
        return e.step == step && e.action == QLatin1String("completed") && e.outcome == QLatin1String("ok");
    });
}

bool IncidentJournal::isClosed() const
{
    return last(IncidentStep, QStringLiteral("closed")).has_value();
}

std::optional<JournalEntry> IncidentJournal::last(const QString& step, const QString& action) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->step == step && it->action == action)
            return *it;
    }
    return std::nullopt;
}

QJsonObject IncidentJournal::withoutSecrets(const QJsonObject& details)
{
    QJsonObject clean;
    for (auto it = details.begin(); it != details.end(); ++it) {
        if (!secretKey(it.key()))
            clean.insert(it.key(), scrub(it.value()));
    }
    return clean;
}

} // namespace auth::console
