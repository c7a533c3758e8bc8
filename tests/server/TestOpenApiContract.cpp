#include <QProcess>
#include <QSet>
#include <QTest>
#include <yaml-cpp/yaml.h>

// docs/openapi.yaml is the HTTP contract: every route the server registers is
// documented there, and every documented operation is served.
class TestOpenApiContract : public QObject
{
    Q_OBJECT
private slots:
    void everyRouteIsDocumented();
};

void TestOpenApiContract::everyRouteIsDocumented()
{
    QProcess process;
    process.start(QStringLiteral(AUTH_SERVICE_BINARY), {QStringLiteral("--list-routes")});
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    QSet<QString> registered;
    for (const QByteArray& line : process.readAllStandardOutput().split('\n')) {
        if (!line.trimmed().isEmpty())
            registered.insert(QString::fromUtf8(line.trimmed()));
    }
    QVERIFY(registered.contains(QStringLiteral("GET /health")));

    const YAML::Node spec = YAML::LoadFile(AUTH_SOURCE_DIR "/docs/openapi.yaml");
    QVERIFY(spec["openapi"]);
    QSet<QString> documented;
    for (const auto& path : spec["paths"]) {
        for (const auto& operation : path.second) {
            const QString method = QString::fromStdString(operation.first.as<std::string>()).toUpper();
            if (QStringList {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                             QStringLiteral("PATCH"), QStringLiteral("DELETE")}
                    .contains(method))
                documented.insert(method + QLatin1Char(' ')
                                  + QString::fromStdString(path.first.as<std::string>()));
        }
    }
    const QSet<QString> undocumented = registered - documented;
    const QSet<QString> unserved = documented - registered;
    QVERIFY2(undocumented.isEmpty(),
             qPrintable(QStringLiteral("not in docs/openapi.yaml: ")
                        + QStringList(undocumented.values()).join(QStringLiteral(", "))));
    QVERIFY2(unserved.isEmpty(),
             qPrintable(QStringLiteral("documented but not served: ")
                        + QStringList(unserved.values()).join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(TestOpenApiContract)
#include "TestOpenApiContract.moc"
