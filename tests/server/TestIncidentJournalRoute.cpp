#include "TestServer.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace auth::test;

// POST /admin/incidents/{id}/journal and the incident id on the emergency
// steps: what reaches the audit trail, what is refused with nothing recorded,
// and revoke-all sparing only the caller's own session when asked.
class TestIncidentJournalRoute : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void entryIsAuditedAndFoundByIncidentId();
    void badInputIsRefusedAndNothingRecorded_data();
    void badInputIsRefusedAndNothingRecorded();
    void journalNeedsAnAdmin();
    void containmentRecordsTheIncidentId();
    void revokeAllCanRenewTheCallersSession();

private:
    QString login(const QString& email, const QString& password, QString* refresh = nullptr) const;
    QList<QJsonObject> journalEvents(const QString& incidentId) const;
    HttpReply post(const QString& path, const QByteArray& body, const QString& token,
                   const QByteArray& contentType = "application/json") const;

    TestServer m_server;
    QString m_adminToken;
    QString m_userToken;
};

namespace {

const QString kAdminEmail = QStringLiteral("ir-lead@secops.example");
const QString kAdminPassword = QStringLiteral("Harbor-Lantern-Quill-58");
const QString kPassword = QStringLiteral("Velvet-Compass-Glacier-19");

QHash<QByteArray, QByteArray> bearer(const QString& token)
{
    return {{"Authorization", "Bearer " + token.toLatin1()}};
}

QString newIncident()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject validEntry()
{
    return {{QStringLiteral("step"), QStringLiteral("isolate")},
            {QStringLiteral("action"), QStringLiteral("verified")},
            {QStringLiteral("outcome"), QStringLiteral("ok")},
            {QStringLiteral("note"), QStringLiteral("login answers 503 service_isolated")}};
}

} // namespace

void TestIncidentJournalRoute::initTestCase()
{
    m_server.bootstrapAdmin(kAdminEmail, kAdminPassword);
    m_server.setEnv(QStringLiteral("MFA_REQUIRED_FOR_ADMIN"), QStringLiteral("false"));
    QVERIFY2(m_server.start(), m_server.processOutput().constData());
    m_adminToken = login(kAdminEmail, kAdminPassword);
    QVERIFY(!m_adminToken.isEmpty());
    const QString email = QStringLiteral("analyst@secops.example");
    const HttpReply registered = m_server.postJson(QStringLiteral("/api/v1/auth/register"),
                                                   {{QStringLiteral("email"), email},
                                                    {QStringLiteral("password"), kPassword},
                                                    {QStringLiteral("name"), QStringLiteral("Analyst")}});
    QCOMPARE(registered.status, 201);
    m_userToken = login(email, kPassword);
    QVERIFY(!m_userToken.isEmpty());
}

QString TestIncidentJournalRoute::login(const QString& email, const QString& password, QString* refresh) const
{
    const QJsonObject answer
        = m_server
              .postJson(QStringLiteral("/api/v1/auth/login"),
                        {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}})
              .json();
    if (refresh)
        *refresh = answer.value(QStringLiteral("refresh_token")).toString();
    return answer.value(QStringLiteral("access_token")).toString();
}

HttpReply TestIncidentJournalRoute::post(const QString& path, const QByteArray& body, const QString& token,
                                         const QByteArray& contentType) const
{
    QHash<QByteArray, QByteArray> headers {{"Content-Type", contentType}};
    if (!token.isEmpty())
        headers.insert("Authorization", "Bearer " + token.toLatin1());
    return m_server.request("POST", path, body, headers);
}

// The incident's journal entries as GET /admin/events finds them (the query
// itself is audited too, as events.query, and is left out).
QList<QJsonObject> TestIncidentJournalRoute::journalEvents(const QString& incidentId) const
{
    QUrlQuery query {{QStringLiteral("type"), QStringLiteral("admin_action")},
                     {QStringLiteral("q"), incidentId}};
    const HttpReply reply = m_server.get(
        QStringLiteral("/admin/events?") + query.toString(QUrl::FullyEncoded), bearer(m_adminToken));
    QList<QJsonObject> found;
    for (const QJsonValue& value : reply.json().value(QStringLiteral("events")).toArray()) {
        const QJsonObject details = value.toObject().value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("action")).toString() != QLatin1String("events.query"))
            found.append(value.toObject());
    }
    return found;
}

void TestIncidentJournalRoute::entryIsAuditedAndFoundByIncidentId()
{
    const QString incident = newIncident();
    const HttpReply reply
        = post(QStringLiteral("/admin/incidents/%1/journal").arg(incident), json(validEntry()), m_adminToken);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("incident_id")).toString(), incident);
    QCOMPARE(reply.json().value(QStringLiteral("step")).toString(), QStringLiteral("isolate"));
    QTRY_COMPARE(journalEvents(incident).size(), 1);
    const QJsonObject details = journalEvents(incident).first().value(QStringLiteral("details")).toObject();
    QCOMPARE(details.value(QStringLiteral("action")).toString(), QStringLiteral("incident.journal"));
    QCOMPARE(details.value(QStringLiteral("reason")).toString(),
             QStringLiteral("login answers 503 service_isolated"));
    QCOMPARE(details.value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    const QJsonObject parameters = details.value(QStringLiteral("parameters")).toObject();
    QCOMPARE(parameters.value(QStringLiteral("incident_id")).toString(), incident);
    QCOMPARE(parameters.value(QStringLiteral("step")).toString(), QStringLiteral("isolate"));
    QCOMPARE(parameters.value(QStringLiteral("action")).toString(), QStringLiteral("verified"));
    // Another incident's query does not find it.
    QCOMPARE(journalEvents(newIncident()).size(), 0);
}

void TestIncidentJournalRoute::badInputIsRefusedAndNothingRecorded_data()
{
    QTest::addColumn<QString>("incident");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    const QString id = QStringLiteral("{id}");
    auto with = [](const QString& key, const QJsonValue& value) {
        QJsonObject entry = validEntry();
        if (value.isUndefined())
            entry.remove(key);
        else
            entry.insert(key, value);
        return json(entry);
    };
    const QByteArray ok = json(validEntry());
    QTest::newRow("id not a uuid") << QStringLiteral("not-a-uuid") << ok << QByteArray("application/json")
                                   << 400;
    QTest::newRow("id upper case") << QStringLiteral("{ID}") << ok << QByteArray("application/json") << 400;
    QTest::newRow("nil id") << QStringLiteral("00000000-0000-0000-0000-000000000000") << ok
                            << QByteArray("application/json") << 400;
    QTest::newRow("no step") << id << with(QStringLiteral("step"), QJsonValue::Undefined)
                             << QByteArray("application/json") << 400;
    QTest::newRow("step upper case") << id << with(QStringLiteral("step"), QStringLiteral("Isolate"))
                                     << QByteArray("application/json") << 400;
    QTest::newRow("step too long") << id << with(QStringLiteral("step"), QString(33, u'a'))
                                   << QByteArray("application/json") << 400;
    QTest::newRow("step a number") << id << with(QStringLiteral("step"), 7) << QByteArray("application/json")
                                   << 400;
    QTest::newRow("no action") << id << with(QStringLiteral("action"), QJsonValue::Undefined)
                               << QByteArray("application/json") << 400;
    QTest::newRow("unknown outcome") << id << with(QStringLiteral("outcome"), QStringLiteral("great"))
                                     << QByteArray("application/json") << 400;
    QTest::newRow("note too long") << id << with(QStringLiteral("note"), QString(1001, u'x'))
                                   << QByteArray("application/json") << 400;
    QTest::newRow("note with control character")
        << id << with(QStringLiteral("note"), QStringLiteral("forged\rline"))
        << QByteArray("application/json") << 400;
    QTest::newRow("unknown field") << id << with(QStringLiteral("token"), QStringLiteral("x"))
                                   << QByteArray("application/json") << 400;
    QTest::newRow("not json") << id << QByteArray("step=isolate") << QByteArray("application/json") << 400;
    QTest::newRow("array") << id << QByteArray("[]") << QByteArray("application/json") << 422;
    QTest::newRow("form encoded") << id << QByteArray("step=isolate")
                                  << QByteArray("application/x-www-form-urlencoded") << 415;
}

void TestIncidentJournalRoute::badInputIsRefusedAndNothingRecorded()
{
    QFETCH(QString, incident);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    const QString uuid = newIncident();
    if (incident == QLatin1String("{id}"))
        incident = uuid;
    else if (incident == QLatin1String("{ID}"))
        incident = uuid.toUpper();
    else if (incident == QLatin1String("{BRACED}"))
        incident = QLatin1Char('{') + uuid + QLatin1Char('}');
    const HttpReply reply
        = post(QStringLiteral("/admin/incidents/%1/journal").arg(incident), body, m_adminToken, contentType);
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.json().value(QStringLiteral("error")).toString().isEmpty());
    // A valid entry of another incident afterwards: once it is stored, the refused one would be too.
    const QString barrier = newIncident();
    QCOMPARE(
        post(QStringLiteral("/admin/incidents/%1/journal").arg(barrier), json(validEntry()), m_adminToken)
            .status,
        201);
    QTRY_COMPARE(journalEvents(barrier).size(), 1);
    QCOMPARE(journalEvents(uuid).size(), 0);
    // Only the queries above (audited as events.query) name it.
    for (const QJsonObject& event : m_server.securityLog()) {
        const QString action
            = event.value(QStringLiteral("details")).toObject().value(QStringLiteral("action")).toString();
        if (action != QLatin1String("events.query"))
            QVERIFY2(!QJsonDocument(event).toJson().contains(uuid.toLatin1()),
                     QJsonDocument(event).toJson().constData());
    }
}

void TestIncidentJournalRoute::journalNeedsAnAdmin()
{
    const QString incident = newIncident();
    const QString path = QStringLiteral("/admin/incidents/%1/journal").arg(incident);
    QCOMPARE(post(path, json(validEntry()), QString()).status, 401);
    QCOMPARE(post(path, json(validEntry()), QStringLiteral("not.a.token")).status, 401);
    QCOMPARE(post(path, json(validEntry()), m_userToken).status, 403);
    QTest::qWait(300);
    QCOMPARE(journalEvents(incident).size(), 0);
}

void TestIncidentJournalRoute::containmentRecordsTheIncidentId()
{
    const QString incident = newIncident();
    const QJsonObject body {{QStringLiteral("reason"), QStringLiteral("INC-7 preview")},
                            {QStringLiteral("dry_run"), true},
                            {QStringLiteral("incident_id"), incident}};
    HttpReply reply
        = m_server.postJson(QStringLiteral("/admin/containment/isolate"), body, bearer(m_adminToken));
    QCOMPARE(reply.status, 200);
    QTRY_COMPARE(journalEvents(incident).size(), 1);
    const QJsonObject details = journalEvents(incident).first().value(QStringLiteral("details")).toObject();
    QCOMPARE(details.value(QStringLiteral("action")).toString(), QStringLiteral("containment.isolate"));
    QCOMPARE(details.value(QStringLiteral("parameters"))
                 .toObject()
                 .value(QStringLiteral("incident_id"))
                 .toString(),
             incident);

    // Key rotation takes the incident id too.
    const QJsonObject rotation {{QStringLiteral("reason"), QStringLiteral("INC-7 preview")},
                                {QStringLiteral("emergency"), true},
                                {QStringLiteral("dry_run"), true},
                                {QStringLiteral("incident_id"), incident}};
    QCOMPARE(m_server.postJson(QStringLiteral("/admin/keys/rotate"), rotation, bearer(m_adminToken)).status,
             200);
    QTRY_COMPARE(journalEvents(incident).size(), 2);
    QJsonObject badRotation = rotation;
    badRotation.insert(QStringLiteral("incident_id"), QStringLiteral("{%1}").arg(incident));
    QCOMPARE(
        m_server.postJson(QStringLiteral("/admin/keys/rotate"), badRotation, bearer(m_adminToken)).status,
        400);

    QJsonObject bad = body;
    bad.insert(QStringLiteral("incident_id"), QStringLiteral("INC-7"));
    reply = m_server.postJson(QStringLiteral("/admin/containment/isolate"), bad, bearer(m_adminToken));
    QCOMPARE(reply.status, 400);
    bad.insert(QStringLiteral("incident_id"), 7);
    reply = m_server.postJson(QStringLiteral("/admin/sessions/revoke-all"), bad, bearer(m_adminToken));
    QCOMPARE(reply.status, 400);
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(m_adminToken))
                 .json()
                 .value(QStringLiteral("state")),
             QStringLiteral("normal"));
}

void TestIncidentJournalRoute::revokeAllCanRenewTheCallersSession()
{
    QString callerRefresh;
    QString otherRefresh;
    const QString caller = login(kAdminEmail, kAdminPassword, &callerRefresh);
    const QString other = login(kAdminEmail, kAdminPassword, &otherRefresh);
    QVERIFY(!caller.isEmpty() && !other.isEmpty());

    QJsonObject body {{QStringLiteral("reason"), QStringLiteral("INC-7 contain")},
                      {QStringLiteral("renew_caller_session"), QStringLiteral("yes")}};
    QCOMPARE(m_server.postJson(QStringLiteral("/admin/sessions/revoke-all"), body, bearer(caller)).status,
             400);
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(other)).status,
             200); // nothing revoked
    body.insert(QStringLiteral("renew_caller_session"), true);
    const HttpReply reply
        = m_server.postJson(QStringLiteral("/admin/sessions/revoke-all"), body, bearer(caller));
    QCOMPARE(reply.status, 200);
    const QJsonObject session = reply.json().value(QStringLiteral("session")).toObject();
    const QString fresh = session.value(QStringLiteral("access_token")).toString();
    const QString freshRefresh = session.value(QStringLiteral("refresh_token")).toString();
    QVERIFY(!fresh.isEmpty() && !freshRefresh.isEmpty());
    QVERIFY(session.value(QStringLiteral("expires_in")).toInteger() > 0);

    // Every earlier token and refresh token is refused, the caller's included...
    for (const QString& token : {caller, other, m_userToken})
        QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(token)).status, 401);
    for (const QString& refresh : {callerRefresh, otherRefresh})
        QCOMPARE(m_server
                     .postJson(QStringLiteral("/api/v1/auth/refresh"),
                               {{QStringLiteral("refresh_token"), refresh}})
                     .status,
                 401);
    // ...while the renewed session works at once and refreshes.
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(fresh)).status, 200);
    const HttpReply renewed = m_server.postJson(QStringLiteral("/api/v1/auth/refresh"),
                                                {{QStringLiteral("refresh_token"), freshRefresh}});
    QCOMPARE(renewed.status, 200);
    m_adminToken = renewed.json().value(QStringLiteral("access_token")).toString();
    QCOMPARE(m_server.get(QStringLiteral("/admin/containment"), bearer(m_adminToken)).status, 200);
    // The audit event says the session was renewed, and holds no token.
    bool audited = false;
    for (const QJsonObject& event : m_server.securityLog()) {
        const QJsonObject details = event.value(QStringLiteral("details")).toObject();
        if (details.value(QStringLiteral("action")) == QLatin1String("sessions.revoke_all")
            && details.value(QStringLiteral("parameters"))
                   .toObject()
                   .value(QStringLiteral("renew_caller_session"))
                   .toBool())
            audited = true;
        QVERIFY(!QJsonDocument(event).toJson().contains(fresh.toLatin1()));
        QVERIFY(!QJsonDocument(event).toJson().contains(freshRefresh.toLatin1()));
    }
    QVERIFY(audited);
}

QTEST_GUILESS_MAIN(TestIncidentJournalRoute)
#include "TestIncidentJournalRoute.moc"
