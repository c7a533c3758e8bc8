#include "logging/LogCategories.h"

// Info by default: debug output is switched on per run through LOG_LEVEL/RUST_LOG
// (Logger's category filter) or QT_LOGGING_RULES, never compiled in or out.
Q_LOGGING_CATEGORY(lcCommon, "auth.common", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "auth.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "auth.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "auth.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "auth.server.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTokens, "auth.server.tokens", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAccounts, "auth.server.accounts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMfa, "auth.server.mfa", QtInfoMsg)
Q_LOGGING_CATEGORY(lcThreats, "auth.server.threats", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "auth.server.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConsole, "auth.console", QtInfoMsg)
