#include "ui/IncidentReport.h"

#include "client/BreachResponse.h"
#include "client/IncidentJournal.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>

namespace auth::console {

namespace {

QString stepTitle(const QString& name)
{
    for (BreachResponse::Step step : BreachResponse::steps()) {
        if (BreachResponse::stepName(step) == name)
            return BreachResponse::stepTitle(step);
    }
    return name == QLatin1String("incident") ? IncidentReport::tr("Incident") : name;
}

QString outcomeText(const QString& outcome)
{
    if (outcome == QLatin1String("ok"))
        return IncidentReport::tr("OK");
    if (outcome == QLatin1String("failed"))
        return IncidentReport::tr("FAILED");
    if (outcome == QLatin1String("skipped"))
        return IncidentReport::tr("skipped");
    return IncidentReport::tr("info");
}

QString summary(const JournalEntry& entry)
{
    QStringList parts;
    for (const char* key :
         {"message", "reason", "file", "sha256", "active_kid", "key_fingerprint", "error"}) {
        const QJsonValue value = entry.details.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            parts.append(QStringLiteral("%1: %2").arg(QLatin1String(key), value.toString()));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QString IncidentReport::html(const IncidentJournal& journal)
{
    QString html = QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 9pt\">");
    html += QStringLiteral("<h1>%1</h1>").arg(tr("Incident Report").toHtmlEscaped());
    const QList<std::pair<QString, QString>> facts {
        {tr("Incident"), journal.incidentId()},
        {tr("Operator"), journal.operatorName()},
        {tr("Server"), journal.server()},
        {tr("Opened"), journal.openedAt().toUTC().toString(Qt::ISODate)},
        {tr("Journal"), journal.path()},
    };
    // Paragraphs rather than a table, so a long journal path cannot squeeze the id;
    // values in a monospace face, which has no ligatures ("ff"), so ids and
    // hashes copy out of the PDF exactly.
    for (const auto& [label, value] : facts)
        html += QStringLiteral("<p><b>%1:</b> <span style=\"font-family: monospace\">%2</span></p>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());

    // One line per runbook step, so the state of the response reads at a glance.
    html += QStringLiteral("<h2>%1</h2>").arg(tr("Steps").toHtmlEscaped());
    for (BreachResponse::Step step : BreachResponse::steps()) {
        const QString name = BreachResponse::stepName(step);
        QString state = tr("not done");
        if (journal.isCompleted(name))
            state = tr("completed");
        else if (journal.last(name, QStringLiteral("skipped")))
            state = tr("skipped");
        else if (journal.last(name, QStringLiteral("failed"))
                 || journal.last(name, QStringLiteral("completed")))
            state = tr("failed");
        html += QStringLiteral("<p>%1: %2</p>")
                    .arg(BreachResponse::stepTitle(step).toHtmlEscaped(), state.toHtmlEscaped());
    }

    if (const auto evidence = journal.last(QStringLiteral("evidence"), QStringLiteral("verified"))) {
        html += QStringLiteral("<h2>%1</h2>").arg(tr("Evidence").toHtmlEscaped());
        const QList<std::pair<QString, QString>> rows {
            {tr("Bundle"), evidence->details.value(QStringLiteral("file")).toString()},
            {tr("SHA-256"), evidence->details.value(QStringLiteral("sha256")).toString()},
            {tr("Evidence key"), evidence->details.value(QStringLiteral("key_fingerprint")).toString()},
            {tr("Verified"), outcomeText(evidence->outcome)},
        };
        for (const auto& [label, value] : rows)
            html += QStringLiteral("<p><b>%1:</b> <span style=\"font-family: monospace\">%2</span></p>")
                        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    }

    html += QStringLiteral("<h2>%1</h2>").arg(tr("Timeline").toHtmlEscaped());
    html += QStringLiteral(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\"><thead><tr>");
    for (const QString& heading : {tr("Time (UTC)"), tr("Step"), tr("Action"), tr("Outcome"), tr("Details")})
        html += QStringLiteral("<th align=\"left\">%1</th>").arg(heading.toHtmlEscaped());
    html += QStringLiteral("</tr></thead>");
    for (const JournalEntry& entry : journal.entries()) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td><span "
                               "style=\"font-family: monospace\">%5</span></td></tr>")
                    .arg(entry.time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toHtmlEscaped(),
                         stepTitle(entry.step).toHtmlEscaped(), entry.action.toHtmlEscaped(),
                         outcomeText(entry.outcome).toHtmlEscaped(), summary(entry).toHtmlEscaped());
    }
    html += QStringLiteral("</table></body></html>");
    return html;
}

QString IncidentReport::write(const QString& path, const IncidentJournal& journal, QString* error)
{
    {
        QPdfWriter writer(path);
        writer.setTitle(tr("Incident Report %1").arg(journal.incidentId()));
        writer.setCreator(QStringLiteral("auth-console"));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        QTextDocument document;
        document.setHtml(html(journal));
        // Without a page size of its own the document is laid out on the
        // writer's pages and print() numbers them.
        document.print(&writer);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() == 0) {
        if (error)
            *error = tr("The report %1 could not be written.").arg(path);
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace auth::console
