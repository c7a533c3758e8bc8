#include "http/RequestDecoder.h"

#include "json/StrictJson.h"
#include <QSet>

namespace auth::http {

Decoded<QJsonObject> decodeJsonObject(const HttpRequest& request)
{
    if (request.mediaType() != "application/json") {
        return HttpResponse::error(415, QStringLiteral("unsupported_media_type"),
                                   QStringLiteral("The body must be application/json"));
    }
    const StrictJsonResult parsed = parseStrictJson(request.body);
    if (!parsed.ok()) {
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("Malformed JSON body: %1").arg(parsed.error));
    }
    if (!parsed.document.isObject()) {
        return HttpResponse::error(422, QStringLiteral("invalid_request"),
                                   QStringLiteral("The JSON body must be an object"));
    }
    return parsed.document.object();
}

Decoded<QUrlQuery> decodeForm(const HttpRequest& request)
{
    if (request.mediaType() != "application/x-www-form-urlencoded") {
        return HttpResponse::error(415, QStringLiteral("unsupported_media_type"),
                                   QStringLiteral("The body must be application/x-www-form-urlencoded"));
    }
    QString text = QString::fromUtf8(request.body);
    if (text.toUtf8() != request.body) {
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("The form body is not valid UTF-8"));
    }
    QUrlQuery query(text.replace(QLatin1Char('+'), QLatin1Char(' ')));
    QSet<QString> seen;
    for (const auto& item : query.queryItems()) {
        if (seen.contains(item.first)) {
            return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                       QStringLiteral("Parameter '%1' is repeated").arg(item.first));
        }
        seen.insert(item.first);
    }
    return query;
}

Decoded<Paging> decodePaging(const HttpRequest& request, int defaultLimit)
{
    const QUrlQuery query = request.query();
    bool limitOk = true;
    bool offsetOk = true;
    Paging paging;
    paging.limit = query.hasQueryItem(QStringLiteral("limit"))
        ? query.queryItemValue(QStringLiteral("limit")).toInt(&limitOk)
        : defaultLimit;
    paging.offset = query.hasQueryItem(QStringLiteral("offset"))
        ? query.queryItemValue(QStringLiteral("offset")).toInt(&offsetOk)
        : 0;
    if (!limitOk || !offsetOk || paging.limit < 1 || paging.limit > 500 || paging.offset < 0) {
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("limit must be 1..500 and offset non-negative"));
    }
    return paging;
}

} // namespace auth::http
