#include "asyncrequest.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QString Channels = QStringLiteral("/notificationchannel/v1/tel%3A%2B19585550100/channels");

QJsonObject channelRequest(const QString &type, const QJsonObject &extra = {})
{
    QJsonObject fields = extra;
    fields.insert(QStringLiteral("channelType"), type);
    return QJsonObject{{QStringLiteral("notificationChannel"), fields}};
}

QJsonObject lifetimeBody(const QJsonValue &lifetime)
{
    return QJsonObject{{QStringLiteral("notificationChannelLifetime"),
                        QJsonObject{{QStringLiteral("channelLifetime"), lifetime}}}};
}

qint64 lifetimeOf(const TestReply &reply)
{
    return reply.json.value(QStringLiteral("notificationChannelLifetime")).toObject()
            .value(QStringLiteral("channelLifetime")).toInteger(-1);
}

} // namespace

class tst_ChannelApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createLongPollingChannel();
    void correlatorAndTagEchoed();
    void correlatorAndTagNotInvented();
    void repeatedCorrelatorReturnsSameChannel();
    void listHoldsEveryChannelAsArray();
    void readThenDelete();
    void unsupportedTypes_data();
    void unsupportedTypes();
    void methodsNotAllowed_data();
    void methodsNotAllowed();
    void lifetimeReadReturnsRemaining();
    void lifetimeUpdateClampsAndRestarts();
    void lifetimeUpdateDefaults_data();
    void lifetimeUpdateDefaults();
    void lifetimePolicyConfigurable();
    void callbackKeepsOrderAcrossBodies();
    void callbackRejectsMalformedBody();
    void expiryRemovesChannelAndCallback();

private:
    QJsonObject create(const QJsonObject &request);
    QUrl resourceURL(const QJsonObject &channel, const QString &suffix = QString()) const;

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_ChannelApi::init()
{
    m_server = std::make_unique<TestServer>();
    m_server->config().longPollTimeoutMs = 1000;
    QVERIFY(m_server->start());
}

void tst_ChannelApi::cleanup()
{
    m_server.reset();
}

QJsonObject tst_ChannelApi::create(const QJsonObject &request)
{
    const TestReply reply = m_client.postJson(m_server->url(Channels), request);
    if (reply.status != 201)
        qWarning() << "Channel creation failed:" << reply.status << reply.body;
    return reply.json.value(QStringLiteral("notificationChannel")).toObject();
}

QUrl tst_ChannelApi::resourceURL(const QJsonObject &channel, const QString &suffix) const
{
    return QUrl(channel.value(QStringLiteral("resourceURL")).toString() + suffix);
}

void tst_ChannelApi::createLongPollingChannel()
{
    const TestReply reply = m_client.postJson(
            m_server->url(Channels),
            channelRequest(QStringLiteral("LongPolling"),
                           {{QStringLiteral("channelLifetime"), QStringLiteral("7200")},
                            {QStringLiteral("channelData"),
                             QJsonObject{{QStringLiteral("maxNotifications"), QStringLiteral("1")}}}}));
    QCOMPARE(reply.status, 201);

    const QJsonObject channel = reply.json.value(QStringLiteral("notificationChannel")).toObject();
    QCOMPARE(reply.header("location"), channel.value(QStringLiteral("resourceURL")).toString().toUtf8());
    QVERIFY(channel.value(QStringLiteral("resourceURL")).toString().contains(
            QStringLiteral("/tel%3A%2B19585550100/channels/")));
    QCOMPARE(channel.value(QStringLiteral("channelLifetime")).toInteger(), 7200);
    QVERIFY(channel.value(QStringLiteral("channelLifetime")).isDouble());
    QVERIFY(channel.value(QStringLiteral("callbackURL")).toString().contains(QStringLiteral("/callbacks/")));
    QCOMPARE(channel.value(QStringLiteral("channelData")).toObject()
                     .value(QStringLiteral("maxNotifications")).toInteger(), 1);
}

void tst_ChannelApi::correlatorAndTagEchoed()
{
    const QJsonObject channel = create(channelRequest(
            QStringLiteral("WebSockets"), {{QStringLiteral("clientCorrelator"), QStringLiteral("c 1")},
                                           {QStringLiteral("applicationTag"), QStringLiteral("myApp")}}));
    QCOMPARE(channel.value(QStringLiteral("clientCorrelator")).toString(), QStringLiteral("c 1"));
    QCOMPARE(channel.value(QStringLiteral("applicationTag")).toString(), QStringLiteral("myApp"));
}

void tst_ChannelApi::correlatorAndTagNotInvented()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling")));
    QVERIFY(!channel.isEmpty());
    QVERIFY(!channel.contains(QStringLiteral("clientCorrelator")));
    QVERIFY(!channel.contains(QStringLiteral("applicationTag")));

    const TestReply read = m_client.get(resourceURL(channel));
    const QJsonObject reread = read.json.value(QStringLiteral("notificationChannel")).toObject();
    QVERIFY(!reread.contains(QStringLiteral("clientCorrelator")));
    QVERIFY(!reread.contains(QStringLiteral("applicationTag")));
}

void tst_ChannelApi::repeatedCorrelatorReturnsSameChannel()
{
    const QJsonObject request = channelRequest(QStringLiteral("LongPolling"),
                                               {{QStringLiteral("clientCorrelator"), QStringLiteral("retry")}});
    const QJsonObject first = create(request);
    const QJsonObject second = create(request);
    QCOMPARE(second.value(QStringLiteral("resourceURL")), first.value(QStringLiteral("resourceURL")));
    QCOMPARE(second.value(QStringLiteral("callbackURL")), first.value(QStringLiteral("callbackURL")));

    // The same correlator of another user is another channel.
    const TestReply other = m_client.postJson(
            m_server->url(QStringLiteral("/notificationchannel/v1/bob/channels")), request);
    QCOMPARE(other.status, 201);
    QVERIFY(other.json.value(QStringLiteral("notificationChannel")).toObject()
                    .value(QStringLiteral("resourceURL")) != first.value(QStringLiteral("resourceURL")));
}

void tst_ChannelApi::listHoldsEveryChannelAsArray()
{
    // A user without channels is unknown to the server.
    const TestReply unknown = m_client.get(m_server->url(Channels));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.messageId(), QStringLiteral("SVC0004"));

    create(channelRequest(QStringLiteral("LongPolling")));
    const TestReply single = m_client.get(m_server->url(Channels));
    const QJsonObject list = single.json.value(QStringLiteral("notificationChannelList")).toObject();
    QVERIFY(list.value(QStringLiteral("notificationChannel")).isArray());
    QCOMPARE(list.value(QStringLiteral("notificationChannel")).toArray().size(), 1);
    QCOMPARE(list.value(QStringLiteral("resourceURL")).toString(), m_server->url(Channels).toString());

    create(channelRequest(QStringLiteral("WebSockets")));
    const TestReply two = m_client.get(m_server->url(Channels));
    QCOMPARE(two.json.value(QStringLiteral("notificationChannelList")).toObject()
                     .value(QStringLiteral("notificationChannel")).toArray().size(), 2);
}

void tst_ChannelApi::readThenDelete()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling")));
    const TestReply read = m_client.get(resourceURL(channel));
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json.value(QStringLiteral("notificationChannel")).toObject()
                     .value(QStringLiteral("callbackURL")), channel.value(QStringLiteral("callbackURL")));

    QCOMPARE(m_client.send("DELETE", resourceURL(channel)).status, 204);
    QCOMPARE(m_client.get(resourceURL(channel)).status, 404);
    QCOMPARE(m_client.get(resourceURL(channel, QStringLiteral("/channelLifetime"))).status, 404);
    QCOMPARE(m_client.send("POST", resourceURL(channel, QStringLiteral("/notifications"))).status, 404);
    const TestReply callback = m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                                                 QJsonObject{{QStringLiteral("a"), QJsonObject()}});
    QCOMPARE(callback.status, 404);
    QCOMPARE(callback.messageId(), QStringLiteral("SVC0004"));
}

void tst_ChannelApi::unsupportedTypes_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("OMAPush") << QStringLiteral("OMAPush");
    QTest::newRow("NativeChannel") << QStringLiteral("NativeChannel");
    QTest::newRow("unknown") << QStringLiteral("Carrier pigeon");
    QTest::newRow("wrong case") << QStringLiteral("longpolling");
}

void tst_ChannelApi::unsupportedTypes()
{
    QFETCH(QString, type);
    const TestReply reply = m_client.postJson(m_server->url(Channels), channelRequest(type));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.messageId(), QStringLiteral("POL1023"));

    const QJsonArray variables = reply.json.value(QStringLiteral("requestError")).toObject()
                                         .value(QStringLiteral("policyException")).toObject()
                                         .value(QStringLiteral("variables")).toArray();
    QCOMPARE(variables.size(), 2);
    QCOMPARE(variables.at(0).toString(), type);
    QCOMPARE(variables.at(1).toString(), QStringLiteral("WebSockets, LongPolling"));
}

void tst_ChannelApi::methodsNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("channels PUT") << QByteArray("PUT") << QStringLiteral("list") << QByteArray("GET, POST");
    QTest::newRow("channels DELETE") << QByteArray("DELETE") << QStringLiteral("list") << QByteArray("GET, POST");
    QTest::newRow("channel PUT") << QByteArray("PUT") << QString() << QByteArray("GET, DELETE");
    QTest::newRow("channel POST") << QByteArray("POST") << QString() << QByteArray("GET, DELETE");
    QTest::newRow("channel PATCH") << QByteArray("PATCH") << QString() << QByteArray("GET, DELETE");
    QTest::newRow("lifetime POST") << QByteArray("POST") << QStringLiteral("/channelLifetime")
                                   << QByteArray("GET, PUT");
    QTest::newRow("lifetime DELETE") << QByteArray("DELETE") << QStringLiteral("/channelLifetime")
                                     << QByteArray("GET, PUT");
    QTest::newRow("channelURL GET") << QByteArray("GET") << QStringLiteral("/notifications") << QByteArray("POST");
    QTest::newRow("channelURL PUT") << QByteArray("PUT") << QStringLiteral("/notifications") << QByteArray("POST");
    QTest::newRow("channelURL DELETE") << QByteArray("DELETE") << QStringLiteral("/notifications")
                                       << QByteArray("POST");
    QTest::newRow("callback GET") << QByteArray("GET") << QStringLiteral("callback") << QByteArray("POST");
    QTest::newRow("callback PUT") << QByteArray("PUT") << QStringLiteral("callback") << QByteArray("POST");
    QTest::newRow("callback DELETE") << QByteArray("DELETE") << QStringLiteral("callback") << QByteArray("POST");
}

void tst_ChannelApi::methodsNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, allow);

    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling")));
    QUrl url;
    if (suffix == QLatin1String("list"))
        url = m_server->url(Channels);
    else if (suffix == QLatin1String("callback"))
        url = QUrl(channel.value(QStringLiteral("callbackURL")).toString());
    else
        url = resourceURL(channel, suffix);

    const TestReply reply = m_client.send(method, url);
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("allow"), allow);
    QCOMPARE(reply.messageId(), QStringLiteral("SVC0001"));
}

void tst_ChannelApi::lifetimeReadReturnsRemaining()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling"),
                                                      {{QStringLiteral("channelLifetime"), 100}}));
    const TestReply reply = m_client.get(resourceURL(channel, QStringLiteral("/channelLifetime")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(lifetimeOf(reply), 100);

    QTest::qWait(1200);
    QCOMPARE(lifetimeOf(m_client.get(resourceURL(channel, QStringLiteral("/channelLifetime")))), 99);
}

void tst_ChannelApi::lifetimeUpdateClampsAndRestarts()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("WebSockets"),
                                                      {{QStringLiteral("channelLifetime"), 100}}));
    const QUrl url = resourceURL(channel, QStringLiteral("/channelLifetime"));

    const TestReply clamped = m_client.send(
            "PUT", url, QJsonDocument(lifetimeBody(999999)).toJson(QJsonDocument::Compact));
    QCOMPARE(clamped.status, 200);
    QCOMPARE(lifetimeOf(clamped), 86400);
    QCOMPARE(lifetimeOf(m_client.get(url)), 86400);

    const TestReply asString = m_client.send(
            "PUT", url,
            QJsonDocument(lifetimeBody(QStringLiteral("120"))).toJson(QJsonDocument::Compact));
    QCOMPARE(asString.status, 200);
    QCOMPARE(lifetimeOf(asString), 120);
    QCOMPARE(m_client.get(resourceURL(channel)).json.value(QStringLiteral("notificationChannel"))
                     .toObject().value(QStringLiteral("channelLifetime")).toInteger(), 120);
}

void tst_ChannelApi::lifetimeUpdateDefaults_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty body") << QByteArray();
    QTest::newRow("null root") << QByteArray(R"({"notificationChannelLifetime":null})");
    QTest::newRow("no lifetime") << QByteArray(R"({"notificationChannelLifetime":{}})");
    QTest::newRow("zero") << QByteArray(R"({"notificationChannelLifetime":{"channelLifetime":0}})");
}

void tst_ChannelApi::lifetimeUpdateDefaults()
{
    QFETCH(QByteArray, body);
    const QJsonObject channel = create(channelRequest(QStringLiteral("WebSockets"),
                                                      {{QStringLiteral("channelLifetime"), 100}}));
    const TestReply reply = m_client.send("PUT", resourceURL(channel, QStringLiteral("/channelLifetime")), body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(lifetimeOf(reply), 3600);
}

void tst_ChannelApi::lifetimePolicyConfigurable()
{
    m_server->config().defaultChannelLifetime = 50;
    m_server->config().maxChannelLifetime = 100;
    QVERIFY(m_server->start());

    const QJsonObject byDefault = create(channelRequest(QStringLiteral("LongPolling")));
    QCOMPARE(byDefault.value(QStringLiteral("channelLifetime")).toInteger(), 50);
    const QJsonObject clamped = create(channelRequest(QStringLiteral("LongPolling"),
                                                      {{QStringLiteral("channelLifetime"), 1000}}));
    QCOMPARE(clamped.value(QStringLiteral("channelLifetime")).toInteger(), 100);
    const TestReply refreshed = m_client.send(
            "PUT", resourceURL(clamped, QStringLiteral("/channelLifetime")),
            QJsonDocument(lifetimeBody(500)).toJson(QJsonDocument::Compact));
    QCOMPARE(lifetimeOf(refreshed), 100);
}

void tst_ChannelApi::callbackKeepsOrderAcrossBodies()
{
    const QJsonObject channel = create(channelRequest(
            QStringLiteral("LongPolling"),
            {{QStringLiteral("channelData"), QJsonObject{{QStringLiteral("maxNotifications"), 10}}}}));
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());

    const QJsonObject first{{QStringLiteral("presenceNotification"), QJsonObject{{QStringLiteral("n"), 1}}}};
    const QJsonObject second{{QStringLiteral("nmsEventList"), QJsonObject{{QStringLiteral("n"), 2}}}};
    const QJsonObject third{{QStringLiteral("chatEventNotification"), QJsonObject{{QStringLiteral("n"), 3}}}};
    const QJsonObject fourth{{QStringLiteral("x"), QJsonValue()}};

    QCOMPARE(m_client.postJson(callbackURL, first).status, 204);
    QCOMPARE(m_client.postJson(callbackURL,
                               QJsonObject{{QStringLiteral("notificationList"), QJsonArray{second, third}}})
                     .status,
             204);
    // A one-element notificationList may be a bare object.
    QCOMPARE(m_client.postJson(callbackURL, QJsonObject{{QStringLiteral("notificationList"), fourth}}).status,
             204);

    const TestReply poll = m_client.send("POST", resourceURL(channel, QStringLiteral("/notifications")));
    QCOMPARE(poll.status, 200);
    QCOMPARE(poll.json, (QJsonObject{{QStringLiteral("notificationList"),
                                      QJsonArray{first, second, third, fourth}}}));
}

void tst_ChannelApi::callbackRejectsMalformedBody()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling")));
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());

    const TestReply truncated = m_client.send("POST", callbackURL, QByteArray("{\"a\":{"));
    QCOMPARE(truncated.status, 400);
    QCOMPARE(truncated.messageId(), QStringLiteral("SVC0001"));
    const TestReply empty = m_client.send("POST", callbackURL, QByteArray(" "));
    QCOMPARE(empty.status, 400);

    // Nothing was queued.
    const TestReply poll = m_client.send("POST", resourceURL(channel, QStringLiteral("/notifications")));
    QCOMPARE(poll.body, QByteArray("{\"notificationList\":[]}"));
}

void tst_ChannelApi::expiryRemovesChannelAndCallback()
{
    const QJsonObject channel = create(channelRequest(QStringLiteral("LongPolling"),
                                                      {{QStringLiteral("channelLifetime"), 1}}));
    QCOMPARE(channel.value(QStringLiteral("channelLifetime")).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_client.get(resourceURL(channel)).status, 404, 5000);
    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               QJsonObject{{QStringLiteral("a"), QJsonObject()}}).status,
             404);
    QCOMPARE(m_client.get(m_server->url(Channels)).json.value(QStringLiteral("notificationChannelList"))
                     .toObject().value(QStringLiteral("notificationChannel")).toArray().size(), 0);
}

QTEST_GUILESS_MAIN(tst_ChannelApi)
#include "tst_channelapi.moc"
