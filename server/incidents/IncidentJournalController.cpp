#include "incidents/IncidentJournalController.h"

#include "admin/AdminAccess.h"
#include "core/ServiceContext.h"
#include "http/RequestDecoder.h"
#include "logging/Logger.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace auth::incidents {

namespace {

using http::HttpResponse;

constexpr int kMaxNoteLength = 1000;

struct JournalEntry
{
    QString incidentId;
    QString step;
    QString action;
    QString outcome;
    QString note;
};

HttpResponse invalid(const QString& description)
{
    return HttpResponse::error(400, QStringLiteral("invalid_request"), description);
}

// Lower-case identifiers such as "revoke_sessions": what a journal step or action is.
bool validName(const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]{0,31}$"));
    return pattern.match(value).hasMatch();
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            return true;
    }
    return false;
}

http::Decoded<JournalEntry> decodeEntry(const http::HttpRequest& request)
{
    JournalEntry entry;
    const QString rawId = request.pathParams.value(QStringLiteral("incident_id"));
    const QUuid uuid = QUuid::fromString(rawId);
    entry.incidentId = uuid.toString(QUuid::WithoutBraces);
    if (uuid.isNull() || rawId != entry.incidentId)
        return invalid(QStringLiteral("incident_id must be a lower-case UUID"));
    auto decoded = http::decodeJsonObject(request);
    if (auto* error = std::get_if<HttpResponse>(&decoded))
        return *error;
    const QJsonObject body = std::get<QJsonObject>(decoded);
    static const QSet<QString> known {QStringLiteral("step"), QStringLiteral("action"),
                                      QStringLiteral("outcome"), QStringLiteral("note")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("unknown field %1").arg(it.key().left(64)));
        if (!it.value().isString())
            return invalid(QStringLiteral("%1 must be a string").arg(it.key()));
    }
    entry.step = body.value(QStringLiteral("step")).toString();
    entry.action = body.value(QStringLiteral("action")).toString();
    entry.outcome = body.value(QStringLiteral("outcome")).toString();
    entry.note = body.value(QStringLiteral("note")).toString().trimmed();
    if (!validName(entry.step))
        return invalid(QStringLiteral("step must be 1 to 32 characters of a-z, 0-9 and _"));
    if (!validName(entry.action))
        return invalid(QStringLiteral("action must be 1 to 32 characters of a-z, 0-9 and _"));
    static const QSet<QString> outcomes {QStringLiteral("ok"), QStringLiteral("failed"),
                                         QStringLiteral("skipped"), QStringLiteral("info")};
    if (!outcomes.contains(entry.outcome))
        return invalid(QStringLiteral("outcome must be ok, failed, skipped or info"));
    if (entry.note.size() > kMaxNoteLength || hasControlCharacters(entry.note))
        return invalid(QStringLiteral("note must be at most %1 characters without control characters")
                           .arg(kMaxNoteLength));
    return entry;
}

} // namespace

void IncidentJournalController::registerRoutes(http::Router& router)
{
    router.add("POST", QStringLiteral("/admin/incidents/{incident_id}/journal"),
               [this](http::HttpRequest& r) { return append(r); });
}

QFuture<HttpResponse> IncidentJournalController::append(http::HttpRequest& request)
{
    const admin::AdminCall call = admin::adminCall(request, m_context);
    // Authentication first, so an anonymous caller learns nothing about validation.
    auto decoded = decodeEntry(request);
    return m_context.database->run([this, call, decoded](QSqlDatabase& db) {
        RequestIdScope scope(call.request.requestId);
        auto auth = admin::requireAdmin(call.request, db, m_context);
        if (auto* error = std::get_if<HttpResponse>(&auth))
            return *error;
        if (auto* error = std::get_if<HttpResponse>(&decoded))
            return *error;
        const JournalEntry entry = std::get<JournalEntry>(decoded);
        const core::Principal admin = std::get<core::Principal>(auth);
        admin::audit(admin, call.sourceIp, QStringLiteral("incident.journal"), entry.note,
                     {{QStringLiteral("incident_id"), entry.incidentId},
                      {QStringLiteral("step"), entry.step},
                      {QStringLiteral("action"), entry.action},
                      {QStringLiteral("outcome"), entry.outcome}},
                     entry.outcome);
        return HttpResponse::json(201,
                                  QJsonObject {{QStringLiteral("incident_id"), entry.incidentId},
                                               {QStringLiteral("step"), entry.step},
                                               {QStringLiteral("action"), entry.action},
                                               {QStringLiteral("outcome"), entry.outcome},
                                               {QStringLiteral("recorded_at"),
                                                QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
    });
}

} // namespace auth::incidents
