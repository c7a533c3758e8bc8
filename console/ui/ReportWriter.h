#pragma once

#include "client/ReportData.h"

#include <QCoreApplication>
#include <QList>
#include <QPicture>
#include <QString>

namespace auth::console {

// Writes a metrics report as a vector PDF (A4, 300 dpi): a cover with server,
// period, author and key figures; the dashboard's charts; tables that continue
// across pages with their header rows repeated; "Page N of M" and the SHA-256
// of the report data in every footer. The work is bounded by ReportData's limits.
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::ReportWriter)

public:
    // The dashboard's charts for `data` as vector recordings. GUI thread only:
    // charts are QGraphicsItems. Everything else here is safe on a worker thread.
    static QList<QPicture> renderCharts(const ReportData& data);
    // False with `error` set when the file cannot be written; `pages` gets the page count.
    static bool write(const ReportData& data, const QList<QPicture>& charts, const QString& fileName,
                      QString* error = nullptr, int* pages = nullptr);
    // renderCharts() and write(), so on the GUI thread.
    static bool write(const ReportData& data, const QString& fileName, QString* error = nullptr,
                      int* pages = nullptr);
    // The PDF and, with `saveData`, canonical() beside it in dataFileName().
    static bool writeFiles(const ReportData& data, const QList<QPicture>& charts, const QString& fileName,
                           bool saveData, int* pages, QString* error);
    // Where --save-data and the dialog's check box put the data: FILE.json beside FILE.pdf.
    static QString dataFileName(const QString& pdfFileName);
    // How many pages write() makes of `data` (for tests and the progress line).
    static int pageCount(const ReportData& data);
};

} // namespace auth::console
