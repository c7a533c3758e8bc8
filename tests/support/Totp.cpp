#include "Totp.h"

#include <QDateTime>
#include <QProcess>

namespace auth::test {

QString oathCode(const QString& secret, qint64 offsetSecs)
{
    const qint64 at = QDateTime::currentSecsSinceEpoch() + offsetSecs;
    QProcess oathtool;
    oathtool.start(QStringLiteral("oathtool"),
                   {QStringLiteral("--totp"), QStringLiteral("-b"), QStringLiteral("--now"),
                    QStringLiteral("@%1").arg(at), secret});
    if (!oathtool.waitForFinished(10000) || oathtool.exitCode() != 0)
        return {};
    return QString::fromLatin1(oathtool.readAllStandardOutput().trimmed());
}

} // namespace auth::test
