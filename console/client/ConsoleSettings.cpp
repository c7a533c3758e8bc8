#include "client/ConsoleSettings.h"

namespace auth::console {

namespace {
const QString LastUrlKey = QStringLiteral("connection/lastUrl");
const QString PinGroup = QStringLiteral("pinnedSha256");
const QString CaGroup = QStringLiteral("caCertificateFile");
const QString LanguageKey = QStringLiteral("ui/language");
const QString GeometryKey = QStringLiteral("ui/windowGeometry");
} // namespace

ConsoleSettings::ConsoleSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

ConsoleSettings::ConsoleSettings(const QString& iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

QString ConsoleSettings::lastUrl() const
{
    return m_settings->value(LastUrlKey).toString();
}

void ConsoleSettings::setLastUrl(const QString& url)
{
    m_settings->setValue(LastUrlKey, url);
}

ServerProfile ConsoleSettings::profileFor(const QUrl& url) const
{
    ServerProfile profile;
    profile.url = url;
    const QString key = originKey(profile.origin());
    const auto pin = ServerProfile::normalizeFingerprint(m_settings->value(PinGroup + u'/' + key).toString());
    // A damaged pin is dropped rather than half-applied: the user sees the
    // trust-on-first-use banner again instead of a silent wrong trust.
    if (pin)
        profile.pinnedSha256 = *pin;
    else
        profile.caCertificateFile = m_settings->value(CaGroup + u'/' + key).toString();
    return profile;
}

void ConsoleSettings::rememberProfile(const ServerProfile& profile)
{
    const QString key = originKey(profile.origin());
    forgetTrust(profile.origin());
    if (!profile.pinnedSha256.isEmpty())
        m_settings->setValue(PinGroup + u'/' + key, QString::fromLatin1(profile.pinnedSha256));
    else if (!profile.caCertificateFile.isEmpty())
        m_settings->setValue(CaGroup + u'/' + key, profile.caCertificateFile);
    setLastUrl(profile.url.toString());
}

void ConsoleSettings::forgetTrust(const QString& origin)
{
    const QString key = originKey(origin);
    m_settings->remove(PinGroup + u'/' + key);
    m_settings->remove(CaGroup + u'/' + key);
}

QString ConsoleSettings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

void ConsoleSettings::setLanguage(const QString& language)
{
    m_settings->setValue(LanguageKey, language);
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(GeometryKey).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(GeometryKey, geometry);
}

QVariant ConsoleSettings::viewState(const QString& name) const
{
    return m_settings->value(QStringLiteral("ui/state/") + name);
}

void ConsoleSettings::setViewState(const QString& name, const QVariant& value)
{
    m_settings->setValue(QStringLiteral("ui/state/") + name, value);
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

QString ConsoleSettings::originKey(const QString& origin)
{
    // '/' separates groups in QSettings, so the origin is stored percent-encoded.
    return QString::fromLatin1(QUrl::toPercentEncoding(origin));
}

} // namespace auth::console
