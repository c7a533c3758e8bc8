#include "client/ServerProfile.h"

#include <QHostAddress>

namespace auth::console {

ServerProfile::TrustMode ServerProfile::trustMode() const
{
    if (url.scheme() == QLatin1String("http"))
        return TrustMode::PlainHttp;
    if (!pinnedSha256.isEmpty())
        return TrustMode::Pinned;
    if (!caCertificateFile.isEmpty())
        return TrustMode::CaFile;
    return TrustMode::System;
}

QLatin1String ServerProfile::trustModeKey() const
{
    switch (trustMode()) {
    case TrustMode::CaFile:
        return QLatin1String("ca-file");
    case TrustMode::Pinned:
        return QLatin1String("pinned");
    case TrustMode::PlainHttp:
        return QLatin1String("plain-http");
    case TrustMode::System:
        break;
    }
    return QLatin1String("system");
}

QString ServerProfile::validate() const
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("Enter the server address, for example https://127.0.0.1:3000.");
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return tr("The server address must not contain a user name, query or fragment.");
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("http")) {
        if (!isLoopbackHost(url.host()))
            return tr("Plain HTTP is refused for %1: use https://.").arg(url.host());
        if (!allowPlainHttp)
            return tr("Plain HTTP is off: use https:// or allow plain HTTP to this loopback address.");
        if (!caCertificateFile.isEmpty() || !pinnedSha256.isEmpty())
            return tr("A CA certificate or pinned fingerprint needs an https:// address.");
        return {};
    }
    if (scheme != QLatin1String("https"))
        return tr("Unsupported scheme \"%1\": use https://.").arg(scheme);
    if (!caCertificateFile.isEmpty() && !pinnedSha256.isEmpty())
        return tr("Choose either a CA certificate or a pinned fingerprint, not both.");
    if (!pinnedSha256.isEmpty() && !normalizeFingerprint(QString::fromLatin1(pinnedSha256)))
        return tr("The pinned fingerprint must be 64 hexadecimal digits (SHA-256).");
    return {};
}

QString ServerProfile::origin() const
{
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    return QStringLiteral("%1://%2:%3")
        .arg(url.scheme(), url.host(QUrl::FullyEncoded).toLower())
        .arg(url.port(defaultPort));
}

QUrl ServerProfile::endpoint(const QString& path) const
{
    QUrl result = url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    result.setPath(base + path);
    return result;
}

std::optional<QByteArray> ServerProfile::normalizeFingerprint(const QString& text)
{
    QByteArray hex;
    for (const QChar c : text) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        const char16_t lower = c.toLower().unicode();
        if (!((lower >= u'0' && lower <= u'9') || (lower >= u'a' && lower <= u'f')))
            return std::nullopt;
        hex.append(char(lower));
    }
    if (hex.size() != 64)
        return std::nullopt;
    return hex;
}

QUrl ServerProfile::parseUrl(const QString& text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // An operator types "127.0.0.1:3000"; the safe reading of that is https.
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("https://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (url.isValid())
        url.setScheme(url.scheme().toLower());
    return url;
}

bool ServerProfile::isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace auth::console
