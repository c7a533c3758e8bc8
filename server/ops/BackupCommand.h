#pragma once

#include <QStringList>

namespace auth::ops {

// `auth-service backup --out DIR [--config FILE]` and
// `auth-service restore DIR [--config FILE]`. Both print what they did or one
// clear error line on stderr; they return the process exit code (0 done,
// 1 refused or failed, 2 usage).
bool isMaintenanceCommand(const QStringList& arguments);
int runMaintenanceCommand(const QStringList& arguments);

} // namespace auth::ops
