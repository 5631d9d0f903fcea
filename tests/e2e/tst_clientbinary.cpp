#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace MarqueeTest;

namespace {

// Maximum wait for the client process to connect or to exit, in milliseconds.
constexpr int ProcessTimeoutMs = 20000;

const QString UserChannels = QStringLiteral("/notificationchannel/v1/tel%3A%2B19585550100/channels");
const QString BoxSubscriptions = QStringLiteral("/nms/v1/moviestore/premieres/subscriptions");

// The client's environment: Qt's offscreen platform, and its settings in folder.
QProcessEnvironment clientEnvironment(const QTemporaryDir &folder)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), folder.path());
    return environment;
}

int subscriptionCount(TestClient &http, const TestServer &server)
{
    const TestReply reply = http.get(server.url(BoxSubscriptions));
    const QJsonValue list = reply.json.value(QStringLiteral("nmsSubscriptionList"))
                                    .toObject()
                                    .value(QStringLiteral("subscription"));
    return reply.status == 200 && list.isArray() ? int(list.toArray().size()) : 0;
}

} // namespace

class tst_ClientBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpWithoutDisplay();
    void terminationDeletesChannel();
};

void tst_ClientBinary::helpWithoutDisplay()
{
    QTemporaryDir folder;
    QProcessEnvironment environment = clientEnvironment(folder);
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));

    QProcess client;
    client.setProcessEnvironment(environment);
    client.start(QStringLiteral(MARQUEE_CLIENT_BINARY), {QStringLiteral("--help")});
    QVERIFY(client.waitForFinished(ProcessTimeoutMs));
    QCOMPARE(client.exitStatus(), QProcess::NormalExit);
    QCOMPARE(client.exitCode(), 0);
    const QByteArray help = client.readAllStandardOutput();
    QVERIFY2(help.contains("Usage: marquee-client [options]"), help.constData());
    for (const char *option : {"--server <url>", "--user <id>", "--box <id>", "--channel-type <type>"})
        QVERIFY2(help.contains(option), option);
}

void tst_ClientBinary::terminationDeletesChannel()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient http;
    QTemporaryDir folder;

    QProcess client;
    client.setProcessEnvironment(clientEnvironment(folder));
    client.setProcessChannelMode(QProcess::ForwardedChannels);
    client.start(QStringLiteral(MARQUEE_CLIENT_BINARY),
                 {QStringLiteral("--server"), server.url(QString()).toString(),
                  QStringLiteral("--connect")});
    QVERIFY(client.waitForStarted(ProcessTimeoutMs));

    // The in-process server must keep serving while the test waits, so the waits spin the
    // event loop instead of blocking in QProcess.
    QVERIFY(QTest::qWaitFor([&] { return subscriptionCount(http, server) == 1; }, ProcessTimeoutMs));
    QCOMPARE(http.get(server.url(UserChannels)).status, 200);

    // SIGTERM closes the window as its close button does.
    client.terminate();
    QVERIFY(QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; }, ProcessTimeoutMs));
    QCOMPARE(client.exitStatus(), QProcess::NormalExit);
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(subscriptionCount(http, server), 0);
    QCOMPARE(http.get(server.url(UserChannels)).status, 404);
}

QTEST_MAIN(tst_ClientBinary)
#include "tst_clientbinary.moc"
