#include "asyncrequest.h"
#include "channels/longpollgateway.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QByteArray NullParameters = R"({"longPollingRequestParameters": null})";
const QByteArray EmptyList = R"({"notificationList":[]})";

// The server's hold timeout in these tests, in milliseconds.
constexpr int HoldTimeoutMs = 2000;

QJsonObject note(int number)
{
    return QJsonObject{{QStringLiteral("note"), QJsonObject{{QStringLiteral("n"), number}}}};
}

// The n of every notification in a notificationList response, in order.
QList<int> notesOf(const TestReply &reply)
{
    QList<int> numbers;
    const QJsonArray list = reply.json.value(QStringLiteral("notificationList")).toArray();
    for (const QJsonValue &entry : list) {
        numbers.append(entry.toObject().value(QStringLiteral("note")).toObject()
                               .value(QStringLiteral("n")).toInt());
    }
    return numbers;
}

} // namespace

class tst_LongPolling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void creationReturnsLongPollingChannelUrl();
    void queuedNotificationsReturnedAtOnce();
    void parkedPollAnsweredOnArrival();
    void maxNotificationsCapsOneResponse();
    void maxWaitTimeCollectsNotifications();
    void maxWaitTimeEndsAtMaxNotifications();
    void maxWaitTimeOverriddenPerPoll();
    void holdTimeoutReturnsEmptyList();
    void pollRestartsLifetime();
    void secondPollEndsFirstWithConflict();
    void deleteAnswersParkedPollWithNotFound();
    void expiryAnswersParkedPollWithNotFound();
    void disconnectedClientLeavesNothingBehind();
    void pollBodies_data();
    void pollBodies();
    void pipelinedRequestEndsParkedPoll();
    void webSocketsChannelHasNoPollUrl();
    void otherUsersChannelUrlNotFound();

private:
    QJsonObject createChannel(const QJsonObject &channelData, qint64 lifetime = 3600,
                              const QString &user = QStringLiteral("alice"));
    QUrl channelURL(const QJsonObject &channel) const;
    QUrl callbackURL(const QJsonObject &channel) const;
    void post(const QJsonObject &channel, int number);

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_LongPolling::init()
{
    m_server = std::make_unique<TestServer>();
    m_server->config().longPollTimeoutMs = HoldTimeoutMs;
    QVERIFY(m_server->start());
}

void tst_LongPolling::cleanup()
{
    m_server.reset();
}

QJsonObject tst_LongPolling::createChannel(const QJsonObject &channelData, qint64 lifetime,
                                           const QString &user)
{
    const QJsonObject request{
            {QStringLiteral("notificationChannel"),
             QJsonObject{{QStringLiteral("channelType"), QStringLiteral("LongPolling")},
                         {QStringLiteral("channelData"), channelData},
                         {QStringLiteral("channelLifetime"), lifetime}}}};
    const TestReply reply = m_client.postJson(
            m_server->url(QStringLiteral("/notificationchannel/v1/%1/channels").arg(user)), request);
    if (reply.status != 201)
        qWarning() << "Channel creation failed:" << reply.status << reply.body;
    return reply.json.value(QStringLiteral("notificationChannel")).toObject();
}

QUrl tst_LongPolling::channelURL(const QJsonObject &channel) const
{
    return QUrl(channel.value(QStringLiteral("channelData")).toObject()
                        .value(QStringLiteral("channelURL")).toString());
}

QUrl tst_LongPolling::callbackURL(const QJsonObject &channel) const
{
    return QUrl(channel.value(QStringLiteral("callbackURL")).toString());
}

void tst_LongPolling::post(const QJsonObject &channel, int number)
{
    QCOMPARE(m_client.postJson(callbackURL(channel), note(number)).status, 204);
}

void tst_LongPolling::creationReturnsLongPollingChannelUrl()
{
    const QJsonObject channel = createChannel(
            QJsonObject{{QStringLiteral("maxNotifications"), QStringLiteral("3")},
                        {QStringLiteral("maxWaitTime"), 60}});
    QCOMPARE(channel.value(QStringLiteral("channelType")).toString(), QStringLiteral("LongPolling"));

    const QJsonObject channelData = channel.value(QStringLiteral("channelData")).toObject();
    const QString resourceURL = channel.value(QStringLiteral("resourceURL")).toString();
    QCOMPARE(channelData.value(QStringLiteral("channelURL")).toString(),
             resourceURL + QStringLiteral("/notifications"));
    QCOMPARE(channelData.value(QStringLiteral("maxNotifications")).toInteger(), 3);
    // maxWaitTime is clamped to the hold timeout, 2 s here.
    QCOMPARE(channelData.value(QStringLiteral("maxWaitTime")).toInteger(), HoldTimeoutMs / 1000);
}

void tst_LongPolling::queuedNotificationsReturnedAtOnce()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 5}});
    post(channel, 1);
    post(channel, 2);
    post(channel, 3);

    QElapsedTimer timer;
    timer.start();
    const TestReply reply = m_client.send("POST", channelURL(channel), NullParameters);
    QCOMPARE(reply.status, 200);
    QVERIFY(timer.elapsed() < HoldTimeoutMs / 2);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(notesOf(reply), (QList<int>{1, 2, 3}));

    // They have left the outbox, so the next poll waits and times out empty.
    const TestReply next = m_client.send("POST", channelURL(channel), NullParameters);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, EmptyList);
}

void tst_LongPolling::parkedPollAnsweredOnArrival()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 5}});
    AsyncRequest poll("POST", channelURL(channel), NullParameters);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);
    QVERIFY(!poll.isFinished());

    post(channel, 7);
    QVERIFY(poll.waitForFinished(HoldTimeoutMs / 2));
    QCOMPARE(poll.reply().status, 200);
    // One notification still arrives as an array.
    QVERIFY(poll.reply().json.value(QStringLiteral("notificationList")).isArray());
    QCOMPARE(notesOf(poll.reply()), QList<int>{7});
}

void tst_LongPolling::maxNotificationsCapsOneResponse()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 2}});
    post(channel, 1);
    post(channel, 2);
    post(channel, 3);

    QCOMPARE(notesOf(m_client.send("POST", channelURL(channel), NullParameters)),
             (QList<int>{1, 2}));
    QCOMPARE(notesOf(m_client.send("POST", channelURL(channel), NullParameters)), QList<int>{3});
}

void tst_LongPolling::maxWaitTimeCollectsNotifications()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 5},
                                               {QStringLiteral("maxWaitTime"), 1}});
    AsyncRequest poll("POST", channelURL(channel));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    // The first notification opens a one-second window that collects the second.
    post(channel, 1);
    QTest::qWait(300);
    QVERIFY(!poll.isFinished());
    post(channel, 2);

    QVERIFY(poll.waitForFinished(HoldTimeoutMs));
    QCOMPARE(poll.reply().status, 200);
    QCOMPARE(notesOf(poll.reply()), (QList<int>{1, 2}));
}

void tst_LongPolling::maxWaitTimeEndsAtMaxNotifications()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 2},
                                               {QStringLiteral("maxWaitTime"), 2}});
    AsyncRequest poll("POST", channelURL(channel));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    QElapsedTimer timer;
    timer.start();
    post(channel, 1);
    post(channel, 2);
    QVERIFY(poll.waitForFinished(HoldTimeoutMs));
    QVERIFY2(timer.elapsed() < 1500, "a full list must not wait for maxWaitTime");
    QCOMPARE(notesOf(poll.reply()), (QList<int>{1, 2}));
}

void tst_LongPolling::maxWaitTimeOverriddenPerPoll()
{
    const QJsonObject channel = createChannel({{QStringLiteral("maxNotifications"), 5}});
    AsyncRequest poll("POST", channelURL(channel),
                      QByteArray(R"({"longPollingRequestParameters":{"maxWaitTime":"1"}})"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    post(channel, 1);
    QTest::qWait(300);
    QVERIFY(!poll.isFinished());
    post(channel, 2);
    QVERIFY(poll.waitForFinished(HoldTimeoutMs));
    QCOMPARE(notesOf(poll.reply()), (QList<int>{1, 2}));
}

void tst_LongPolling::holdTimeoutReturnsEmptyList()
{
    const QJsonObject channel = createChannel({});
    QElapsedTimer timer;
    timer.start();
    const TestReply reply = m_client.send("POST", channelURL(channel), NullParameters);
    QCOMPARE(reply.status, 200);
    QVERIFY(timer.elapsed() >= HoldTimeoutMs - 100);
    QCOMPARE(reply.body, EmptyList);
    QCOMPARE(m_server->server()->longPollGateway()->parkedPollCount(), 0);
}

void tst_LongPolling::pollRestartsLifetime()
{
    const QJsonObject channel = createChannel({}, 10);
    const QUrl lifetimeURL(channel.value(QStringLiteral("resourceURL")).toString()
                           + QStringLiteral("/channelLifetime"));
    QTest::qWait(1300);
    const qint64 before = m_client.get(lifetimeURL).json.value(QStringLiteral("notificationChannelLifetime"))
                                  .toObject().value(QStringLiteral("channelLifetime")).toInteger();
    QCOMPARE(before, 9);

    post(channel, 1);
    QCOMPARE(m_client.send("POST", channelURL(channel)).status, 200);
    const qint64 after = m_client.get(lifetimeURL).json.value(QStringLiteral("notificationChannelLifetime"))
                                 .toObject().value(QStringLiteral("channelLifetime")).toInteger();
    QCOMPARE(after, 10);
}

void tst_LongPolling::secondPollEndsFirstWithConflict()
{
    const QJsonObject channel = createChannel({});
    AsyncRequest first("POST", channelURL(channel), NullParameters);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    AsyncRequest second("POST", channelURL(channel), NullParameters);
    QVERIFY(first.waitForFinished(HoldTimeoutMs / 2));
    QCOMPARE(first.reply().status, 409);
    QCOMPARE(first.reply().messageId(), QStringLiteral("SVC1012"));
    QVERIFY(!second.isFinished());

    post(channel, 4);
    QVERIFY(second.waitForFinished(HoldTimeoutMs / 2));
    QCOMPARE(notesOf(second.reply()), QList<int>{4});
}

void tst_LongPolling::deleteAnswersParkedPollWithNotFound()
{
    const QJsonObject channel = createChannel({});
    AsyncRequest poll("POST", channelURL(channel));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    QCOMPARE(m_client.send("DELETE", QUrl(channel.value(QStringLiteral("resourceURL")).toString()))
                     .status,
             204);
    QVERIFY(poll.waitForFinished(HoldTimeoutMs / 2));
    QCOMPARE(poll.reply().status, 404);
    QCOMPARE(poll.reply().messageId(), QStringLiteral("SVC0004"));
}

void tst_LongPolling::expiryAnswersParkedPollWithNotFound()
{
    m_server->config().longPollTimeoutMs = 10000;
    QVERIFY(m_server->start());

    const QJsonObject channel = createChannel({}, 1);
    AsyncRequest poll("POST", channelURL(channel));
    QVERIFY(poll.waitForFinished(5000));
    QCOMPARE(poll.reply().status, 404);
    QCOMPARE(m_client.postJson(callbackURL(channel), note(1)).status, 404);
}

void tst_LongPolling::disconnectedClientLeavesNothingBehind()
{
    const QJsonObject channel = createChannel({});
    const QUrl url = channelURL(channel);

    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, url.port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST " + url.path(QUrl::FullyEncoded).toUtf8()
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 1, 5000);

    raw.abort();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->longPollGateway()->parkedPollCount(), 0, 5000);

    // A notification arriving now stays queued for the next poll.
    post(channel, 5);
    QTest::qWait(100);
    const TestReply next = m_client.send("POST", url, NullParameters);
    QCOMPARE(next.status, 200);
    QCOMPARE(notesOf(next), QList<int>{5});
}

void tst_LongPolling::pollBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("null parameters") << NullParameters;
    QTest::newRow("empty parameters") << QByteArray(R"({"longPollingRequestParameters":{}})");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("unknown member") << QByteArray(R"({"longPollingRequestParameters":{"x":1}})");
}

void tst_LongPolling::pollBodies()
{
    QFETCH(QByteArray, body);
    const QJsonObject channel = createChannel({});
    post(channel, 1);
    const TestReply reply = m_client.send("POST", channelURL(channel), body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(notesOf(reply), QList<int>{1});
}

void tst_LongPolling::pipelinedRequestEndsParkedPoll()
{
    const QJsonObject channel = createChannel({});
    const QUrl url = channelURL(channel);
    const QByteArray resourcePath =
            QUrl(channel.value(QStringLiteral("resourceURL")).toString()).path(QUrl::FullyEncoded).toUtf8();

    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, url.port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST " + url.path(QUrl::FullyEncoded).toUtf8()
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
              + "GET " + resourcePath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    // Both responses arrive well before the hold timeout, in request order.
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    // The server runs on this thread, so the loop must run the event loop.
    while (!received.contains("resourceURL") && timer.elapsed() < HoldTimeoutMs / 2) {
        QTest::qWait(20);
        received += raw.readAll();
    }
    QVERIFY2(received.contains("resourceURL"), received.constData());
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    const qsizetype pollBody = received.indexOf(EmptyList);
    const qsizetype second = received.indexOf("HTTP/1.1 200", 1);
    QVERIFY(pollBody > 0);
    QVERIFY(second > pollBody);
    QVERIFY(received.indexOf("notificationChannel", second) > second);
}

void tst_LongPolling::webSocketsChannelHasNoPollUrl()
{
    const QJsonObject request{
            {QStringLiteral("notificationChannel"),
             QJsonObject{{QStringLiteral("channelType"), QStringLiteral("WebSockets")}}}};
    const TestReply created = m_client.postJson(
            m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels")), request);
    QCOMPARE(created.status, 201);
    const QString resourceURL = created.json.value(QStringLiteral("notificationChannel")).toObject()
                                        .value(QStringLiteral("resourceURL")).toString();

    const TestReply poll = m_client.send("POST", QUrl(resourceURL + QStringLiteral("/notifications")));
    QCOMPARE(poll.status, 404);
    QCOMPARE(poll.messageId(), QStringLiteral("SVC0004"));
}

void tst_LongPolling::otherUsersChannelUrlNotFound()
{
    const QJsonObject channel = createChannel({});
    QString url = channelURL(channel).toString();
    url.replace(QStringLiteral("/alice/"), QStringLiteral("/bob/"));
    const TestReply poll = m_client.send("POST", QUrl(url));
    QCOMPARE(poll.status, 404);
    QCOMPARE(m_server->server()->longPollGateway()->parkedPollCount(), 0);
}

QTEST_GUILESS_MAIN(tst_LongPolling)
#include "tst_longpolling.moc"
