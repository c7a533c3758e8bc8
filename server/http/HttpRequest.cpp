#include "http/HttpRequest.h"

namespace auth::http {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.size() == name.size() && qstrnicmp(key.constData(), name.data(), name.size()) == 0)
            return value;
    }
    return {};
}

QByteArray HttpRequest::mediaType() const
{
    QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

} // namespace auth::http
