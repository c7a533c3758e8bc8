#include "config/Config.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

// toml++ is expensive to compile; it stays in this one translation unit.
#include <toml++/toml.h>

namespace auth {
namespace {

using Type = Config::Type;
using KeyInfo = Config::KeyInfo;

QString keyName(const KeyInfo& info)
{
    return QString::fromLatin1(info.key);
}

// "postgres://app:hunter2@db/auth" must not reach a log or a terminal with its password.
QString redactUrlPassword(const QString& value)
{
    const qsizetype schemeEnd = value.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return value;
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = value.indexOf(QLatin1Char('/'), authorityStart);
    if (authorityEnd < 0)
        authorityEnd = value.size();
    const qsizetype at = value.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (at < authorityStart)
        return value;
    const qsizetype colon = value.indexOf(QLatin1Char(':'), authorityStart);
    if (colon < 0 || colon > at)
        return value;
    return value.left(colon + 1) + QLatin1String("<redacted>") + value.mid(at);
}

// The tail of a problem message that shows what the operator wrote, unless that is a secret.
QString got(const KeyInfo& info, const QString& raw)
{
    if (info.secret)
        return {};
    return QStringLiteral(", got \"%1\"").arg(redactUrlPassword(raw));
}

std::optional<qint64> parseStrictInt(const QString& raw)
{
    // toLongLong alone tolerates surrounding whitespace; a config value should not.
    const qsizetype digitsFrom = raw.startsWith(QLatin1Char('-')) ? 1 : 0;
    if (raw.size() == digitsFrom)
        return std::nullopt;
    for (qsizetype i = digitsFrom; i < raw.size(); ++i) {
        if (raw.at(i) < QLatin1Char('0') || raw.at(i) > QLatin1Char('9'))
            return std::nullopt;
    }
    bool ok = false;
    const qint64 value = raw.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<bool> parseBool(const QString& raw)
{
    const QString v = raw.toLower();
    if (v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes")
        || v == QLatin1String("on"))
        return true;
    if (v == QLatin1String("false") || v == QLatin1String("0") || v == QLatin1String("no")
        || v == QLatin1String("off"))
        return false;
    return std::nullopt;
}

struct DurationUnit
{
    const char* suffix;
    qint64 ms;
};

// Longest suffix first so "ms" is not read as "m" followed by garbage.
constexpr DurationUnit kDurationUnits[] = {
    {"ms", 1}, {"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1000},
};

std::optional<qint64> parseDurationMs(const QString& raw)
{
    qint64 unitMs = 1;
    QString digits = raw;
    for (const DurationUnit& unit : kDurationUnits) {
        if (raw.endsWith(QLatin1String(unit.suffix))) {
            unitMs = unit.ms;
            digits.chop(qstrlen(unit.suffix));
            break;
        }
    }
    const std::optional<qint64> count = parseStrictInt(digits);
    if (!count || *count < 0 || *count > std::numeric_limits<qint64>::max() / unitMs)
        return std::nullopt;
    return *count * unitMs;
}

QString formatDuration(qint64 ms)
{
    for (const DurationUnit& unit :
         {kDurationUnits[1], kDurationUnits[2], kDurationUnits[3], kDurationUnits[4]}) {
        if (ms != 0 && ms % unit.ms == 0)
            return QString::number(ms / unit.ms) + QLatin1String(unit.suffix);
    }
    return QString::number(ms) + QLatin1String("ms");
}

QStringList splitList(const QString& raw)
{
    QStringList items;
    for (const QString& item : raw.split(QLatin1Char(','))) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items.append(trimmed);
    }
    return items;
}

// A value converted for one key, or the message saying why it was refused.
struct Parsed
{
    QVariant value;
    QString error;
};

Parsed refuse(const QString& message)
{
    return {QVariant(), message};
}

Parsed checkInt(const KeyInfo& info, qint64 value)
{
    if (value < info.min || (info.max != 0 && value > info.max)) {
        const QString range = info.max != 0 ? QStringLiteral("between %1 and %2").arg(info.min).arg(info.max)
                                            : QStringLiteral("at least %1").arg(info.min);
        return refuse(QStringLiteral("must be %1%2").arg(range, got(info, QString::number(value))));
    }
    return {QVariant::fromValue(value), {}};
}

Parsed checkDuration(const KeyInfo& info, qint64 ms, const QString& raw)
{
    if (ms <= 0)
        return refuse(QStringLiteral("must be a positive duration%1").arg(got(info, raw)));
    return {QVariant::fromValue(ms), {}};
}

Parsed checkString(const KeyInfo& info, const QString& value)
{
    if (info.choices) {
        const QStringList choices = QString::fromLatin1(info.choices).split(QLatin1Char('|'));
        if (!choices.contains(value))
            return refuse(QStringLiteral("must be one of %1%2")
                              .arg(choices.join(QLatin1String(", ")), got(info, value)));
    }
    if (info.check) {
        const QString reason = info.check(value);
        if (!reason.isEmpty())
            return refuse(reason + got(info, value));
    }
    return {value, {}};
}

Parsed checkList(const KeyInfo& info, const QStringList& items)
{
    for (const QString& item : items) {
        if (info.check) {
            const QString reason = info.check(item);
            if (!reason.isEmpty())
                return refuse(reason + got(info, item));
        }
    }
    return {items, {}};
}

// Text from the environment, fromValues() or a TOML string where text is allowed.
Parsed parseText(const KeyInfo& info, const QString& raw)
{
    switch (info.type) {
    case Type::String:
        return checkString(info, raw);
    case Type::Int: {
        const std::optional<qint64> value = parseStrictInt(raw);
        if (!value)
            return refuse(QStringLiteral("must be an integer%1").arg(got(info, raw)));
        return checkInt(info, *value);
    }
    case Type::Bool: {
        const std::optional<bool> value = parseBool(raw);
        if (!value)
            return refuse(
                QStringLiteral("must be true or false (or 1/0, yes/no, on/off)%1").arg(got(info, raw)));
        return {*value, {}};
    }
    case Type::Duration: {
        const std::optional<qint64> ms = parseDurationMs(raw);
        if (!ms)
            return refuse(QStringLiteral("must be a duration such as 250ms, 30s, 5m, 1h, 2d or plain "
                                         "milliseconds%1")
                              .arg(got(info, raw)));
        return checkDuration(info, *ms, raw);
    }
    case Type::StringList:
        return checkList(info, splitList(raw));
    }
    return refuse(QStringLiteral("has an unsupported type"));
}

QString tomlTypeName(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string:
        return QStringLiteral("a string");
    case toml::node_type::integer:
        return QStringLiteral("an integer");
    case toml::node_type::floating_point:
        return QStringLiteral("a float");
    case toml::node_type::boolean:
        return QStringLiteral("a boolean");
    case toml::node_type::array:
        return QStringLiteral("an array");
    case toml::node_type::table:
        return QStringLiteral("a table");
    default:
        return QStringLiteral("a date or time");
    }
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// TOML has real types, so a quoted number for an Int is the operator's mistake to hear about.
Parsed parseToml(const KeyInfo& info, const toml::node& node)
{
    const QString wrongType = QStringLiteral("must be %1, got ") + tomlTypeName(node);
    switch (info.type) {
    case Type::String:
        if (const auto* s = node.as_string())
            return checkString(info, fromStd(s->get()));
        return refuse(wrongType.arg(QStringLiteral("a string")));
    case Type::Int:
        if (const auto* i = node.as_integer())
            return checkInt(info, i->get());
        return refuse(wrongType.arg(QStringLiteral("an integer")));
    case Type::Bool:
        if (const auto* b = node.as_boolean())
            return {b->get(), {}};
        return refuse(wrongType.arg(QStringLiteral("true or false")));
    case Type::Duration:
        if (const auto* s = node.as_string())
            return parseText(info, fromStd(s->get()));
        if (const auto* i = node.as_integer())
            return checkDuration(info, i->get(), QString::number(i->get()));
        return refuse(wrongType.arg(QStringLiteral("a duration string such as \"30s\" or milliseconds")));
    case Type::StringList:
        if (const auto* s = node.as_string())
            return parseText(info, fromStd(s->get()));
        if (const auto* array = node.as_array()) {
            QStringList items;
            for (const toml::node& element : *array) {
                const auto* s = element.as_string();
                if (!s)
                    return refuse(QStringLiteral("must be an array of strings, got an element that is ")
                                  + tomlTypeName(element));
                items.append(fromStd(s->get()).trimmed());
            }
            return checkList(info, items);
        }
        return refuse(wrongType.arg(QStringLiteral("an array of strings")));
    }
    return refuse(QStringLiteral("has an unsupported type"));
}

bool isTablePrefix(const QString& path)
{
    const QString prefix = path + QLatin1Char('.');
    const QList<KeyInfo>& keys = Config::keys();
    return std::any_of(keys.begin(), keys.end(),
                       [&](const KeyInfo& info) { return keyName(info).startsWith(prefix); });
}

struct TomlResult
{
    QList<QPair<const KeyInfo*, QVariant>> values;
    QList<ConfigProblem> problems;
};

void walkTable(const toml::table& table, const QString& prefix, TomlResult& out)
{
    for (const auto& [tomlKey, node] : table) {
        const QString name = fromStd(tomlKey.str());
        const QString path = prefix.isEmpty() ? name : prefix + QLatin1Char('.') + name;
        if (const KeyInfo* info = Config::find(path)) {
            const Parsed parsed = parseToml(*info, node);
            if (parsed.error.isEmpty())
                out.values.append({info, parsed.value});
            else
                out.problems.append({path, parsed.error});
        } else if (isTablePrefix(path)) {
            if (const auto* sub = node.as_table())
                walkTable(*sub, path, out);
            else
                out.problems.append({path, QStringLiteral("must be a table, got ") + tomlTypeName(node)});
        } else {
            out.problems.append({path, QStringLiteral("unknown setting")});
        }
    }
}

TomlResult parseTomlText(const QByteArray& text, const QString& path)
{
    TomlResult result;
    const std::string_view view(text.constData(), size_t(text.size()));
    const std::string source = path.toStdString();
    auto syntaxProblem = [&](const toml::parse_error& error) {
        const toml::source_position begin = error.source().begin;
        result.problems.append({path,
                                QStringLiteral("line %1, column %2: %3")
                                    .arg(begin.line)
                                    .arg(begin.column)
                                    .arg(fromStd(error.description()))});
    };
#if TOML_EXCEPTIONS
    try {
        walkTable(toml::parse(view, source), QString(), result);
    } catch (const toml::parse_error& error) {
        syntaxProblem(error);
    }
#else
    toml::parse_result parsed = toml::parse(view, source);
    if (parsed)
        walkTable(parsed.table(), QString(), result);
    else
        syntaxProblem(parsed.error());
#endif
    return result;
}

QString display(const KeyInfo& info, const QVariant& value)
{
    switch (info.type) {
    case Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Duration:
        return formatDuration(value.toLongLong());
    case Type::StringList:
        return value.toStringList().join(QLatin1Char(','));
    case Type::Int:
    case Type::String:
        break;
    }
    return value.toString();
}

} // namespace

Config Config::fromValues(const QHash<QString, QString>& values)
{
    Config config = load(QString(), false, QProcessEnvironment());
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        const KeyInfo* info = find(it.key());
        if (!info) {
            config.m_problems.append({it.key(), QStringLiteral("unknown setting")});
            continue;
        }
        const Parsed parsed = parseText(*info, it.value());
        if (!parsed.error.isEmpty()) {
            config.m_problems.append({it.key(), parsed.error});
            continue;
        }
        config.m_values.insert(it.key(), parsed.value);
        config.m_sources.insert(it.key(), ConfigSource::File);
    }
    return config;
}

Config Config::load(const QString& tomlPath, bool pathExplicit, const QProcessEnvironment& env)
{
    Config config;
    for (const KeyInfo& info : keys()) {
        const Parsed parsed = parseText(info, QString::fromLatin1(info.defaultValue));
        Q_ASSERT_X(parsed.error.isEmpty(), info.key, "default value fails its own validation");
        config.m_values.insert(keyName(info), parsed.value);
        config.m_sources.insert(keyName(info), ConfigSource::Default);
    }

    const QFileInfo fileInfo(tomlPath);
    if (!tomlPath.isEmpty() && fileInfo.exists()) {
        QFile file(tomlPath);
        if (!fileInfo.isFile()) {
            config.m_problems.append({tomlPath, QStringLiteral("is not a regular file")});
        } else if (!file.open(QIODevice::ReadOnly)) {
            config.m_problems.append({tomlPath, QStringLiteral("cannot be read: ") + file.errorString()});
        } else {
            const TomlResult result = parseTomlText(file.readAll(), tomlPath);
            config.m_problems.append(result.problems);
            bool holdsSecret = false;
            for (const auto& [info, value] : result.values) {
                config.m_values.insert(keyName(*info), value);
                config.m_sources.insert(keyName(*info), ConfigSource::File);
                holdsSecret = holdsSecret || (info->secret && !value.toString().isEmpty());
            }
            // The runbook's chmod 600: a secret in a world-readable file is already leaked.
            const QFileDevice::Permissions exposed = QFileDevice::ReadGroup | QFileDevice::ReadOther;
            if (holdsSecret && (file.permissions() & exposed))
                config.m_problems.append(
                    {tomlPath, QStringLiteral("file is readable by others and holds secrets; chmod 600")});
        }
    } else if (pathExplicit) {
        config.m_problems.append({tomlPath, QStringLiteral("file not found")});
    }

    for (const KeyInfo& info : keys()) {
        if (!info.envVar)
            continue;
        // An empty variable counts as unset: compose files and unit templates pass
        // empty strings for variables the operator never set.
        QString var = QString::fromLatin1(info.envVar);
        if (env.value(var).isEmpty() && info.envAlias)
            var = QString::fromLatin1(info.envAlias);
        const QString raw = env.value(var);
        if (raw.isEmpty())
            continue;
        const Parsed parsed = parseText(info, raw);
        if (!parsed.error.isEmpty()) {
            config.m_problems.append({var, parsed.error});
            continue;
        }
        config.m_values.insert(keyName(info), parsed.value);
        config.m_sources.insert(keyName(info), ConfigSource::Environment);
    }
    return config;
}

QList<ConfigProblem> Config::productionProblems() const
{
    QList<ConfigProblem> problems;
    if (!isProduction())
        return problems;

    // Report under the name the operator used: the TOML path when the file set it,
    // else the runbook's environment variable.
    auto nameOf = [this](const char* key) {
        const KeyInfo* info = find(QString::fromLatin1(key));
        Q_ASSERT(info);
        if (source(QString::fromLatin1(key)) == ConfigSource::File || !info->envVar)
            return QString::fromLatin1(key);
        return QString::fromLatin1(info->envVar);
    };

    for (const char* key : {"tls.cert_path", "tls.key_path"}) {
        if (string(QString::fromLatin1(key)).isEmpty())
            problems.append({nameOf(key),
                             QStringLiteral("required in production: HTTPS only, "
                                            "ALLOW_PLAIN_HTTP does not apply")});
    }

    const QString jwtSecret = string(QStringLiteral("jwt.secret"));
    if (!jwtSecret.isEmpty() && jwtSecret.toUtf8().size() < 32)
        problems.append({nameOf("jwt.secret"),
                         QStringLiteral("must be at least 32 bytes in production (openssl rand -hex 32)")});

    static const QStringList wellKnown = {
        QStringLiteral("secret"),   QStringLiteral("changeme"),    QStringLiteral("change-me"),
        QStringLiteral("changeit"), QStringLiteral("password"),    QStringLiteral("your-secret-key"),
        QStringLiteral("default"),  QStringLiteral("development"),
    };
    for (const char* key : {"jwt.secret", "admin.bootstrap_password", "jwt.master_key"}) {
        const QString value = string(QString::fromLatin1(key)).trimmed().toLower();
        if (!value.isEmpty() && (wellKnown.contains(value) || value.contains(QLatin1String("example"))))
            problems.append({nameOf(key), QStringLiteral("is a well-known default; generate a new one")});
    }

    if (string(QStringLiteral("jwt.master_key")).isEmpty())
        problems.append(
            {nameOf("jwt.master_key"), QStringLiteral("required in production to encrypt keys at rest")});
    if (!boolean(QStringLiteral("security.headers_enabled")))
        problems.append({nameOf("security.headers_enabled"), QStringLiteral("must be true in production")});
    if (!boolean(QStringLiteral("mfa.required_for_admin")))
        problems.append({nameOf("mfa.required_for_admin"), QStringLiteral("must be true in production")});
    return problems;
}

QString Config::string(const QString& key) const
{
    const KeyInfo* info = find(key);
    Q_ASSERT_X(info, qPrintable(key), "unknown configuration key");
    return info ? display(*info, m_values.value(key)) : QString();
}

qint64 Config::integer(const QString& key) const
{
    Q_ASSERT_X(find(key), qPrintable(key), "unknown configuration key");
    return m_values.value(key).toLongLong();
}

bool Config::boolean(const QString& key) const
{
    Q_ASSERT_X(find(key), qPrintable(key), "unknown configuration key");
    return m_values.value(key).toBool();
}

qint64 Config::durationMs(const QString& key) const
{
    Q_ASSERT_X(find(key), qPrintable(key), "unknown configuration key");
    return m_values.value(key).toLongLong();
}

QStringList Config::list(const QString& key) const
{
    const KeyInfo* info = find(key);
    Q_ASSERT_X(info, qPrintable(key), "unknown configuration key");
    if (info && info->type != Type::StringList)
        return splitList(m_values.value(key).toString());
    return m_values.value(key).toStringList();
}

ConfigSource Config::source(const QString& key) const
{
    return m_sources.value(key, ConfigSource::Default);
}

QList<QPair<QString, QString>> Config::redactedDump() const
{
    QList<QPair<QString, QString>> dump;
    for (const KeyInfo& info : keys()) {
        const QString key = keyName(info);
        QString value = display(info, m_values.value(key));
        if (info.secret && !value.isEmpty())
            value = QStringLiteral("<redacted>");
        dump.append({key, info.secret ? value : redactUrlPassword(value)});
    }
    std::sort(dump.begin(), dump.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return dump;
}

} // namespace auth
