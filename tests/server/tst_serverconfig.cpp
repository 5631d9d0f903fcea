#include "serverconfig.h"

#include <QCommandLineParser>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Marquee;

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result.append(QString::fromUtf8(item));
    return result;
}

} // namespace

// Options from the command line, the environment and a configuration file, with their
// precedence and their errors.
class tst_ServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void options_data();
    void options();
    void invalid_data();
    void invalid();

private:
    std::optional<ServerConfig> parse(const QStringList &arguments,
                                      const QStringList &environment,
                                      const QByteArray &file, QString *error);

    QTemporaryDir m_folder;
    int m_files = 0;
};

std::optional<ServerConfig> tst_ServerConfig::parse(const QStringList &arguments,
                                                    const QStringList &environment,
                                                    const QByteArray &file, QString *error)
{
    QStringList commandLine{QStringLiteral("marquee-server")};
    QProcessEnvironment variables;
    for (const QString &entry : environment)
        variables.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));

    if (!file.isNull()) {
        // A new name per row: QSettings caches a file by name, size and modification time.
        const QString path = m_folder.filePath(QStringLiteral("marquee-%1.conf").arg(++m_files));
        QFile config(path);
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate) || config.write(file) < 0)
            qFatal("Cannot write the test configuration file");
        commandLine << QStringLiteral("--config") << path;
    }
    commandLine << arguments;

    QCommandLineParser parser;
    ServerConfig::addOptions(parser);
    if (!parser.parse(commandLine)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    return ServerConfig::fromCommandLine(parser, variables, error);
}

void tst_ServerConfig::options_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("store");
    QTest::addColumn<QStringList>("owners");

    const QStringList none;
    QTest::newRow("defaults") << none << none << QByteArray() << 8080 << "moviestore" << none;
    QTest::newRow("repeated option")
            << strings({"--box-owner", "premieres=tel:+19585550100", "--box-owner", "films=alice"})
            << none << QByteArray() << 8080 << "moviestore"
            << strings({"premieres=tel:+19585550100", "films=alice"});
    QTest::newRow("environment list")
            << none << strings({"MARQUEE_BOX_OWNER=premieres=bob, films=alice", "MARQUEE_PORT=9000"})
            << QByteArray() << 9000 << "moviestore" << strings({"premieres=bob", "films=alice"});
    QTest::newRow("file")
            << none << none
            << QByteArray("; Marquee\nport = 9100\nstore = shop\nbox-owner = premieres=bob, films=alice\n")
            << 9100 << "shop" << strings({"premieres=bob", "films=alice"});
    QTest::newRow("command line over file")
            << strings({"--port", "9200", "--box-owner", "premieres=carol"}) << none
            << QByteArray("port = 9100\nbox-owner = premieres=bob\n") << 9200 << "moviestore"
            << strings({"premieres=carol"});
    QTest::newRow("environment over file")
            << none << strings({"MARQUEE_PORT=9300"}) << QByteArray("port = 9100\n") << 9300
            << "moviestore" << none;
    QTest::newRow("empty environment variable falls back to the file")
            << none << strings({"MARQUEE_PORT="}) << QByteArray("port = 9100\n") << 9100
            << "moviestore" << none;
}

void tst_ServerConfig::options()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QByteArray, file);
    QFETCH(int, port);
    QFETCH(QString, store);
    QFETCH(QStringList, owners);

    QString error;
    const std::optional<ServerConfig> config = parse(arguments, environment, file, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->httpPort, port);
    QCOMPARE(config->storeName, store);

    QStringList parsedOwners;
    for (const ServerConfig::BoxOwner &owner : config->boxOwners)
        parsedOwners.append(owner.boxId + u'=' + owner.userId);
    QCOMPARE(parsedOwners, owners);
}

void tst_ServerConfig::invalid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("fault");

    const QStringList none;
    QTest::newRow("owner without user") << strings({"--box-owner", "premieres"}) << none
                                        << QByteArray() << "premieres";
    QTest::newRow("owner without box") << none << strings({"MARQUEE_BOX_OWNER==bob"})
                                       << QByteArray() << "=bob";
    QTest::newRow("unknown key in file") << none << none << QByteArray("prot = 9100\n")
                                         << "Unknown option 'prot'";
    QTest::newRow("section in file") << none << none << QByteArray("[server]\nport = 9100\n")
                                     << "Unknown option 'server/port'";
    QTest::newRow("bad value in file") << none << none << QByteArray("port = high\n")
                                       << "high";
    QTest::newRow("missing file") << strings({"--config", "/nonexistent/marquee.conf"}) << none
                                  << QByteArray() << "Cannot read the configuration file";
}

void tst_ServerConfig::invalid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QByteArray, file);
    QFETCH(QString, fault);

    QString error;
    const std::optional<ServerConfig> config = parse(arguments, environment, file, &error);
    QVERIFY(!config);
    QVERIFY2(error.contains(fault), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
