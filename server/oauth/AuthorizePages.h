#pragma once

#include "http/HttpResponse.h"

#include <QList>
#include <QString>
#include <utility>

namespace auth::oauth {

// The HTML of /oauth/authorize, from the templates embedded under :/pages.
// Every value is HTML-escaped; each page carries its own Content-Security-Policy
// allowing exactly its inline style (by hash), so the default `default-src
// 'self'` policy needs no exception.
class AuthorizePages
{
public:
    struct Login
    {
        QString clientName;
        QString error; // shown above the form when not empty
        QString email;
        QString csrfToken;
        QList<std::pair<QString, QString>> hiddenFields; // the authorization request
        QString redirectOrigin; // the form's POST may redirect there (CSP form-action)
    };
    static http::HttpResponse login(int status, const Login& page);
    // A dead end that never redirects: for requests whose client or
    // redirect_uri cannot be trusted.
    static http::HttpResponse error(int status, const QString& title, const QString& message,
                                    const QString& code);

    // Single-pass {{name}} substitution (values are not rescanned).
    static QString render(const QString& templ, const QHash<QString, QString>& values);
};

} // namespace auth::oauth
