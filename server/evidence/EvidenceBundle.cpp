#include "evidence/EvidenceBundle.h"

#include "containment/Containment.h"
#include "core/ServiceContext.h"
#include "crypto/Digest.h"
#include "tokens/KeyManager.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <algorithm>

namespace auth::evidence {

namespace {

QString isoUtc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

QByteArray pretty(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// Security events of the period from security.log and its uncompressed
// rotations (logrotate's .1); compressed rotations travel as files only.
void collectEvents(const QList<QByteArray>& logs, qint64 since, qint64 until, QByteArray* events,
                   QByteArray* audit, int* count)
{
    QList<std::pair<qint64, QByteArray>> found;
    for (const QByteArray& log : logs) {
        for (const QByteArray& line : log.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            const QDateTime at = QDateTime::fromString(object.value(QStringLiteral("timestamp")).toString(),
                                                       Qt::ISODateWithMs);
            if (!at.isValid())
                continue;
            const qint64 secs = at.toSecsSinceEpoch();
            if (secs < since || secs > until)
                continue;
            found.append({at.toMSecsSinceEpoch(), line.trimmed()});
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [ms, line] : found) {
        *events += line + '\n';
        if (line.contains("\"event\":\"admin_action\""))
            *audit += line + '\n';
    }
    *count = int(found.size());
}

// Replaces every occurrence of a configured secret; returns how many.
int redact(QByteArray& data, const QList<QByteArray>& secrets)
{
    int replaced = 0;
    for (const QByteArray& secret : secrets) {
        qsizetype at = 0;
        while ((at = data.indexOf(secret, at)) >= 0) {
            data.replace(at, secret.size(), "<redacted>");
            at += 10;
            ++replaced;
        }
    }
    return replaced;
}

} // namespace

QList<QByteArray> configuredSecrets(const Config& config)
{
    QList<QByteArray> secrets;
    for (const Config::KeyInfo& info : Config::keys()) {
        if (!info.secret)
            continue;
        const QString value = config.string(QString::fromLatin1(info.key));
        if (value.size() >= 6)
            secrets.append(value.toUtf8());
        if (QString::fromLatin1(info.key) == QLatin1String("jwt.rsa_private_key") && !value.isEmpty())
            secrets.append(QByteArray::fromBase64(value.toLatin1()));
    }
    for (const char* key : {"storage.database_url", "storage.redis_url"}) {
        const QString password = QUrl(config.string(QString::fromLatin1(key))).password(QUrl::FullyDecoded);
        if (password.size() >= 6)
            secrets.append(password.toUtf8());
    }
    secrets.removeAll(QByteArray());
    // Longest first, so a secret containing another is redacted whole.
    std::sort(secrets.begin(), secrets.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return secrets;
}

std::optional<Bundle> buildBundle(const core::ServiceContext& context, QSqlDatabase& db,
                                  const EvidenceKey& key, const BundleRequest& request, qint64 maxInputBytes,
                                  bool* tooLarge, QString* error)
{
    Q_UNUSED(db);
    *tooLarge = false;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<ArchiveEntry> entries;

    // Log files: the current ones, and rotations touched since the period began.
    const QDir logDir(context.logDir);
    const QFileInfoList files
        = logDir.entryInfoList({QStringLiteral("application.log*"), QStringLiteral("security.log*")},
                               QDir::Files | QDir::NoSymLinks, QDir::Name);
    qint64 total = 0;
    QList<QByteArray> securityLogs;
    for (const QFileInfo& info : files) {
        const bool current = info.fileName() == QLatin1String("application.log")
            || info.fileName() == QLatin1String("security.log");
        if (!current && info.lastModified().toSecsSinceEpoch() < request.since)
            continue;
        total += info.size();
        if (total > maxInputBytes) {
            *tooLarge = true;
            *error
                = QStringLiteral("the logs of this period exceed %1 MiB").arg(maxInputBytes / (1024 * 1024));
            return std::nullopt;
        }
        QFile file(info.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(info.fileName());
            return std::nullopt;
        }
        ArchiveEntry entry {QStringLiteral("logs/") + info.fileName(), file.readAll(),
                            info.lastModified().toSecsSinceEpoch()};
        if (info.fileName().startsWith(QLatin1String("security.log"))
            && !info.fileName().endsWith(QLatin1String(".gz")))
            securityLogs.append(entry.data);
        entries.append(entry);
    }

    // The period's events and admin audit trail as JSON lines, oldest first.
    Bundle bundle;
    QByteArray events;
    QByteArray audit;
    collectEvents(securityLogs, request.since, request.until, &events, &audit, &bundle.events);
    entries.append({QStringLiteral("events/security-events.jsonl"), events, now});
    entries.append({QStringLiteral("events/admin-audit.jsonl"), audit, now});

    // Configuration, every secret shown only as "<redacted>".
    const Config& config = *context.config;
    QJsonArray settings;
    for (const auto& [name, value] : config.redactedDump()) {
        const ConfigSource source = config.source(name);
        settings.append(QJsonObject {{QStringLiteral("key"), name},
                                     {QStringLiteral("value"), value},
                                     {QStringLiteral("source"),
                                      source == ConfigSource::Default    ? QStringLiteral("default")
                                          : source == ConfigSource::File ? QStringLiteral("file")
                                                                         : QStringLiteral("environment")}});
    }
    entries.append({QStringLiteral("config/config-redacted.json"),
                    pretty({{QStringLiteral("environment"), config.string(QStringLiteral("app.env"))},
                            {QStringLiteral("settings"), settings}}),
                    now});

    // Key metadata only: ids, algorithms, states and dates, never private parts.
    QJsonArray keys;
    if (context.keys) {
        for (const tokens::KeyInfo& info : context.keys->keys()->keys)
            keys.append(info.toJson());
    }
    entries.append({QStringLiteral("keys/signing-keys.json"),
                    pretty({{QStringLiteral("signing_keys"), keys},
                            {QStringLiteral("evidence_key"),
                             QJsonObject {{QStringLiteral("kid"), key.kid},
                                          {QStringLiteral("algorithm"), QStringLiteral("Ed25519")},
                                          {QStringLiteral("fingerprint_sha256"),
                                           publicKeyFingerprint(key.publicPem)}}}}),
                    now});

    // Anything that matches a configured secret is cut out before it can leave.
    const QList<QByteArray> secrets = configuredSecrets(config);
    QJsonObject redactions;
    for (ArchiveEntry& entry : entries) {
        if (const int n = redact(entry.data, secrets))
            redactions.insert(entry.name, n);
    }

    QJsonObject info {
        {QStringLiteral("id"), request.id},
        {QStringLiteral("generated_at"), isoUtc(now)},
        {QStringLiteral("period"),
         QJsonObject {{QStringLiteral("since"), isoUtc(request.since)},
                      {QStringLiteral("until"), isoUtc(request.until)}}},
        {QStringLiteral("reason"), request.reason},
        {QStringLiteral("requested_by"), request.actor},
        {QStringLiteral("source_ip"), request.sourceIp},
        {QStringLiteral("service"), QStringLiteral("auth-service")},
        {QStringLiteral("version"), QStringLiteral(AUTH_VERSION)},
        {QStringLiteral("instance_id"), context.instanceId},
        {QStringLiteral("installation_id"), context.installationId},
        {QStringLiteral("events"), bundle.events},
        {QStringLiteral("redactions"), redactions},
        {QStringLiteral("containment"),
         context.containment ? context.containment->state().toJson() : QJsonObject {}},
        {QStringLiteral("verify"),
         QStringLiteral("auth-service --verify-evidence FILE [--public-key evidence-public.pem]")}};
    QByteArray infoData = pretty(info);
    redact(infoData, secrets);
    entries.append({QStringLiteral("bundle-info.json"), infoData, now});
    entries.append({QLatin1String(kPublicKeyName), key.publicPem, now});

    const QByteArray manifest = manifestOf(entries);
    const QByteArray signature = key.sign(manifest);
    if (signature.isEmpty()) {
        *error = QStringLiteral("cannot sign the manifest");
        return std::nullopt;
    }
    entries.append({QLatin1String(kManifestName), manifest, now});
    entries.append({QLatin1String(kSignatureName), signature.toBase64() + '\n', now});
    const auto archive = EvidenceArchive::write(entries, error);
    if (!archive)
        return std::nullopt;
    bundle.archive = *archive;
    bundle.sha256 = QString::fromLatin1(crypto::sha256(*archive).toHex());
    bundle.files = int(entries.size());
    return bundle;
}

} // namespace auth::evidence
