#pragma once

#include <QString>

namespace auth {

// A commented config.toml listing every key of Config::keys() with its help,
// environment variable, type, bounds and default, grouped into TOML tables.
// Every setting line is "# key = default": removing the "# " gives a file that
// parses to exactly the defaults. The package's /etc/auth-service/config.toml is
// generated from this at build time, so it never drifts from the key table.
QString configSampleToml(const QString& version);

// The same settings as environment variables ("# NAME=default"), for
// /etc/auth-service/.env.example: copied to /etc/auth-service/env, systemd reads
// it through EnvironmentFile=.
QString configSampleEnv(const QString& version);

// TOML literal for a key's default value (quoted string, integer, boolean, array).
QString tomlDefaultLiteral(const QString& key);

} // namespace auth
