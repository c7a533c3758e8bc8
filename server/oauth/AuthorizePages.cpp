#include "oauth/AuthorizePages.h"

#include "crypto/Digest.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace auth::oauth {

namespace {

struct Template
{
    QString text;
    QByteArray styleHash; // 'sha256-…' of the inline <style> content
};

Template loadTemplate(const QString& path)
{
    Template t;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing embedded resource %s", qPrintable(path));
    t.text = QString::fromUtf8(file.readAll());
    const qsizetype open = t.text.indexOf(QLatin1String("<style>"));
    const qsizetype close = t.text.indexOf(QLatin1String("</style>"));
    if (open >= 0 && close > open) {
        const QString style = t.text.mid(open + 7, close - open - 7);
        t.styleHash = "'sha256-" + crypto::sha256(style.toUtf8()).toBase64() + "'";
    }
    return t;
}

const Template& loginTemplate()
{
    static const Template t = loadTemplate(QStringLiteral(":/pages/login.html"));
    return t;
}

const Template& errorTemplate()
{
    static const Template t = loadTemplate(QStringLiteral(":/pages/oauth-error.html"));
    return t;
}

http::HttpResponse htmlResponse(int status, const Template& t, const QString& html,
                                const QByteArray& formAction)
{
    http::HttpResponse response = http::HttpResponse::text(status, html.toUtf8(), "text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy",
                       "default-src 'none'; style-src " + t.styleHash + "; form-action " + formAction
                           + "; frame-ancestors 'none'; base-uri 'none'");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

} // namespace

QString AuthorizePages::render(const QString& templ, const QHash<QString, QString>& values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z_]+)\\}\\}"));
    QString out;
    out.reserve(templ.size() + 512);
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(templ); it.hasNext();) {
        const auto match = it.next();
        out += QStringView(templ).mid(last, match.capturedStart() - last);
        out += values.value(match.captured(1));
        last = match.capturedEnd();
    }
    out += QStringView(templ).mid(last);
    return out;
}

http::HttpResponse AuthorizePages::login(int status, const Login& page)
{
    QString hidden;
    for (const auto& [name, value] : page.hiddenFields) {
        if (value.isEmpty())
            continue;
        hidden += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">\n")
                      .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    }
    const QString error = page.error.isEmpty()
        ? QString()
        : QStringLiteral("<p class=\"error\" role=\"alert\">%1</p>").arg(page.error.toHtmlEscaped());
    const QString html = render(loginTemplate().text,
                                {{QStringLiteral("client_name"), page.clientName.toHtmlEscaped()},
                                 {QStringLiteral("error"), error},
                                 {QStringLiteral("hidden_fields"), hidden},
                                 {QStringLiteral("csrf_token"), page.csrfToken.toHtmlEscaped()},
                                 {QStringLiteral("email"), page.email.toHtmlEscaped()}});
    QByteArray formAction = "'self'";
    if (!page.redirectOrigin.isEmpty())
        formAction += ' ' + page.redirectOrigin.toLatin1();
    return htmlResponse(status, loginTemplate(), html, formAction);
}

http::HttpResponse AuthorizePages::error(int status, const QString& title, const QString& message,
                                         const QString& code)
{
    const QString html = render(errorTemplate().text,
                                {{QStringLiteral("title"), title.toHtmlEscaped()},
                                 {QStringLiteral("message"), message.toHtmlEscaped()},
                                 {QStringLiteral("code"), code.toHtmlEscaped()}});
    return htmlResponse(status, errorTemplate(), html, "'none'");
}

} // namespace auth::oauth
