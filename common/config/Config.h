#pragma once

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace auth {

// One problem found while loading or validating the configuration. `key` names the
// setting as the operator wrote it: the environment variable when it came from the
// environment, else the TOML path (e.g. "server.port").
struct ConfigProblem
{
    QString key;
    QString message;
    QString toLine() const { return key + QStringLiteral(": ") + message; }
};

enum class ConfigSource { Default, File, Environment };

// The effective configuration: a typed table of keys (ConfigKeys.cpp) with defaults,
// overridden by /etc/auth-service/config.toml (or --config), overridden by the
// runbook's environment variables. Read once at start; a bad value is a problem
// naming its key, never a silent fallback to the default.
class Config
{
public:
    enum class Type { String, Int, Bool, Duration, StringList };

    struct KeyInfo
    {
        const char* key; // canonical TOML path, e.g. "server.port"
        const char* envVar; // e.g. "PORT"; nullptr when file-only
        Type type;
        const char* defaultValue;
        qint64 min = 0; // for Int
        qint64 max = 0; // for Int (0 = unbounded)
        const char* choices = nullptr; // "a|b|c" for enumerated strings
        bool secret = false; // redacted when printed or exported
        const char* help = "";
        // Read when envVar is unset, for names operators already use (RUST_LOG).
        const char* envAlias = nullptr;
        // Extra check of a String value, or of each StringList item: returns why the
        // value is bad (without quoting it, so secrets stay out), or an empty string.
        QString (*check)(const QString& value) = nullptr;
    };

    // Loads defaults, then `tomlPath` when it exists (it must exist when
    // `pathExplicit`), then `env`. Problems are collected, not thrown.
    static Config load(const QString& tomlPath, bool pathExplicit,
                       const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // Built from defaults plus explicit overrides by canonical key (tests).
    static Config fromValues(const QHash<QString, QString>& values);

    static const QList<KeyInfo>& keys();
    // The table entry for a canonical key, or nullptr.
    static const KeyInfo* find(const QString& key);
    static QString defaultConfigPath() { return QStringLiteral("/etc/auth-service/config.toml"); }

    QList<ConfigProblem> problems() const { return m_problems; }
    // Extra checks for APP_ENV=production: TLS on, strong non-default secrets.
    QList<ConfigProblem> productionProblems() const;
    bool isProduction() const { return string("app.env") == QLatin1String("production"); }

    QString string(const QString& key) const;
    qint64 integer(const QString& key) const;
    bool boolean(const QString& key) const;
    qint64 durationMs(const QString& key) const; // "30s", "5m", "1h", "2d" or plain ms
    QStringList list(const QString& key) const; // comma-separated or TOML array
    ConfigSource source(const QString& key) const;
    bool isSet(const QString& key) const { return source(key) != ConfigSource::Default; }

    // Every key (sorted) with its effective value; secrets that are set shown as
    // "<redacted>", passwords inside URLs likewise. source() tells where each came from.
    QList<QPair<QString, QString>> redactedDump() const;

private:
    QHash<QString, QVariant> m_values;
    QHash<QString, ConfigSource> m_sources;
    QList<ConfigProblem> m_problems;
};

} // namespace auth
