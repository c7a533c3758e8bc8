// `cpack -G DEB` over this build: both packages have the files operators rely
// on, dependencies from dpkg-shlibdeps, maintainer scripts and conffiles; the
// server package, unpacked into a temporary root, starts from its own binary and
// sample config and answers /health; man pages render without warnings; the
// desktop file validates; lintian reports no errors (its warnings are printed).
#include "ProcessRunner.h"
#include "TestServer.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace auth::test;

class TestPackage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void serverPackageContents();
    void serverPackageControl();
    void packagedServerStarts();
    void manPagesRender();
    void consolePackage();
    void lintianHasNoErrors();

private:
    QString deb(const QString& name) const;
    QStringList contents(const QString& package) const;

    QTemporaryDir m_dir;
    QString m_root;
};

void TestPackage::initTestCase()
{
    for (const char* tool : {"dpkg-deb", "dpkg-shlibdeps"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(QString::fromLatin1(tool))));
    }
    const ProcessResult cpack = runProcess(
        QStringLiteral(AUTH_CPACK_COMMAND),
        {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
         QStringLiteral(AUTH_BINARY_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), m_dir.path()},
        {}, 540000);
    QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.all()));
    QVERIFY2(!deb(QStringLiteral("auth-service")).isEmpty(), qPrintable(cpack.all()));
    m_root = m_dir.filePath(QStringLiteral("root"));
    const ProcessResult extract = runProcess(
        QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb(QStringLiteral("auth-service")), m_root});
    QVERIFY2(extract.exitCode == 0, qPrintable(extract.all()));
}

QString TestPackage::deb(const QString& name) const
{
    const QStringList found = QDir(m_dir.path()).entryList({name + QStringLiteral("_*.deb")}, QDir::Files);
    return found.isEmpty() ? QString() : m_dir.filePath(found.first());
}

QStringList TestPackage::contents(const QString& package) const
{
    const ProcessResult list = runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb(package)});
    QStringList lines = QString::fromUtf8(list.out).split(u'\n', Qt::SkipEmptyParts);
    return lines;
}

void TestPackage::serverPackageContents()
{
    const QStringList lines = contents(QStringLiteral("auth-service"));
    auto entry = [&](const QString& path) -> QString {
        for (const QString& line : lines) {
            if (line.endsWith(QStringLiteral(" .") + path))
                return line;
        }
        return {};
    };
    for (const char* path :
         {"/usr/sbin/auth-service", "/lib/systemd/system/auth-service.service",
          "/etc/logrotate.d/auth-service", "/etc/auth-service/config.toml", "/etc/auth-service/.env.example",
          "/usr/lib/sysusers.d/auth-service.conf", "/usr/lib/tmpfiles.d/auth-service.conf",
          "/usr/share/man/man8/auth-service.8.gz", "/usr/share/auth-service/scripts/security-test.sh",
          "/usr/share/auth-service/scripts/integration-tests.sh",
          "/usr/share/auth-service/scripts/performance-analysis.sh",
          "/usr/share/auth-service/scripts/security-log-analyzer.sh",
          "/usr/share/auth-service/scripts/maintenance-daily.sh",
          "/usr/share/auth-service/scripts/maintenance-weekly.sh",
          "/usr/share/auth-service/scripts/maintenance-monthly.sh",
          "/usr/share/auth-service/scripts/common.sh", "/usr/share/doc/auth-service/copyright"})
        QVERIFY2(!entry(QString::fromLatin1(path)).isEmpty(), path);
    QVERIFY(entry(QStringLiteral("/etc/auth-service/config.toml"))
                .startsWith(QStringLiteral("-rw------- root/root")));
    QVERIFY(entry(QStringLiteral("/usr/share/auth-service/scripts/security-test.sh"))
                .startsWith(QStringLiteral("-rwxr-xr-x")));
    QVERIFY(entry(QStringLiteral("/usr/bin/auth-console")).isEmpty()); // the console has its own package
}

void TestPackage::serverPackageControl()
{
    const QString package = deb(QStringLiteral("auth-service"));
    const ProcessResult depends
        = runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), package, QStringLiteral("Depends")});
    qInfo().noquote() << "Depends:" << depends.out.trimmed();
    for (const char* lib : {"libqt6core6", "libqt6network6", "libssl3", "libsystemd0", "libqt6sql6-sqlite"})
        QVERIFY2(depends.out.contains(lib), lib);
    QTemporaryDir control;
    QVERIFY(runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("-e"), package, control.path()}).exitCode
            == 0);
    for (const char* script : {"postinst", "prerm", "postrm"}) {
        const QFileInfo info(control.filePath(QString::fromLatin1(script)));
        QVERIFY2(info.exists() && info.isExecutable(), script);
    }
    QFile conffiles(control.filePath(QStringLiteral("conffiles")));
    QVERIFY(conffiles.open(QIODevice::ReadOnly));
    const QByteArray listed = conffiles.readAll();
    QVERIFY(listed.contains("/etc/auth-service/config.toml\n"));
    QVERIFY(listed.contains("/etc/logrotate.d/auth-service\n"));
    QFile postrm(control.filePath(QStringLiteral("postrm")));
    QVERIFY(postrm.open(QIODevice::ReadOnly));
    const QByteArray text = postrm.readAll();
    // Data goes only on purge.
    QVERIFY(text.indexOf("rm -rf /var/lib/auth-service") > text.indexOf("\"$1\" = \"purge\""));
}

void TestPackage::packagedServerStarts()
{
    // The packaged binary with the packaged sample config, plus the test's paths and port.
    TestServer server;
    server.setProgram(m_root + QStringLiteral("/usr/sbin/auth-service"));
    QVERIFY(QFile::copy(m_root + QStringLiteral("/etc/auth-service/config.toml"),
                        server.tempPath() + QStringLiteral("/config.toml")));
    const ProcessResult check = runProcess(
        m_root + QStringLiteral("/usr/sbin/auth-service"),
        {QStringLiteral("--check-config"), QStringLiteral("--config"),
         server.tempPath() + QStringLiteral("/config.toml")},
        {{"ALLOW_PLAIN_HTTP", "true"}, {"DATA_DIR", server.dataDir()}, {"LOG_DIR", server.logDir()}});
    QVERIFY2(check.exitCode == 0, qPrintable(check.all()));
    QVERIFY(server.start());
    const HttpReply health = server.get(QStringLiteral("/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
}

void TestPackage::manPagesRender()
{
    if (QStandardPaths::findExecutable(QStringLiteral("groff")).isEmpty())
        QSKIP("groff is not installed");
    for (const char* page : {"auth-service.8", "auth-console.1"}) {
        const ProcessResult result
            = runProcess(QStringLiteral("sh"),
                         {QStringLiteral("-c"), QStringLiteral("groff -ww -z -man \"$0\" 2>&1"),
                          QStringLiteral(AUTH_SOURCE_DIR "/packaging/man/") + QString::fromLatin1(page)});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.isEmpty(), result.out.constData());
    }
    QFile gz(m_root + QStringLiteral("/usr/share/man/man8/auth-service.8.gz"));
    QVERIFY(gz.open(QIODevice::ReadOnly));
    QCOMPARE(gz.read(2), QByteArray("\x1f\x8b"));
}

void TestPackage::consolePackage()
{
    if (deb(QStringLiteral("auth-console")).isEmpty())
        QSKIP("this build has no console (BUILD_CONSOLE=OFF)");
    QTemporaryDir root;
    QVERIFY(runProcess(QStringLiteral("dpkg-deb"),
                       {QStringLiteral("-x"), deb(QStringLiteral("auth-console")), root.path()})
                .exitCode
            == 0);
    for (const char* path :
         {"/usr/bin/auth-console", "/usr/share/applications/auth-console.desktop",
          "/usr/share/icons/hicolor/scalable/apps/auth-console.svg", "/usr/share/man/man1/auth-console.1.gz",
          "/usr/share/doc/auth-console/copyright"})
        QVERIFY2(QFile::exists(root.path() + QString::fromLatin1(path)), path);
    if (!QStandardPaths::findExecutable(QStringLiteral("rsvg-convert")).isEmpty()) {
        for (const char* size : {"16x16", "32x32", "48x48", "128x128", "256x256"})
            QVERIFY2(QFile::exists(root.path()
                                   + QStringLiteral("/usr/share/icons/hicolor/%1/apps/auth-console.png")
                                         .arg(QString::fromLatin1(size))),
                     size);
    }
    // The translations are compiled into the program (resource :/i18n), where LanguageManager loads them.
    QFile binary(root.path() + QStringLiteral("/usr/bin/auth-console"));
    QVERIFY(binary.open(QIODevice::ReadOnly));
    // Resource names are stored as big-endian UTF-16.
    QByteArray name;
    for (const char c : QByteArrayView("auth-console_de.qm"))
        name.append('\0').append(c);
    QVERIFY(binary.readAll().contains(name));
    const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (!validate.isEmpty()) {
        const ProcessResult result = runProcess(
            validate, {root.path() + QStringLiteral("/usr/share/applications/auth-console.desktop")});
        QVERIFY2(result.exitCode == 0 && result.all().trimmed().isEmpty(), qPrintable(result.all()));
    }
}

void TestPackage::lintianHasNoErrors()
{
    const QString lintian = QStandardPaths::findExecutable(QStringLiteral("lintian"));
    if (lintian.isEmpty())
        QSKIP("lintian is not installed (scripts/install-deps installs it)");
    QStringList packages {deb(QStringLiteral("auth-service"))};
    if (!deb(QStringLiteral("auth-console")).isEmpty())
        packages.append(deb(QStringLiteral("auth-console")));
    const ProcessResult result
        = runProcess(lintian, QStringList {QStringLiteral("--no-tag-display-limit")} + packages, {}, 540000);
    qInfo().noquote() << "lintian:\n" << result.all();
    QVERIFY2(!result.all().contains(
                 QRegularExpression(QStringLiteral("^E: "), QRegularExpression::MultilineOption)),
             qPrintable(result.all()));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "TestPackage.moc"
