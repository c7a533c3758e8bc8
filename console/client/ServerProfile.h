#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>
#include <optional>

namespace auth::console {

// Where the console connects and which certificate it trusts there. At most one
// of caCertificateFile and pinnedSha256 is set; with neither, the system CAs apply.
struct ServerProfile
{
    Q_DECLARE_TR_FUNCTIONS(auth::console::ServerProfile)

public:
    enum class TrustMode { System, CaFile, Pinned, PlainHttp };

    QUrl url;
    QString caCertificateFile;
    QByteArray pinnedSha256; // 64 lower-case hex digits
    bool allowPlainHttp = false; // honoured for loopback hosts only

    TrustMode trustMode() const;
    QLatin1String trustModeKey() const; // "system", "ca-file", "pinned", "plain-http" for logs
    // Empty when the profile can be used, else one sentence for the user.
    QString validate() const;
    // scheme://host:port, the key under which trust decisions are remembered.
    QString origin() const;
    // The URL of an API path below the configured base URL (which may carry a prefix).
    QUrl endpoint(const QString& path) const;

    // Accepts hex with or without colons/spaces in any case ("AB:CD:..." as openssl
    // prints it); nullopt unless exactly 32 bytes remain.
    static std::optional<QByteArray> normalizeFingerprint(const QString& text);
    static QUrl parseUrl(const QString& text);
    static bool isLoopbackHost(const QString& host);
};

} // namespace auth::console
