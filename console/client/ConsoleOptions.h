#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace auth::console {

// What the command line asks for. Parsing exits like QCommandLineParser::process
// on --help, --version or an error, so call it after translations are installed.
struct ConsoleOptions
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::ConsoleOptions)

public:
    QString server;
    QString caCertificateFile;
    QByteArray fingerprint; // normalized hex, empty when not given
    QString language; // empty when not given
    bool allowPlainHttp = false;
    // --export-report: write the PDF for [reportFrom, reportTo] and exit, no window.
    QString exportReport;
    QDateTime reportFrom; // UTC; defaults to 24 hours before reportTo
    QDateTime reportTo; // UTC; defaults to now
    bool saveReportData = false;

    static ConsoleOptions fromCommandLine(const QStringList& arguments);
    // --lang read ahead of parsing, so that --help already speaks the chosen language.
    static QString peekLanguage(const QStringList& arguments);
    // Whether --export-report or one of its options is among the arguments, read
    // ahead of parsing so that the headless platform can be chosen before the
    // application exists (and usage errors need no display either).
    static bool peekExportReport(const QStringList& arguments);
};

} // namespace auth::console
