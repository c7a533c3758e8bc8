#include "client/IncidentJournal.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace auth::console;

// The local incident journal: private file, append-only, secrets kept out,
// hostile or damaged files refused, unfinished incidents found for resuming.
class TestIncidentJournal : public QObject
{
    Q_OBJECT

private slots:
    void createWritesAPrivateFileAndLoadsBack();
    void secretsNeverReachTheFile();
    void unfinishedListsOnlyOpenIncidents();
    void damagedFilesAreRefused_data();
    void damagedFilesAreRefused();
    void malformedEntriesAreNotAppended();
};

namespace {

JournalEntry entry(const QString& step, const QString& action, const QString& outcome,
                   const QJsonObject& details = {})
{
    JournalEntry e;
    e.step = step;
    e.action = action;
    e.outcome = outcome;
    e.details = details;
    return e;
}

} // namespace

void TestIncidentJournal::createWritesAPrivateFileAndLoadsBack()
{
    QTemporaryDir dir;
    QString error;
    auto journal = IncidentJournal::create(dir.filePath(QStringLiteral("incidents")),
                                           QStringLiteral("https://auth.example:3000"),
                                           QStringLiteral("soc@example.com"), &error);
    QVERIFY2(journal, qPrintable(error));
    QVERIFY(!QUuid::fromString(journal->incidentId()).isNull());
    QCOMPARE(QFileInfo(journal->path()).fileName(), journal->incidentId() + QStringLiteral(".jsonl"));
    QCOMPARE(QFile::permissions(journal->path()) & 0x0077, QFile::Permissions());
    QVERIFY(QFile::permissions(journal->path()) & QFile::ReadOwner);

    QVERIFY(journal->append(entry(QStringLiteral("assess"), QStringLiteral("completed"), QStringLiteral("ok"),
                                  {{QStringLiteral("message"), QStringLiteral("2 alerts")}})));
    QVERIFY(journal->append(
        entry(QStringLiteral("isolate"), QStringLiteral("completed"), QStringLiteral("failed"))));
    QVERIFY(journal->isCompleted(QStringLiteral("assess")));
    QVERIFY(!journal->isCompleted(QStringLiteral("isolate")));
    QVERIFY(!journal->isClosed());

    const auto loaded = IncidentJournal::open(journal->path(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->incidentId(), journal->incidentId());
    QCOMPARE(loaded->server(), QStringLiteral("https://auth.example:3000"));
    QCOMPARE(loaded->operatorName(), QStringLiteral("soc@example.com"));
    QCOMPARE(loaded->entries().size(), 3);
    QCOMPARE(loaded->entries().at(1).details.value(QStringLiteral("message")).toString(),
             QStringLiteral("2 alerts"));
    QCOMPARE(loaded->entries().at(1).time, journal->entries().at(1).time);
    QVERIFY(loaded->isCompleted(QStringLiteral("assess")));
    QVERIFY(!loaded->isCompleted(QStringLiteral("isolate")));

    // Append-only: the earlier lines are untouched by later entries.
    QFile file(journal->path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.first().contains("\"opened\""));
}

void TestIncidentJournal::secretsNeverReachTheFile()
{
    QTemporaryDir dir;
    auto journal
        = IncidentJournal::create(dir.path(), QStringLiteral("https://a"), QStringLiteral("op"), nullptr);
    QVERIFY(journal);
    const QJsonObject details {
        {QStringLiteral("access_token"), QStringLiteral("eyJhbGciOiJFUzI1NiJ9.SECRET-ACCESS")},
        {QStringLiteral("Refresh_Token"), QStringLiteral("SECRET-REFRESH")},
        {QStringLiteral("password"), QStringLiteral("SECRET-PASSWORD")},
        {QStringLiteral("nested"),
         QJsonObject {{QStringLiteral("mfa_code"), QStringLiteral("SECRET-CODE")},
                      {QStringLiteral("kept"), QStringLiteral("visible-value")}}},
        {QStringLiteral("list"),
         QJsonArray {QJsonObject {{QStringLiteral("client_secret"), QStringLiteral("SECRET-CLIENT")}}}},
        {QStringLiteral("message"), QStringLiteral("visible-message")}};
    QVERIFY(journal->append(
        entry(QStringLiteral("revoke_sessions"), QStringLiteral("executed"), QStringLiteral("ok"), details)));
    QFile file(journal->path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(!text.contains("SECRET"));
    QVERIFY(text.contains("visible-value"));
    QVERIFY(text.contains("visible-message"));
    QVERIFY(!journal->entries().last().details.contains(QStringLiteral("access_token")));
}

void TestIncidentJournal::unfinishedListsOnlyOpenIncidents()
{
    QTemporaryDir dir;
    auto open
        = IncidentJournal::create(dir.path(), QStringLiteral("https://a"), QStringLiteral("op"), nullptr);
    auto closed
        = IncidentJournal::create(dir.path(), QStringLiteral("https://a"), QStringLiteral("op"), nullptr);
    QVERIFY(open && closed);
    QVERIFY(
        closed->append(entry(QStringLiteral("incident"), QStringLiteral("closed"), QStringLiteral("ok"))));
    QFile stray(dir.filePath(QStringLiteral("notes.jsonl")));
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.write("not json\n");
    stray.close();
    QCOMPARE(IncidentJournal::unfinished(dir.path()), QStringList {open->path()});
    QVERIFY(IncidentJournal::unfinished(dir.filePath(QStringLiteral("missing"))).isEmpty());
}

void TestIncidentJournal::damagedFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    const QByteArray header
        = R"({"time":"2026-01-01T10:00:00.000Z","step":"incident","action":"opened","outcome":"info","details":{"incident_id":"{ID}","server":"https://a","operator":"op"}})";
    QTest::newRow("garbage line") << header + "\n{not json\n" << QStringLiteral("Line 2");
    QTest::newRow("bad outcome") << header + "\n"
            + R"({"time":"2026-01-01T10:00:01Z","step":"assess","action":"completed","outcome":"great"})"
                                 << QStringLiteral("Line 2");
    QTest::newRow("bad step name") << header + "\n"
            + R"({"time":"2026-01-01T10:00:01Z","step":"../etc","action":"completed","outcome":"ok"})"
                                   << QStringLiteral("Line 2");
    QTest::newRow("no opening entry") << QByteArray(
        R"({"time":"2026-01-01T10:00:01Z","step":"assess","action":"completed","outcome":"ok"})")
                                      << QStringLiteral("opening entry");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("opening entry");
    QTest::newRow("another incident's id")
        << QByteArray(header).replace("{ID}", "00000000-0000-4000-8000-000000000001")
        << QStringLiteral("another incident");
    QTest::newRow("too large") << header + "\n" + QByteArray(IncidentJournal::MaxFileBytes, ' ')
                               << QStringLiteral("larger than");
}

void TestIncidentJournal::damagedFilesAreRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = dir.filePath(id + QStringLiteral(".jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(content).replace("{ID}", id.toLatin1()));
    file.close();
    QString error;
    QVERIFY(!IncidentJournal::open(path, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(IncidentJournal::unfinished(dir.path()).isEmpty());
}

void TestIncidentJournal::malformedEntriesAreNotAppended()
{
    QTemporaryDir dir;
    auto journal
        = IncidentJournal::create(dir.path(), QStringLiteral("https://a"), QStringLiteral("op"), nullptr);
    QVERIFY(journal);
    QString error;
    QVERIFY(!journal->append(
        entry(QStringLiteral("Isolate"), QStringLiteral("completed"), QStringLiteral("ok")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!journal->append(
        entry(QStringLiteral("isolate"), QStringLiteral("completed"), QStringLiteral("maybe"))));
    QVERIFY(
        !journal->append(entry(QStringLiteral("isolate"), QStringLiteral("completed"), QStringLiteral("ok"),
                               {{QStringLiteral("message"), QString(IncidentJournal::MaxLineBytes, u'x')}})));
    QCOMPARE(journal->entries().size(), 1);
    const auto loaded = IncidentJournal::open(journal->path(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->entries().size(), 1);
}

QTEST_GUILESS_MAIN(TestIncidentJournal)
#include "TestIncidentJournal.moc"
