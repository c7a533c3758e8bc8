#include "http/RequestDecoder.h"

#include <QJsonDocument>
#include <QTest>

using namespace auth::http;

class TestRequestDecoder : public QObject
{
    Q_OBJECT
private slots:
    void acceptsJsonObject();
    void refusesWrongMediaType();
    void refusesMalformedAndDuplicateKeys_data();
    void refusesMalformedAndDuplicateKeys();
    void refusesNonObject();
    void decodesForm();
    void refusesRepeatedFormParameter();
    void decodesPaging_data();
    void decodesPaging();
};

static HttpRequest withBody(const QByteArray& type, const QByteArray& body)
{
    HttpRequest request;
    request.method = "POST";
    request.headers.append({"content-type", type});
    request.body = body;
    return request;
}

static int statusOf(const auto& decoded)
{
    return std::holds_alternative<HttpResponse>(decoded) ? std::get<HttpResponse>(decoded).status : 0;
}

void TestRequestDecoder::acceptsJsonObject()
{
    const auto decoded
        = decodeJsonObject(withBody("application/json; charset=utf-8", R"({"email":"a@b.c"})"));
    QVERIFY(std::holds_alternative<QJsonObject>(decoded));
    QCOMPARE(std::get<QJsonObject>(decoded).value(QStringLiteral("email")).toString(),
             QStringLiteral("a@b.c"));
}

void TestRequestDecoder::refusesWrongMediaType()
{
    QCOMPARE(statusOf(decodeJsonObject(withBody("text/plain", "{}"))), 415);
    QCOMPARE(statusOf(decodeJsonObject(withBody("", "{}"))), 415);
    QCOMPARE(statusOf(decodeForm(withBody("application/json", "a=b"))), 415);
}

void TestRequestDecoder::refusesMalformedAndDuplicateKeys_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray(R"({"a":)");
    QTest::newRow("duplicate") << QByteArray(R"({"role":"user","role":"admin"})");
    QTest::newRow("lone surrogate") << QByteArray(R"({"name":"\ud800"})");
    QTest::newRow("trailing") << QByteArray(R"({"a":1} x)");
    QTest::newRow("empty") << QByteArray();
}

void TestRequestDecoder::refusesMalformedAndDuplicateKeys()
{
    QFETCH(QByteArray, body);
    const auto decoded = decodeJsonObject(withBody("application/json", body));
    QCOMPARE(statusOf(decoded), 400);
    const QJsonObject error = QJsonDocument::fromJson(std::get<HttpResponse>(decoded).body).object();
    QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(!error.value(QStringLiteral("error_description")).toString().isEmpty());
}

void TestRequestDecoder::refusesNonObject()
{
    QCOMPARE(statusOf(decodeJsonObject(withBody("application/json", "[1,2]"))), 422);
}

void TestRequestDecoder::decodesForm()
{
    const auto decoded = decodeForm(
        withBody("application/x-www-form-urlencoded", "grant_type=client_credentials&scope=a+b"));
    QVERIFY(std::holds_alternative<QUrlQuery>(decoded));
    QCOMPARE(std::get<QUrlQuery>(decoded).queryItemValue(QStringLiteral("scope")), QStringLiteral("a b"));
}

void TestRequestDecoder::refusesRepeatedFormParameter()
{
    QCOMPARE(statusOf(decodeForm(withBody("application/x-www-form-urlencoded", "scope=a&scope=b"))), 400);
}

void TestRequestDecoder::decodesPaging_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("limit"); // 0: refused with 400
    QTest::addColumn<int>("offset");
    QTest::newRow("defaults") << QByteArray() << 50 << 0;
    QTest::newRow("given") << QByteArray("limit=10&offset=20") << 10 << 20;
    QTest::newRow("max") << QByteArray("limit=500") << 500 << 0;
    QTest::newRow("too many") << QByteArray("limit=501") << 0 << 0;
    QTest::newRow("zero") << QByteArray("limit=0") << 0 << 0;
    QTest::newRow("negative offset") << QByteArray("offset=-1") << 0 << 0;
    QTest::newRow("not a number") << QByteArray("limit=ten") << 0 << 0;
}

void TestRequestDecoder::decodesPaging()
{
    QFETCH(QByteArray, query);
    QFETCH(int, limit);
    QFETCH(int, offset);
    HttpRequest request;
    request.rawQuery = query;
    const auto decoded = decodePaging(request, 50);
    if (limit == 0) {
        QCOMPARE(statusOf(decoded), 400);
        return;
    }
    QVERIFY(std::holds_alternative<Paging>(decoded));
    QCOMPARE(std::get<Paging>(decoded).limit, limit);
    QCOMPARE(std::get<Paging>(decoded).offset, offset);
}

QTEST_GUILESS_MAIN(TestRequestDecoder)
#include "TestRequestDecoder.moc"
