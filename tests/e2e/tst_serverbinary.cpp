#include "channels/websocketgateway.h"
#include "testclient.h"
#include "websocketclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace MarqueeTest;

namespace {

constexpr int StartTimeoutMs = 20000;

// A marquee-server process on free loopback ports, stopped with SIGTERM.
class ServerProcess
{
public:
    explicit ServerProcess(const QString &databasePath,
                           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setProcessEnvironment(environment);
        m_arguments = {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--ws-port"),
                       QStringLiteral("0")};
        if (!databasePath.isEmpty())
            m_arguments << QStringLiteral("--database") << databasePath;
    }

    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Starts the binary and waits for its start line, which names both base URLs.
    bool start()
    {
        m_process.start(QStringLiteral(MARQUEE_SERVER_BINARY), m_arguments);
        if (!m_process.waitForStarted(StartTimeoutMs))
            return false;

        static const QRegularExpression started(
                QStringLiteral("REST API at (\\S+), WebSockets at (\\S+),"));
        QDeadlineTimer deadline(StartTimeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            m_output += m_process.readAll();
            const QRegularExpressionMatch match = started.match(QString::fromUtf8(m_output));
            if (match.hasMatch()) {
                m_restUrl = QUrl(match.captured(1));
                m_webSocketUrl = QUrl(match.captured(2));
                return true;
            }
        }
        qWarning().noquote() << "marquee-server did not start:" << m_output;
        return false;
    }

    // Sends SIGTERM and returns the exit code, or -1 if the process did not end in time.
    int terminate()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            return -1;
        m_output += m_process.readAll();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QUrl url(const QString &encodedPath) const
    {
        return QUrl::fromEncoded(m_restUrl.toEncoded() + encodedPath.toUtf8(), QUrl::StrictMode);
    }
    QUrl webSocketUrl() const { return m_webSocketUrl; }
    QByteArray output() const { return m_output; }

private:
    QProcess m_process;
    QStringList m_arguments;
    QByteArray m_output;
    QUrl m_restUrl;
    QUrl m_webSocketUrl;
};

struct RunResult
{
    int exitCode = -1;
    QByteArray output;
};

RunResult runToCompletion(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(MARQUEE_SERVER_BINARY), arguments);
    if (!process.waitForFinished(StartTimeoutMs))
        return {};
    return {process.exitCode(), process.readAll()};
}

} // namespace

class tst_ServerBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpListsEveryOption();
    void invalidOptionFails();
    void wholeFlowOverLoopback();
    void environmentConfiguresServer();
    void importReportsInvalidEntries();

private:
    QTemporaryDir m_folder;
    TestClient m_client;
};

void tst_ServerBinary::helpListsEveryOption()
{
    const RunResult result = runToCompletion({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    for (const char *option : {"--listen", "--port", "--ws-port", "--public-url", "--ws-public-url",
                               "--database", "--import", "--box"}) {
        QVERIFY2(result.output.contains(option), option);
    }
    for (const char *variable : {"MARQUEE_LISTEN", "MARQUEE_PORT", "MARQUEE_WS_PORT",
                                 "MARQUEE_PUBLIC_URL", "MARQUEE_WS_PUBLIC_URL", "MARQUEE_DATABASE",
                                 "MARQUEE_IMPORT", "MARQUEE_BOX"}) {
        QVERIFY2(result.output.contains(variable), variable);
    }
}

void tst_ServerBinary::invalidOptionFails()
{
    const RunResult badPort = runToCompletion({QStringLiteral("--port"), QStringLiteral("http")});
    QCOMPARE(badPort.exitCode, 2);
    QVERIFY(badPort.output.contains("Invalid --port 'http'"));

    const RunResult badUrl = runToCompletion({QStringLiteral("--public-url"), QStringLiteral("nope")});
    QCOMPARE(badUrl.exitCode, 2);
    QVERIFY(badUrl.output.contains("--public-url"));
}

void tst_ServerBinary::wholeFlowOverLoopback()
{
    ServerProcess server(QDir(m_folder.path()).filePath(QStringLiteral("flow.sqlite")));
    QVERIFY(server.start());
    QVERIFY(server.output().contains("Seeded box \"premieres\""));

    // Channel for a tel URI user.
    const TestReply created = m_client.send(
            "POST", server.url(QStringLiteral("/notificationchannel/v1/tel%3A%2B19585550100/channels")),
            R"({"notificationChannel":{"channelType":"WebSockets","clientCorrelator":"c1",)"
            R"("applicationTag":"demo","channelData":{"maxNotifications":5},"channelLifetime":3600}})");
    QCOMPARE(created.status, 201);
    const QJsonObject channel = created.json.value(QStringLiteral("notificationChannel")).toObject();
    QCOMPARE(created.header("Location"), channel.value(QStringLiteral("resourceURL")).toString().toUtf8());
    const QUrl channelURL(channel.value(QStringLiteral("channelData")).toObject()
                                  .value(QStringLiteral("channelURL")).toString());
    QCOMPARE(channelURL.scheme(), QStringLiteral("ws"));
    QCOMPARE(channelURL.port(), server.webSocketUrl().port());

    WebSocketClient socket;
    QVERIFY(socket.open(channelURL, {Marquee::WebSocketGateway::subprotocol()}));
    QCOMPARE(socket.socket().subprotocol(), Marquee::WebSocketGateway::subprotocol());

    const QString callbackURL = channel.value(QStringLiteral("callbackURL")).toString();
    const TestReply subscribed = m_client.send(
            "POST", server.url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")),
            QStringLiteral(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"%1",)"
                           R"("callbackData":"abc"},"duration":3600,"clientCorrelator":"s1"}})")
                    .arg(callbackURL).toUtf8());
    QCOMPARE(subscribed.status, 201);

    // Page through the list to find a movie, then move its premiere.
    const TestReply page = m_client.get(server.url(QStringLiteral("/movies/v1/premieres/movies?limit=3")));
    QCOMPARE(page.status, 200);
    const QJsonObject movieList = page.json.value(QStringLiteral("movieList")).toObject();
    QCOMPARE(movieList.value(QStringLiteral("movie")).toArray().size(), 3);
    QCOMPARE(movieList.value(QStringLiteral("totalCount")).toInteger(), 1153);
    QVERIFY(movieList.contains(QStringLiteral("nextURL")));

    const QString movieURL = movieList.value(QStringLiteral("movie")).toArray().at(0).toObject()
                                     .value(QStringLiteral("resourceURL")).toString();
    const TestReply patched = m_client.send("PATCH", QUrl(movieURL), R"({"premiereDate":"2024-12-24"})",
                                            "application/merge-patch+json");
    QCOMPARE(patched.status, 200);

    QVERIFY(socket.waitForFrames(1));
    const QJsonObject eventList = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray()
                                          .at(0).toObject().value(QStringLiteral("nmsEventList")).toObject();
    const QJsonObject changed = eventList.value(QStringLiteral("nmsEvent")).toArray().at(0).toObject()
                                        .value(QStringLiteral("changedObject")).toObject();
    QCOMPARE(changed.value(QStringLiteral("resourceURL")).toString(), movieURL);
    QCOMPARE(changed.value(QStringLiteral("movie")).toObject().value(QStringLiteral("premiereDate")).toString(),
             QStringLiteral("2024-12-24"));
    QCOMPARE(eventList.value(QStringLiteral("callbackData")).toString(), QStringLiteral("abc"));
    QCOMPARE(eventList.value(QStringLiteral("index")).toInteger(), 1);

    // A notification POSTed from outside arrives the same way.
    const QByteArray external = R"({"messageNotification":{"id":"m1"}})";
    QCOMPARE(m_client.send("POST", QUrl(callbackURL), external).status, 204);
    QVERIFY(socket.waitForFrames(2));
    const QJsonObject wrapped =
            QJsonDocument::fromJson(R"({"notificationList":[{"messageNotification":{"id":"m1"}}]})").object();
    QCOMPARE(socket.frameJson(1), wrapped);

    // SIGTERM closes the WebSocket with 1001 and exits normally.
    QCOMPARE(server.terminate(), 0);
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QVERIFY(server.output().contains("Marquee stopped"));
}

void tst_ServerBinary::environmentConfiguresServer()
{
    const QString database = QDir(m_folder.path()).filePath(QStringLiteral("from-environment.sqlite"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MARQUEE_DATABASE"), database);
    environment.insert(QStringLiteral("MARQUEE_PUBLIC_URL"), QStringLiteral("https://push.example.test/api"));

    ServerProcess server(QString(), environment);
    QVERIFY(server.start());
    QVERIFY(QFile::exists(database));

    // The REST listener is still on loopback; the URLs it hands out use the public base.
    const QByteArray output = server.output();
    const qsizetype portAt = output.indexOf("REST API at ");
    QVERIFY(portAt >= 0);
    QVERIFY(output.mid(portAt).startsWith("REST API at https://push.example.test/api"));
    QCOMPARE(server.terminate(), 0);
}

void tst_ServerBinary::importReportsInvalidEntries()
{
    const QString database = QDir(m_folder.path()).filePath(QStringLiteral("import.sqlite"));
    const QString file = QDir(m_folder.path()).filePath(QStringLiteral("catalogue.json"));
    QFile catalogue(file);
    QVERIFY(catalogue.open(QIODevice::WriteOnly));
    catalogue.write(R"([
        {"title":"Home Movie","year":2024,"cast":["Us"],"genres":["Family"],"extract":"Ours."},
        {"title":"Broken","year":"twenty"},
        {"title":"Holiday","year":2025,"premiereDate":"2025-07-14"}
    ])");
    catalogue.close();

    const RunResult result = runToCompletion({QStringLiteral("--database"), database,
                                              QStringLiteral("--import"), file,
                                              QStringLiteral("--box"), QStringLiteral("family")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.output.contains("skipped entry 2:"), result.output.constData());
    QVERIFY2(result.output.contains("Read 3 entries for box family: 2 created or changed, "
                                    "0 unchanged, 1 skipped"),
             result.output.constData());

    // The server then serves the imported box, next to the seeded demo box.
    ServerProcess server(database);
    QVERIFY(server.start());
    const TestReply family = m_client.get(server.url(QStringLiteral("/movies/v1/family/movies")));
    QCOMPARE(family.status, 200);
    QCOMPARE(family.json.value(QStringLiteral("movieList")).toObject().value(QStringLiteral("totalCount")).toInteger(), 2);
    const TestReply holiday = m_client.get(server.url(QStringLiteral("/movies/v1/family/movies/holiday-2025")));
    QCOMPARE(holiday.json.value(QStringLiteral("movie")).toObject().value(QStringLiteral("premiereDate")).toString(),
             QStringLiteral("2025-07-14"));
    QCOMPARE(m_client.get(server.url(QStringLiteral("/movies/v1/premieres/movies?limit=1"))).status, 200);
    QCOMPARE(server.terminate(), 0);

    const RunResult missing = runToCompletion({QStringLiteral("--database"), database,
                                               QStringLiteral("--import"),
                                               QDir(m_folder.path()).filePath(QStringLiteral("none.json"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.output.contains("Cannot read"));
}

QTEST_GUILESS_MAIN(tst_ServerBinary)
#include "tst_serverbinary.moc"
