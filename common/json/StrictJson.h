#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QString>

namespace auth {

// Decodes untrusted JSON more strictly than QJsonDocument: duplicate object keys,
// lone UTF-16 surrogate escapes, NUL characters, invalid UTF-8, trailing data and
// nesting deeper than `maxDepth` are refused. Validation is done by jansson
// (JSON_REJECT_DUPLICATES); the value is then handed over as a QJsonDocument.
struct StrictJsonResult
{
    QJsonDocument document; // set when the top-level value is an object or array
    QJsonValue value; // the top-level value of any type (QJsonDocument cannot hold scalars)
    QString error; // empty on success; a short human-readable reason otherwise
    int position = -1; // byte offset of the error in the input, -1 when not known
    bool ok() const { return error.isEmpty(); }
};

StrictJsonResult parseStrictJson(const QByteArray& text, int maxDepth = 64);

} // namespace auth
