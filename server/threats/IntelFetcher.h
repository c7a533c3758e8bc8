#pragma once

#include <QByteArray>
#include <QString>
#include <variant>

namespace auth::threats {

// Why a threat-intel source could not be used: its content is invalid (the
// operator must fix the list), or it could not be read or downloaded (retry).
struct IntelError
{
    enum class Kind { Invalid, Unavailable };
    Kind kind = Kind::Invalid;
    QString message; // names the source (without credentials) and, for Invalid, the line
};

struct FetchLimits
{
    qint64 maxBytes = 16 * 1024 * 1024;
    int timeoutMs = 30'000;
};

// The source as it may be shown in answers and logs: user info and query removed.
QString displaySource(const QString& source);

// Reads one source: an absolute file path, or an https:// URL fetched with
// QNetworkAccessManager (TLS verified, redirects only to https, size and time
// bounded). Blocking: call on a pool thread, never on the event loop.
std::variant<QByteArray, IntelError> fetchIntelSource(const QString& source, const FetchLimits& limits);

} // namespace auth::threats
