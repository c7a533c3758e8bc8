#include "http/Router.h"

#include <QTest>

using namespace auth::http;

class TestRouter : public QObject
{
    Q_OBJECT
private slots:
    void matchesLiteralAndParameters();
    void reportsAllowedMethods();
    void headFallsBackToGet();
    void refusesOddPaths();
};

static Handler answer(int status)
{
    return [status](HttpRequest&) {
        return ready(HttpResponse::error(status, QStringLiteral("x"), QStringLiteral("y")));
    };
}

void TestRouter::matchesLiteralAndParameters()
{
    Router router;
    router.add("GET", QStringLiteral("/health"), answer(200));
    router.add("POST", QStringLiteral("/admin/users/{id}/lock"), answer(201));
    auto match = router.match("GET", QStringLiteral("/health"));
    QVERIFY(match.handler);
    match = router.match("POST", QStringLiteral("/admin/users/42/lock"));
    QVERIFY(match.handler);
    QCOMPARE(match.params.value(QStringLiteral("id")), QStringLiteral("42"));
    QVERIFY(!router.match("POST", QStringLiteral("/admin/users/lock")).handler);
    QVERIFY(!router.match("GET", QStringLiteral("/nope")).handler);
    QVERIFY(router.match("GET", QStringLiteral("/nope")).allowedMethods.isEmpty());
    QCOMPARE(router.routes().size(), 2);
}

void TestRouter::reportsAllowedMethods()
{
    Router router;
    router.add("GET", QStringLiteral("/thing"), answer(200));
    router.add("DELETE", QStringLiteral("/thing"), answer(204));
    const auto match = router.match("POST", QStringLiteral("/thing"));
    QVERIFY(!match.handler);
    QCOMPARE(match.allowedMethods, (QList<QByteArray> {"GET", "DELETE"}));
}

void TestRouter::headFallsBackToGet()
{
    Router router;
    router.add("GET", QStringLiteral("/health"), answer(200));
    QVERIFY(router.match("HEAD", QStringLiteral("/health")).handler);
}

void TestRouter::refusesOddPaths()
{
    Router router;
    router.add("GET", QStringLiteral("/health"), answer(200));
    QVERIFY(!router.match("GET", QStringLiteral("/health/")).handler);
    QVERIFY(!router.match("GET", QStringLiteral("//health")).handler);
    QVERIFY(!router.match("GET", QString()).handler);
    QVERIFY(!router.match("GET", QStringLiteral("health")).handler);
}

QTEST_GUILESS_MAIN(TestRouter)
#include "TestRouter.moc"
