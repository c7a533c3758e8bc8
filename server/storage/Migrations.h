#pragma once

#include "storage/Database.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace auth::storage {

// Versioned schema changes, written once in portable SQL: the few dialect
// differences are placeholders ({{BLOB}}, {{BIGINT}}, {{AUTOINCREMENT_PK}},
// {{BOOL}}, {{FALSE}}) expanded per backend, so no SQL is written twice.
class Migrations
{
public:
    struct Migration
    {
        int version;
        const char* description;
        QStringList statements;
    };

    static const QList<Migration>& all();
    static QString expand(const QString& sql, Backend backend);
    // Applies every migration newer than the stored version, each in its own
    // transaction; returns the resulting version, or -1 with `error` set.
    static int apply(QSqlDatabase& db, Backend backend, QString* error);
};

} // namespace auth::storage
