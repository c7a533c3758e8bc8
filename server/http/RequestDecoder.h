#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <QJsonObject>
#include <QUrlQuery>
#include <variant>

namespace auth::http {

// The one place request bodies are turned into values: a handler gets a valid
// value or an HttpResponse to return as it is.
template <typename T> using Decoded = std::variant<T, HttpResponse>;

// application/json body holding one object (415 for another media type, 400 for
// malformed, duplicate-key or lone-surrogate JSON, 422 for a non-object).
Decoded<QJsonObject> decodeJsonObject(const HttpRequest& request);
// application/x-www-form-urlencoded body (OAuth endpoints); repeated parameters are refused.
Decoded<QUrlQuery> decodeForm(const HttpRequest& request);

struct Paging
{
    int limit = 0;
    int offset = 0;
};
// `limit` (1..500, default `defaultLimit`) and `offset` (>= 0) from the query; 400 otherwise.
Decoded<Paging> decodePaging(const HttpRequest& request, int defaultLimit);

} // namespace auth::http
