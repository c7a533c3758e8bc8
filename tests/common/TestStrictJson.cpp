#include "json/StrictJson.h"
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace auth;

class TestStrictJson : public QObject
{
    Q_OBJECT

private slots:
    void acceptsValidDocuments();
    void acceptsScalarTopLevel();
    void refusesDuplicateKeys_data();
    void refusesDuplicateKeys();
    void refusesLoneSurrogates_data();
    void refusesLoneSurrogates();
    void acceptsSurrogatePair();
    void refusesNul();
    void refusesInvalidUtf8_data();
    void refusesInvalidUtf8();
    void refusesTrailingData_data();
    void refusesTrailingData();
    void enforcesDepthLimit();
    void bigIntegers();
    void refusesEmptyInput();
    void reportsPosition();
};

void TestStrictJson::acceptsValidDocuments()
{
    const auto result = parseStrictJson(
        R"({"email":"a@example.com","n":42,"f":1.5,"t":true,"x":false,"z":null,"arr":[1,"two",{"k":[]}],"u":"\u00e9\u20ac"})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.document.isObject());
    const QJsonObject o = result.document.object();
    QCOMPARE(o.value("email").toString(), QStringLiteral("a@example.com"));
    QCOMPARE(o.value("n").toInteger(), 42);
    QCOMPARE(o.value("f").toDouble(), 1.5);
    QCOMPARE(o.value("t").toBool(), true);
    QVERIFY(o.value("x").isBool());
    QCOMPARE(o.value("x").toBool(), false);
    QVERIFY(o.value("z").isNull());
    const QJsonArray arr = o.value("arr").toArray();
    QCOMPARE(arr.size(), 3);
    QCOMPARE(arr.at(1).toString(), QStringLiteral("two"));
    QVERIFY(arr.at(2).toObject().value("k").isArray());
    QCOMPARE(o.value("u").toString(), QString::fromUtf8("\xc3\xa9\xe2\x82\xac"));
    QCOMPARE(result.value.toObject(), o);

    // Raw UTF-8 in strings, whitespace around the value, top-level array.
    const auto array = parseStrictJson("  [\"gr\xc3\xbc\xc3\x9f\" , {} ]\n");
    QVERIFY2(array.ok(), qPrintable(array.error));
    QVERIFY(array.document.isArray());
    QCOMPARE(array.document.array().at(0).toString(), QString::fromUtf8("gr\xc3\xbc\xc3\x9f"));
}

void TestStrictJson::acceptsScalarTopLevel()
{
    auto r = parseStrictJson("\"text\"");
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.value.toString(), QStringLiteral("text"));
    QVERIFY(r.document.isNull());

    r = parseStrictJson("12");
    QVERIFY(r.ok());
    QCOMPARE(r.value.toInteger(), 12);

    r = parseStrictJson("null");
    QVERIFY(r.ok());
    QVERIFY(r.value.isNull());
}

void TestStrictJson::refusesDuplicateKeys_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("top level") << QByteArray(R"({"role":"user","role":"admin"})");
    QTest::newRow("nested object") << QByteArray(R"({"a":{"b":1,"b":2}})");
    QTest::newRow("inside array") << QByteArray(R"([{"x":1},{"y":1,"y":1}])");
    // Same key once escaped: equal after decoding, so still a duplicate.
    QTest::newRow("escaped spelling") << QByteArray(R"({"admin":false,"\u0061dmin":true})");
}

void TestStrictJson::refusesDuplicateKeys()
{
    QFETCH(QByteArray, input);
    const auto result = parseStrictJson(input);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains("duplicate object key"), qPrintable(result.error));
    QVERIFY(result.document.isNull());
}

void TestStrictJson::refusesLoneSurrogates_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("high alone") << QByteArray(R"({"name":"\ud800"})");
    QTest::newRow("low alone") << QByteArray(R"({"name":"\udc00"})");
    QTest::newRow("high then text") << QByteArray(R"({"name":"\ud800abc"})");
    QTest::newRow("in key") << QByteArray(R"({"\ud800":1})");
}

void TestStrictJson::refusesLoneSurrogates()
{
    QFETCH(QByteArray, input);
    const auto result = parseStrictJson(input);
    QVERIFY(!result.ok());
    QVERIFY(!result.error.isEmpty());
}

void TestStrictJson::acceptsSurrogatePair()
{
    const auto result = parseStrictJson(R"({"emoji":"\ud83d\ude00"})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.document.object().value("emoji").toString(), QString::fromUtf8("\xf0\x9f\x98\x80"));
}

void TestStrictJson::refusesNul()
{
    auto result = parseStrictJson(R"({"name":"ad\u0000min"})");
    QVERIFY(!result.ok());
    result = parseStrictJson(R"({"\u0000":1})");
    QVERIFY(!result.ok());
    // A raw NUL byte is a control character inside a string.
    result = parseStrictJson(QByteArray("{\"name\":\"a\0b\"}", 14));
    QVERIFY(!result.ok());
}

void TestStrictJson::refusesInvalidUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("lone continuation") << QByteArray("{\"a\":\"\x80\"}");
    QTest::newRow("0xff") << QByteArray("{\"a\":\"\xff\"}");
    QTest::newRow("truncated sequence") << QByteArray("{\"a\":\"\xc3\"}");
    QTest::newRow("overlong slash") << QByteArray("{\"a\":\"\xc0\xaf\"}");
    QTest::newRow("encoded surrogate") << QByteArray("{\"a\":\"\xed\xa0\x80\"}");
    QTest::newRow("in key") << QByteArray("{\"\xfe\":1}");
}

void TestStrictJson::refusesInvalidUtf8()
{
    QFETCH(QByteArray, input);
    QVERIFY(!parseStrictJson(input).ok());
}

void TestStrictJson::refusesTrailingData_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("second object") << QByteArray(R"({"a":1}{"b":2})");
    QTest::newRow("garbage") << QByteArray(R"({"a":1} x)");
    QTest::newRow("comma") << QByteArray(R"([1],)");
    QTest::newRow("scalar then more") << QByteArray("1 2");
}

void TestStrictJson::refusesTrailingData()
{
    QFETCH(QByteArray, input);
    const auto result = parseStrictJson(input);
    QVERIFY(!result.ok());
    QVERIFY(result.position > 0);
}

void TestStrictJson::enforcesDepthLimit()
{
    const auto nested = [](int depth) { return QByteArray(depth, '[') + QByteArray(depth, ']'); };
    QVERIFY(parseStrictJson(nested(64)).ok());
    const auto tooDeep = parseStrictJson(nested(65));
    QVERIFY(!tooDeep.ok());
    QVERIFY2(tooDeep.error.contains("deeper"), qPrintable(tooDeep.error));
    QCOMPARE(tooDeep.position, 64);

    QVERIFY(parseStrictJson(R"({"a":{"b":1}})", 2).ok());
    QVERIFY(!parseStrictJson(R"({"a":{"b":{}}})", 2).ok());
    // Brackets inside strings do not count towards depth.
    const auto inString = parseStrictJson(R"({"a":"[[[[[[{{{{"})", 1);
    QVERIFY2(inString.ok(), qPrintable(inString.error));

    // Far past the limit: refused, and no stack overflow on the way.
    QVERIFY(!parseStrictJson(nested(100000)).ok());
}

void TestStrictJson::bigIntegers()
{
    const auto result = parseStrictJson(
        R"({"max":9007199254740992,"min":-9007199254740992,"over":9007199254740993,"i64":9223372036854775807,"real":1e300})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QJsonObject o = result.document.object();
    QCOMPARE(o.value("max").toInteger(), Q_INT64_C(9007199254740992));
    QCOMPARE(o.value("min").toInteger(), Q_INT64_C(-9007199254740992));
    // Past 2^53 the value is carried as a double, as any JSON consumer would see it.
    QCOMPARE(o.value("over").toDouble(), 9007199254740992.0);
    QCOMPARE(o.value("i64").toDouble(), 9223372036854775807.0);
    QCOMPARE(o.value("real").toDouble(), 1e300);

    // Beyond int64 or double range the document is refused rather than clamped.
    QVERIFY(!parseStrictJson(R"({"n":9223372036854775808})").ok());
    QVERIFY(!parseStrictJson(R"({"n":1e400})").ok());
}

void TestStrictJson::refusesEmptyInput()
{
    auto result = parseStrictJson(QByteArray());
    QVERIFY(!result.ok());
    QCOMPARE(result.position, 0);
    QVERIFY(!parseStrictJson("   ").ok());
}

void TestStrictJson::reportsPosition()
{
    const auto result = parseStrictJson(R"({"a":1,"b":tru})");
    QVERIFY(!result.ok());
    QVERIFY(result.position >= 11);
    QVERIFY(result.position <= 15);
}

QTEST_GUILESS_MAIN(TestStrictJson)
#include "TestStrictJson.moc"
