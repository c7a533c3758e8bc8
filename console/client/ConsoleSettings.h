#pragma once

#include "client/ServerProfile.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

namespace auth::console {

// The console's remembered state, as typed keys over QSettings. Trust decisions
// (pinned fingerprint or CA file) are kept per server origin.
class ConsoleSettings
{
public:
    ConsoleSettings(); // the user's settings for this application
    explicit ConsoleSettings(const QString& iniFile); // a private file, for tests and --settings

    QString lastUrl() const;
    void setLastUrl(const QString& url);

    // The remembered trust for the origin of `url`, applied onto a profile for it.
    ServerProfile profileFor(const QUrl& url) const;
    // Remembers the profile's pin or CA file for its origin and makes it the last URL.
    void rememberProfile(const ServerProfile& profile);
    void forgetTrust(const QString& origin);

    QString language() const; // "" means the system language
    void setLanguage(const QString& language);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);

    // Layout the window restores at the next start (tab, range, splitters), by name.
    QVariant viewState(const QString& name) const;
    void setViewState(const QString& name, const QVariant& value);

    void sync();

private:
    static QString originKey(const QString& origin);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace auth::console
