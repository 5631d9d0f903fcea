#include "channels/websocketgateway.h"
#include "httpreceiver.h"
#include "storage/database.h"
#include "storage/movierepository.h"
#include "testclient.h"
#include "testserver.h"
#include "websocketclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QString TelUserPath = QStringLiteral("tel%3A%2B19585550100");
const QString MoviePath = QStringLiteral("/movies/v1/premieres/movies/") + QLatin1String(SeededMovieId);

QJsonObject channelRequest(const QString &clientCorrelator = QStringLiteral("c1"),
                           qint64 lifetime = 3600)
{
    return QJsonObject{{QStringLiteral("notificationChannel"),
                        QJsonObject{{QStringLiteral("channelType"), QStringLiteral("WebSockets")},
                                    {QStringLiteral("clientCorrelator"), clientCorrelator},
                                    {QStringLiteral("applicationTag"), QStringLiteral("demo")},
                                    {QStringLiteral("channelData"),
                                     QJsonObject{{QStringLiteral("maxNotifications"), 5}}},
                                    {QStringLiteral("channelLifetime"), lifetime}}}};
}

QJsonObject subscriptionRequest(const QString &notifyURL, const QString &callbackData)
{
    return QJsonObject{
            {QStringLiteral("nmsSubscription"),
             QJsonObject{{QStringLiteral("callbackReference"),
                          QJsonObject{{QStringLiteral("notifyURL"), notifyURL},
                                      {QStringLiteral("callbackData"), callbackData}}},
                         {QStringLiteral("duration"), 3600},
                         {QStringLiteral("clientCorrelator"), QStringLiteral("s1")}}}};
}

QJsonObject member(const QJsonObject &object, const QString &key)
{
    return object.value(key).toObject();
}

} // namespace

class tst_NotificationFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void movieUpdateReachesWebSocket_data();
    void movieUpdateReachesWebSocket();
    void callbackPostReachesWebSocket();
    void callbackNotificationListIsUnwrapped();
    void handshakeEchoesSubprotocol();
    void handshakeWithoutSubprotocolRejected();
    void handshakeForUnknownChannelRejected();
    void handshakeForOtherUserRejected();
    void queuedNotificationsDeliveredOnConnect();
    void maxNotificationsCapsOneFrame();
    void queuedNotificationsSurviveRestart();
    void newConnectionSupersedesOld();
    void channelAndSubscriptionSurviveRestart();
    void repeatedClientCorrelatorReturnsSameChannel();
    void repeatedSubscriptionCorrelatorReturnsSameSubscription();
    void lifetimeClampedByPolicy();
    void expiryClosesSocketAndCallback();
    void deleteChannelClosesSocket();
    void connCheckAnsweredWithConnAck();
    void unexpectedClientMessageClosesConnection();
    void binaryClientMessageClosesConnection();
    void plainGetOnChannelUrlRejected();
    void unchangedWriteSendsNothing();
    void restartTokenReplaysMissedChanges();
    void foreignRestartTokenYieldsResetBox();
    void twoSubscribersBothNotified();
    void changeFromAnotherWriterDelivered();
    void remoteNotifyUrlRetriedAfter503();
    void deletedSubscriptionStopsRetrying();
    void longReplayDeliversEveryChange();
    void remoteNotifyUrlRejectionEndsSubscription();

private:
    QJsonObject createChannel(const QString &userPath, const QString &clientCorrelator = QStringLiteral("c1"));
    QJsonObject subscribe(const QString &notifyURL, const QString &callbackData = QStringLiteral("abc"),
                          const QString &clientCorrelator = QStringLiteral("s1"));
    bool connect(WebSocketClient &client, const QJsonObject &channel);
    TestReply patchPremiere(const QString &date);

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_NotificationFlow::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void tst_NotificationFlow::cleanup()
{
    m_server.reset();
}

QJsonObject tst_NotificationFlow::createChannel(const QString &userPath,
                                                const QString &clientCorrelator)
{
    const TestReply reply = m_client.postJson(
            m_server->url(QStringLiteral("/notificationchannel/v1/%1/channels").arg(userPath)),
            channelRequest(clientCorrelator));
    if (reply.status != 201)
        qWarning() << "Channel creation failed:" << reply.status << reply.body;
    return member(reply.json, QStringLiteral("notificationChannel"));
}

QJsonObject tst_NotificationFlow::subscribe(const QString &notifyURL, const QString &callbackData,
                                            const QString &clientCorrelator)
{
    QJsonObject request = subscriptionRequest(notifyURL, callbackData);
    QJsonObject fields = member(request, QStringLiteral("nmsSubscription"));
    fields.insert(QStringLiteral("clientCorrelator"), clientCorrelator);
    request.insert(QStringLiteral("nmsSubscription"), fields);

    const TestReply reply = m_client.postJson(
            m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")), request);
    if (reply.status != 201)
        qWarning() << "Subscription failed:" << reply.status << reply.body;
    return member(reply.json, QStringLiteral("nmsSubscription"));
}

bool tst_NotificationFlow::connect(WebSocketClient &client, const QJsonObject &channel)
{
    const QUrl url(member(channel, QStringLiteral("channelData")).value(QStringLiteral("channelURL")).toString());
    return client.open(url, {Marquee::WebSocketGateway::subprotocol()});
}

TestReply tst_NotificationFlow::patchPremiere(const QString &date)
{
    return m_client.send("PATCH", m_server->url(MoviePath),
                         QJsonDocument(QJsonObject{{QStringLiteral("premiereDate"), date}}).toJson(),
                         "application/merge-patch+json");
}

void tst_NotificationFlow::movieUpdateReachesWebSocket_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("PATCH") << QByteArray("PATCH");
    QTest::newRow("PUT") << QByteArray("PUT");
}

void tst_NotificationFlow::movieUpdateReachesWebSocket()
{
    QFETCH(QByteArray, method);

    // Create the channel for a tel URI user, open it, and subscribe its callbackURL.
    const QJsonObject channel = createChannel(TelUserPath);
    QVERIFY(!channel.isEmpty());
    QVERIFY(channel.value(QStringLiteral("resourceURL")).toString().contains(TelUserPath));
    QCOMPARE(channel.value(QStringLiteral("channelLifetime")).toInteger(), 3600);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    const QString callbackURL = channel.value(QStringLiteral("callbackURL")).toString();
    const QJsonObject subscription = subscribe(callbackURL);
    QVERIFY(!subscription.isEmpty());
    QCOMPARE(subscription.value(QStringLiteral("index")).toInteger(), 1);
    QCOMPARE(subscription.value(QStringLiteral("duration")).toInteger(), 3600);
    QVERIFY(!subscription.value(QStringLiteral("restartToken")).toString().isEmpty());

    // Move the premiere.
    TestReply updated;
    if (method == "PATCH") {
        updated = patchPremiere(QStringLiteral("2020-03-13"));
    } else {
        QJsonObject movie = member(m_client.get(m_server->url(MoviePath)).json, QStringLiteral("movie"));
        movie.insert(QStringLiteral("premiereDate"), QStringLiteral("2020-03-13"));
        updated = m_client.send("PUT", m_server->url(MoviePath),
                                QJsonDocument(QJsonObject{{QStringLiteral("movie"), movie}}).toJson());
    }
    QCOMPARE(updated.status, 200);
    const QJsonObject movie = member(updated.json, QStringLiteral("movie"));
    QCOMPARE(movie.value(QStringLiteral("premiereDate")).toString(), QStringLiteral("2020-03-13"));

    // Exactly one frame arrives, and it is the notification in full.
    QVERIFY(socket.waitForFrames(1));
    QTest::qWait(50);
    QCOMPARE(socket.frames().size(), 1);

    const QString subscriptionURL = subscription.value(QStringLiteral("resourceURL")).toString();
    const TestReply current = m_client.get(QUrl(subscriptionURL));
    const QString token = member(current.json, QStringLiteral("nmsSubscription"))
                                  .value(QStringLiteral("restartToken"))
                                  .toString();
    QCOMPARE(member(current.json, QStringLiteral("nmsSubscription")).value(QStringLiteral("index")).toInteger(), 2);

    const QJsonObject changedObject{
            {QStringLiteral("parentFolder"),
             m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/folders/root")).toString()},
            {QStringLiteral("flags"), QJsonObject{{QStringLiteral("flag"), QJsonArray()}}},
            {QStringLiteral("resourceURL"), movie.value(QStringLiteral("resourceURL"))},
            {QStringLiteral("lastModSeq"), movie.value(QStringLiteral("lastModSeq"))},
            {QStringLiteral("movie"), movie}};
    const QJsonObject eventList{
            {QStringLiteral("nmsEvent"),
             QJsonArray{QJsonObject{{QStringLiteral("changedObject"), changedObject}}}},
            {QStringLiteral("callbackData"), QStringLiteral("abc")},
            {QStringLiteral("index"), 1},
            {QStringLiteral("restartToken"), token},
            {QStringLiteral("link"),
             QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("NmsSubscription")},
                                    {QStringLiteral("href"), subscriptionURL}}}}};
    const QJsonObject expected{
            {QStringLiteral("notificationList"),
             QJsonArray{QJsonObject{{QStringLiteral("nmsEventList"), eventList}}}}};
    QCOMPARE(socket.frameJson(0), expected);
}

void tst_NotificationFlow::callbackPostReachesWebSocket()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    const QJsonObject notification{
            {QStringLiteral("chatEventNotification"),
             QJsonObject{{QStringLiteral("eventType"), QStringLiteral("Accepted")},
                         {QStringLiteral("link"), QJsonArray()}}}};
    const TestReply reply = m_client.postJson(
            QUrl(channel.value(QStringLiteral("callbackURL")).toString()), notification);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());

    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0),
             (QJsonObject{{QStringLiteral("notificationList"), QJsonArray{notification}}}));
}

void tst_NotificationFlow::callbackNotificationListIsUnwrapped()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    const QJsonObject first{{QStringLiteral("a"), QJsonObject{{QStringLiteral("n"), 1}}}};
    const QJsonObject second{{QStringLiteral("b"), QJsonObject{{QStringLiteral("n"), 2}}}};
    const TestReply reply = m_client.postJson(
            QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
            QJsonObject{{QStringLiteral("notificationList"), QJsonArray{first, second}}});
    QCOMPARE(reply.status, 204);

    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0),
             (QJsonObject{{QStringLiteral("notificationList"), QJsonArray{first, second}}}));
}

void tst_NotificationFlow::handshakeEchoesSubprotocol()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QCOMPARE(socket.socket().subprotocol(), Marquee::WebSocketGateway::subprotocol());
}

void tst_NotificationFlow::handshakeWithoutSubprotocolRejected()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QUrl url(member(channel, QStringLiteral("channelData")).value(QStringLiteral("channelURL")).toString());

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*400.*subprotocol")));
    WebSocketClient withNone;
    QVERIFY(!withNone.open(url, {}));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*400.*subprotocol")));
    WebSocketClient withOther;
    QVERIFY(!withOther.open(url, {QStringLiteral("chat")}));
}

void tst_NotificationFlow::handshakeForUnknownChannelRejected()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    QString url = member(channel, QStringLiteral("channelData")).value(QStringLiteral("channelURL")).toString();
    url.replace(QStringLiteral("/channels/"), QStringLiteral("/channels/unknown"));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*404")));
    WebSocketClient socket;
    QVERIFY(!socket.open(QUrl(url), {Marquee::WebSocketGateway::subprotocol()}));

    // The refusal is a plain HTTP error before any upgrade.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->server()->webSocketPort());
    QVERIFY(raw.waitForConnected(5000));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*404")));
    raw.write("GET /notificationchannel/v1/alice/channels/nope/ws HTTP/1.1\r\nHost: x\r\n"
              "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
              "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Protocol: notificationchannel-netapi-rest.openmobilealliance.org\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(raw.bytesAvailable() > 0 || !raw.isOpen(), 5000);
    QVERIFY(raw.readAll().startsWith("HTTP/1.1 404"));
}

void tst_NotificationFlow::handshakeForOtherUserRejected()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    QString url = member(channel, QStringLiteral("channelData")).value(QStringLiteral("channelURL")).toString();
    url.replace(QStringLiteral("/alice/"), QStringLiteral("/bob/"));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*404")));
    WebSocketClient socket;
    QVERIFY(!socket.open(QUrl(url), {Marquee::WebSocketGateway::subprotocol()}));
}

void tst_NotificationFlow::queuedNotificationsDeliveredOnConnect()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());

    // Three notifications arrive while no socket is open.
    for (int i = 1; i <= 3; ++i) {
        const TestReply reply = m_client.postJson(
                callbackURL, QJsonObject{{QStringLiteral("note"), QJsonObject{{QStringLiteral("n"), i}}}});
        QCOMPARE(reply.status, 204);
    }

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForFrames(1));

    const QJsonArray list = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray();
    QCOMPARE(list.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(list.at(i).toObject().value(QStringLiteral("note")).toObject().value(QStringLiteral("n")).toInt(), i + 1);
}

void tst_NotificationFlow::maxNotificationsCapsOneFrame()
{
    // maxNotifications is 5 in channelRequest(), so 7 queued notifications need 2 frames.
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());
    for (int i = 1; i <= 7; ++i)
        QCOMPARE(m_client.postJson(callbackURL, QJsonObject{{QStringLiteral("note"), i}}).status, 204);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForFrames(2));
    QCOMPARE(socket.frameJson(0).value(QStringLiteral("notificationList")).toArray().size(), 5);
    QCOMPARE(socket.frameJson(1).value(QStringLiteral("notificationList")).toArray().size(), 2);
    QCOMPARE(socket.frameJson(1).value(QStringLiteral("notificationList")).toArray().at(1)
                     .toObject().value(QStringLiteral("note")).toInt(), 7);
}

void tst_NotificationFlow::queuedNotificationsSurviveRestart()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());
    QCOMPARE(m_client.postJson(callbackURL, QJsonObject{{QStringLiteral("note"), 1}}).status, 204);
    QCOMPARE(m_client.postJson(callbackURL, QJsonObject{{QStringLiteral("note"), 2}}).status, 204);

    QVERIFY(m_server->start());

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForFrames(1));
    const QJsonArray list = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("note")).toInt(), 1);
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("note")).toInt(), 2);
}

void tst_NotificationFlow::newConnectionSupersedesOld()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient first;
    QVERIFY(connect(first, channel));
    WebSocketClient second;
    QVERIFY(connect(second, channel));

    QVERIFY(first.waitForDisconnected());
    QCOMPARE(first.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);

    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               QJsonObject{{QStringLiteral("note"), 1}}).status, 204);
    QVERIFY(second.waitForFrames(1));
    QCOMPARE(first.frames().size(), 0);
}

void tst_NotificationFlow::channelAndSubscriptionSurviveRestart()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QJsonObject subscription = subscribe(channel.value(QStringLiteral("callbackURL")).toString());
    QVERIFY(!subscription.isEmpty());

    // Restart on the same database file and ports.
    QVERIFY(m_server->start());
    const TestReply reread = m_client.get(QUrl(channel.value(QStringLiteral("resourceURL")).toString()));
    QCOMPARE(reread.status, 200);
    QCOMPARE(member(reread.json, QStringLiteral("notificationChannel")).value(QStringLiteral("callbackURL")),
             channel.value(QStringLiteral("callbackURL")));
    QCOMPARE(m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString())).status, 200);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QCOMPARE(patchPremiere(QStringLiteral("2020-04-01")).status, 200);
    QVERIFY(socket.waitForFrames(1));
    const QJsonObject eventList = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray()
                                          .at(0).toObject().value(QStringLiteral("nmsEventList")).toObject();
    QCOMPARE(eventList.value(QStringLiteral("callbackData")).toString(), QStringLiteral("abc"));
    QCOMPARE(eventList.value(QStringLiteral("index")).toInteger(), 1);
}

void tst_NotificationFlow::repeatedClientCorrelatorReturnsSameChannel()
{
    const QJsonObject first = createChannel(QStringLiteral("alice"), QStringLiteral("same"));
    const QJsonObject second = createChannel(QStringLiteral("alice"), QStringLiteral("same"));
    QCOMPARE(second.value(QStringLiteral("resourceURL")), first.value(QStringLiteral("resourceURL")));
    QCOMPARE(second.value(QStringLiteral("callbackURL")), first.value(QStringLiteral("callbackURL")));

    const QJsonObject other = createChannel(QStringLiteral("bob"), QStringLiteral("same"));
    QVERIFY(other.value(QStringLiteral("resourceURL")) != first.value(QStringLiteral("resourceURL")));

    const TestReply list = m_client.get(m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels")));
    QCOMPARE(list.status, 200);
    QCOMPARE(member(list.json, QStringLiteral("notificationChannelList"))
                     .value(QStringLiteral("notificationChannel")).toArray().size(), 1);
}

void tst_NotificationFlow::repeatedSubscriptionCorrelatorReturnsSameSubscription()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QString callbackURL = channel.value(QStringLiteral("callbackURL")).toString();
    const QJsonObject first = subscribe(callbackURL);
    const QJsonObject second = subscribe(callbackURL);
    QCOMPARE(second.value(QStringLiteral("resourceURL")), first.value(QStringLiteral("resourceURL")));
}

void tst_NotificationFlow::lifetimeClampedByPolicy()
{
    m_server->config().maxChannelLifetime = 120;
    m_server->config().defaultChannelLifetime = 60;
    QVERIFY(m_server->start());

    const QUrl channels = m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels"));
    TestReply reply = m_client.postJson(channels, channelRequest(QStringLiteral("long"), 100000));
    QCOMPARE(reply.status, 201);
    QCOMPARE(member(reply.json, QStringLiteral("notificationChannel")).value(QStringLiteral("channelLifetime")).toInteger(), 120);

    reply = m_client.postJson(channels, channelRequest(QStringLiteral("zero"), 0));
    QCOMPARE(reply.status, 201);
    QCOMPARE(member(reply.json, QStringLiteral("notificationChannel")).value(QStringLiteral("channelLifetime")).toInteger(), 60);
}

void tst_NotificationFlow::expiryClosesSocketAndCallback()
{
    const QUrl channels = m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels"));
    const TestReply reply = m_client.postJson(channels, channelRequest(QStringLiteral("short"), 1));
    QCOMPARE(reply.status, 201);
    const QJsonObject channel = member(reply.json, QStringLiteral("notificationChannel"));

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QVERIFY(socket.socket().closeReason().contains(QStringLiteral("expired")));

    const TestReply posted = m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                                               QJsonObject{{QStringLiteral("note"), 1}});
    QCOMPARE(posted.status, 404);
    QCOMPARE(posted.messageId(), QStringLiteral("SVC0004"));
}

void tst_NotificationFlow::deleteChannelClosesSocket()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    const TestReply deleted = m_client.send("DELETE", QUrl(channel.value(QStringLiteral("resourceURL")).toString()));
    QCOMPARE(deleted.status, 204);
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(m_client.get(QUrl(channel.value(QStringLiteral("resourceURL")).toString())).status, 404);
}

void tst_NotificationFlow::connCheckAnsweredWithConnAck()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    socket.socket().sendTextMessage(QStringLiteral(R"({"connCheck":{}})"));
    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0),
             (QJsonObject{{QStringLiteral("connAck"),
                           QJsonObject{{QStringLiteral("channelLifetime"), 3600}}}}));
}

void tst_NotificationFlow::unexpectedClientMessageClosesConnection()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unexpected client message")));
    socket.socket().sendTextMessage(QStringLiteral("hello"));
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!socket.socket().closeReason().isEmpty());
}

void tst_NotificationFlow::binaryClientMessageClosesConnection()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unexpected binary message")));
    socket.socket().sendBinaryMessage(QByteArrayLiteral("{\"connCheck\":{}}"));
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
}

void tst_NotificationFlow::plainGetOnChannelUrlRejected()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QUrl url(member(channel, QStringLiteral("channelData")).value(QStringLiteral("channelURL")).toString());

    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_server->server()->webSocketPort());
    QVERIFY(raw.waitForConnected(5000));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*400.*upgrade")));
    raw.write("GET " + url.path(QUrl::FullyEncoded).toUtf8() + " HTTP/1.1\r\nHost: x\r\n"
              "Sec-WebSocket-Protocol: notificationchannel-netapi-rest.openmobilealliance.org\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(raw.bytesAvailable() > 0, 5000);
    QVERIFY(raw.readAll().startsWith("HTTP/1.1 400"));

    // A user id that is not UTF-8 once decoded names no channel.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("Rejected a WebSocket handshake.*404")));
    WebSocketClient socket;
    QString invalid = url.toString(QUrl::FullyEncoded);
    invalid.replace(QStringLiteral("/alice/"), QStringLiteral("/%FF/"));
    QVERIFY(!socket.open(QUrl(invalid), {Marquee::WebSocketGateway::subprotocol()}));
}

void tst_NotificationFlow::unchangedWriteSendsNothing()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(!subscribe(channel.value(QStringLiteral("callbackURL")).toString()).isEmpty());

    const TestReply before = m_client.get(m_server->url(MoviePath));
    const QString date = member(before.json, QStringLiteral("movie")).value(QStringLiteral("premiereDate")).toString();
    const TestReply same = patchPremiere(date);
    QCOMPARE(same.status, 200);
    QCOMPARE(member(same.json, QStringLiteral("movie")).value(QStringLiteral("lastModSeq")),
             member(before.json, QStringLiteral("movie")).value(QStringLiteral("lastModSeq")));

    QTest::qWait(200);
    QCOMPARE(socket.frames().size(), 0);
}

void tst_NotificationFlow::restartTokenReplaysMissedChanges()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QString callbackURL = channel.value(QStringLiteral("callbackURL")).toString();

    // Take a token, make two changes that no subscription receives, then subscribe from the token.
    const QJsonObject probe = subscribe(callbackURL, QStringLiteral("probe"), QStringLiteral("probe"));
    const QString token = probe.value(QStringLiteral("restartToken")).toString();
    QCOMPARE(m_client.send("DELETE", QUrl(probe.value(QStringLiteral("resourceURL")).toString())).status, 204);
    QCOMPARE(patchPremiere(QStringLiteral("2020-06-01")).status, 200);
    QCOMPARE(patchPremiere(QStringLiteral("2020-06-02")).status, 200);

    QJsonObject request = subscriptionRequest(callbackURL, QStringLiteral("replay"));
    QJsonObject fields = member(request, QStringLiteral("nmsSubscription"));
    fields.insert(QStringLiteral("restartToken"), token);
    fields.insert(QStringLiteral("clientCorrelator"), QStringLiteral("replay"));
    request.insert(QStringLiteral("nmsSubscription"), fields);
    const TestReply created = m_client.postJson(
            m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")), request);
    QCOMPARE(created.status, 201);
    QCOMPARE(member(created.json, QStringLiteral("nmsSubscription")).value(QStringLiteral("restartToken")).toString(), token);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForFrames(1));
    const QJsonArray events = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray()
                                      .at(0).toObject().value(QStringLiteral("nmsEventList")).toObject()
                                      .value(QStringLiteral("nmsEvent")).toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).toObject().value(QStringLiteral("changedObject")).toObject()
                     .value(QStringLiteral("movie")).toObject().value(QStringLiteral("premiereDate")).toString(),
             QStringLiteral("2020-06-02"));
}

void tst_NotificationFlow::foreignRestartTokenYieldsResetBox()
{
    // A well-formed token from another database.
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    const QString callbackURL = channel.value(QStringLiteral("callbackURL")).toString();
    const QString foreign = QStringLiteral("mq1.") + QString::fromLatin1(QByteArray("other:5").toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));

    QJsonObject request = subscriptionRequest(callbackURL, QStringLiteral("abc"));
    QJsonObject fields = member(request, QStringLiteral("nmsSubscription"));
    fields.insert(QStringLiteral("restartToken"), foreign);
    request.insert(QStringLiteral("nmsSubscription"), fields);
    QCOMPARE(m_client.postJson(m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")),
                               request).status, 201);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(socket.waitForFrames(1));
    const QJsonObject eventList = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray()
                                          .at(0).toObject().value(QStringLiteral("nmsEventList")).toObject();
    QCOMPARE(eventList.value(QStringLiteral("nmsEvent")).toArray(),
             (QJsonArray{QJsonObject{{QStringLiteral("resetBox"), QJsonObject()}}}));
    QCOMPARE(eventList.value(QStringLiteral("index")).toInteger(), 1);
}

void tst_NotificationFlow::twoSubscribersBothNotified()
{
    const QJsonObject alice = createChannel(QStringLiteral("alice"));
    const QJsonObject bob = createChannel(QStringLiteral("bob"));
    WebSocketClient aliceSocket;
    WebSocketClient bobSocket;
    QVERIFY(connect(aliceSocket, alice));
    QVERIFY(connect(bobSocket, bob));
    QVERIFY(!subscribe(alice.value(QStringLiteral("callbackURL")).toString(), QStringLiteral("a"), QStringLiteral("a")).isEmpty());
    QVERIFY(!subscribe(bob.value(QStringLiteral("callbackURL")).toString(), QStringLiteral("b"), QStringLiteral("b")).isEmpty());

    QCOMPARE(patchPremiere(QStringLiteral("2020-07-07")).status, 200);
    QVERIFY(aliceSocket.waitForFrames(1));
    QVERIFY(bobSocket.waitForFrames(1));
}

void tst_NotificationFlow::changeFromAnotherWriterDelivered()
{
    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    WebSocketClient socket;
    QVERIFY(connect(socket, channel));
    QVERIFY(!subscribe(channel.value(QStringLiteral("callbackURL")).toString()).isEmpty());

    // A second connection to the same file, as an --import in another process has; its
    // writes emit no signal that the running server could hear.
    QString error;
    const std::unique_ptr<Marquee::Database> other =
            Marquee::Database::openSqlite(m_server->config().databasePath, &error);
    QVERIFY2(other, qPrintable(error));
    Marquee::MovieRepository writer(other->connection());
    auto movie = writer.find(QStringLiteral("premieres"), QLatin1String(SeededMovieId));
    QVERIFY(movie.has_value());
    movie->premiereDate = QDate(2020, 10, 10);
    QVERIFY(writer.save(QStringLiteral("premieres"), *movie).has_value());

    QVERIFY(socket.waitForFrames(1));
    const QJsonObject changed = socket.frameJson(0).value(QStringLiteral("notificationList")).toArray()
                                        .at(0).toObject().value(QStringLiteral("nmsEventList")).toObject()
                                        .value(QStringLiteral("nmsEvent")).toArray().at(0).toObject()
                                        .value(QStringLiteral("changedObject")).toObject();
    QCOMPARE(changed.value(QStringLiteral("movie")).toObject().value(QStringLiteral("premiereDate")).toString(),
             QStringLiteral("2020-10-10"));
}

void tst_NotificationFlow::remoteNotifyUrlRetriedAfter503()
{
    HttpReceiver receiver({503, 503});
    const QJsonObject subscription = subscribe(receiver.url().toString(), QStringLiteral("remote"));
    QVERIFY(!subscription.isEmpty());

    QCOMPARE(patchPremiere(QStringLiteral("2020-08-08")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 3, 10000);
    QCOMPARE(receiver.statuses(), (QList<int>{503, 503, 204}));

    // Every attempt carries the same nmsEventList.
    const QList<QByteArray> bodies = receiver.bodies();
    QCOMPARE(bodies.at(0), bodies.at(2));
    const QJsonObject eventList = QJsonDocument::fromJson(bodies.at(2)).object()
                                          .value(QStringLiteral("nmsEventList")).toObject();
    QCOMPARE(eventList.value(QStringLiteral("callbackData")).toString(), QStringLiteral("remote"));
    QCOMPARE(eventList.value(QStringLiteral("index")).toInteger(), 1);

    // The cursor moved only after the accepted attempt.
    const TestReply current = m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString()));
    QCOMPARE(member(current.json, QStringLiteral("nmsSubscription")).value(QStringLiteral("index")).toInteger(), 2);
}

void tst_NotificationFlow::deletedSubscriptionStopsRetrying()
{
    HttpReceiver receiver({503, 503});
    const QJsonObject subscription = subscribe(receiver.url().toString(), QStringLiteral("remote"));
    QCOMPARE(patchPremiere(QStringLiteral("2020-11-11")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 1, 10000);

    QCOMPARE(m_client.send("DELETE", QUrl(subscription.value(QStringLiteral("resourceURL")).toString())).status, 204);

    // The retries would come after 0.5 s and 1 s more.
    QTest::qWait(2500);
    QCOMPARE(receiver.statuses().size(), 1);
}

void tst_NotificationFlow::longReplayDeliversEveryChange()
{
    // One event per notification, so replaying the 1,153 seeded changes takes 1,153
    // deliveries in a row. Run under a small stack (see CMakeLists.txt), this also shows
    // that deliveries do not nest one call deeper per notification.
    m_server->config().maxEventsPerNotification = 1;
    QVERIFY(m_server->start());

    const QJsonObject channel = createChannel(QStringLiteral("alice"));
    QJsonObject request = subscriptionRequest(channel.value(QStringLiteral("callbackURL")).toString(),
                                              QStringLiteral("replay"));
    QJsonObject fields = member(request, QStringLiteral("nmsSubscription"));
    const QJsonObject probe = subscribe(channel.value(QStringLiteral("callbackURL")).toString(),
                                        QStringLiteral("probe"), QStringLiteral("probe"));
    // A token for position 0 of this database: the probe's token with its position replaced.
    const QString probeToken = probe.value(QStringLiteral("restartToken")).toString();
    const QByteArray decoded = QByteArray::fromBase64(probeToken.mid(4).toLatin1(),
                                                      QByteArray::Base64UrlEncoding);
    const QByteArray epoch = decoded.left(decoded.indexOf(':'));
    fields.insert(QStringLiteral("restartToken"),
                  QStringLiteral("mq1.") + QString::fromLatin1((epoch + ":0").toBase64(
                          QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    fields.insert(QStringLiteral("clientCorrelator"), QStringLiteral("replay"));
    request.insert(QStringLiteral("nmsSubscription"), fields);
    QCOMPARE(m_client.send("DELETE", QUrl(probe.value(QStringLiteral("resourceURL")).toString())).status, 204);
    const TestReply created = m_client.postJson(
            m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")), request);
    QCOMPARE(created.status, 201);

    WebSocketClient socket;
    QVERIFY(connect(socket, channel));

    // Collect the indexes from every frame until all 1,153 notifications are in.
    QList<qint64> indexes;
    QDeadlineTimer deadline(30000);
    while (indexes.size() < 1153 && !deadline.hasExpired()) {
        QTest::qWait(20);
        indexes.clear();
        for (qsizetype i = 0; i < socket.frames().size(); ++i) {
            const QJsonArray list = socket.frameJson(i).value(QStringLiteral("notificationList")).toArray();
            for (const QJsonValue &notification : list)
                indexes.append(notification.toObject().value(QStringLiteral("nmsEventList"))
                                       .toObject().value(QStringLiteral("index")).toInteger());
        }
    }
    QCOMPARE(indexes.size(), 1153);
    for (qsizetype i = 0; i < indexes.size(); ++i)
        QCOMPARE(indexes.at(i), i + 1);
}

void tst_NotificationFlow::remoteNotifyUrlRejectionEndsSubscription()
{
    HttpReceiver receiver({404});
    const QJsonObject subscription = subscribe(receiver.url().toString(), QStringLiteral("gone"));
    QVERIFY(!subscription.isEmpty());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("Ending subscription.*404")));
    QCOMPARE(patchPremiere(QStringLiteral("2020-09-09")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString())).status,
            404, 5000);
}

QTEST_GUILESS_MAIN(tst_NotificationFlow)
#include "tst_notificationflow.moc"
