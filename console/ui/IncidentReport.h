#pragma once

#include <QCoreApplication>
#include <QString>

namespace auth::console {

class IncidentJournal;

// The incident timeline as a PDF (QPdfWriter + QTextDocument): title, incident
// id, operator, server, every journal entry with its time and outcome, the
// evidence bundle's SHA-256, and page numbers. The journal holds no secrets,
// so neither does the report.
class IncidentReport
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::IncidentReport)

public:
    // The SHA-256 (hex) of the written file; empty with `error` set on failure.
    static QString write(const QString& path, const IncidentJournal& journal, QString* error);
    static QString html(const IncidentJournal& journal);
};

} // namespace auth::console
