#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace auth::test {

// One finished command: exit code (-1 when it crashed or did not start), output.
struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString all() const { return QString::fromUtf8(out + err); }
};

// Runs `program` to completion with `env` (added to a minimal PATH/HOME/TMPDIR
// environment, so nothing from the developer's shell leaks in).
inline ProcessResult runProcess(const QString& program, const QStringList& args,
                                const QHash<QString, QString>& env = {}, int timeoutMs = 120000,
                                const QString& workingDirectory = {})
{
    QProcessEnvironment environment;
    for (const char* keep :
         {"PATH", "HOME", "LANG", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (qEnvironmentVariableIsSet(keep))
            environment.insert(QString::fromLatin1(keep), qEnvironmentVariable(keep));
    }
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, args);
    ProcessResult result;
    if (!process.waitForStarted(10000))
        return result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    return result;
}

} // namespace auth::test
