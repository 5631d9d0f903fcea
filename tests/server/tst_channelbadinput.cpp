#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QByteArray Json = "application/json";
const QByteArray Text = "text/plain";
const QByteArray Xml = "application/xml";
const QByteArray Form = "application/x-www-form-urlencoded";

QByteArray xmlChannelWith(const QByteArray &children)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nc:notificationChannel "
           "xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">"
            + children + "</nc:notificationChannel>";
}

QByteArray channelWith(const QByteArray &members)
{
    return "{\"notificationChannel\":{" + members + "}}";
}

QByteArray lifetimeWith(const QByteArray &value)
{
    return "{\"notificationChannelLifetime\":{\"channelLifetime\":" + value + "}}";
}

QByteArray pollWith(const QByteArray &members)
{
    return "{\"longPollingRequestParameters\":{" + members + "}}";
}

} // namespace

// Every row sends one bad request to a Notification Channel resource and checks the status
// and the messageId. Placeholders in paths: {lp} is a LongPolling channel of alice, {ws} a
// WebSockets channel of alice, {callback} the callbackId of {lp}.
class tst_ChannelBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void rejected_data();
    void rejected();
    void rejectedRequestsChangeNothing();

private:
    QString createChannel(const QByteArray &type, QString *callbackId = nullptr);
    QString expand(QString path) const;

    TestServer m_server;
    TestClient m_client;
    QString m_longPollingId;
    QString m_webSocketsId;
    QString m_callbackId;
};

void tst_ChannelBadInput::initTestCase()
{
    m_server.config().longPollTimeoutMs = 1000;
    QVERIFY(m_server.start());
    m_longPollingId = createChannel("LongPolling", &m_callbackId);
    m_webSocketsId = createChannel("WebSockets");
    QVERIFY(!m_longPollingId.isEmpty());
    QVERIFY(!m_webSocketsId.isEmpty());
}

void tst_ChannelBadInput::cleanupTestCase()
{
    m_server.stop();
}

QString tst_ChannelBadInput::createChannel(const QByteArray &type, QString *callbackId)
{
    const TestReply reply = m_client.send(
            "POST", m_server.url(QStringLiteral("/notificationchannel/v1/alice/channels")),
            channelWith("\"channelType\":\"" + type + "\",\"channelLifetime\":600"));
    const QJsonObject channel = reply.json.value(QStringLiteral("notificationChannel")).toObject();
    if (callbackId)
        *callbackId = QUrl(channel.value(QStringLiteral("callbackURL")).toString()).fileName();
    return QUrl(channel.value(QStringLiteral("resourceURL")).toString()).fileName();
}

QString tst_ChannelBadInput::expand(QString path) const
{
    path.replace(QStringLiteral("{lp}"), m_longPollingId);
    path.replace(QStringLiteral("{ws}"), m_webSocketsId);
    path.replace(QStringLiteral("{callback}"), m_callbackId);
    return path;
}

void tst_ChannelBadInput::rejected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageId");

    const QString channels = QStringLiteral("/notificationchannel/v1/alice/channels");
    const QString lp = channels + QStringLiteral("/{lp}");
    const QString lifetime = lp + QStringLiteral("/channelLifetime");
    const QString poll = lp + QStringLiteral("/notifications");
    const QString callback = QStringLiteral("/notificationchannel/v1/callbacks/{callback}");
    const QByteArray valid = channelWith("\"channelType\":\"LongPolling\"");
    const QByteArray longText(300, 'x');

    // Channel creation.
    QTest::newRow("create: truncated JSON") << QByteArray("POST") << channels << Json
            << valid.left(25) << 400 << "SVC0001";
    QTest::newRow("create: form text as JSON") << QByteArray("POST") << channels << Json
            << QByteArray("channelType=LongPolling") << 400 << "SVC0001";
    QTest::newRow("create: array body") << QByteArray("POST") << channels << Json
            << QByteArray("[{}]") << 400 << "SVC0001";
    QTest::newRow("create: string body") << QByteArray("POST") << channels << Json
            << QByteArray("\"LongPolling\"") << 400 << "SVC0001";
    QTest::newRow("create: empty body") << QByteArray("POST") << channels << Json
            << QByteArray() << 400 << "SVC0001";
    QTest::newRow("create: missing root") << QByteArray("POST") << channels << Json
            << QByteArray("{\"channel\":{}}") << 400 << "SVC0002";
    QTest::newRow("create: root a string") << QByteArray("POST") << channels << Json
            << QByteArray("{\"notificationChannel\":\"LongPolling\"}") << 400 << "SVC0002";
    QTest::newRow("create: missing channelType") << QByteArray("POST") << channels << Json
            << channelWith("\"channelLifetime\":60") << 400 << "SVC0002";
    QTest::newRow("create: empty channelType") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"\"") << 400 << "SVC0002";
    QTest::newRow("create: channelType an object") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":{\"a\":1}") << 400 << "SVC0002";
    QTest::newRow("create: OMAPush") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"OMAPush\"") << 403 << "POL1023";
    QTest::newRow("create: NativeChannel") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"NativeChannel\"") << 403 << "POL1023";
    QTest::newRow("create: negative lifetime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelLifetime\":-1") << 400 << "SVC0002";
    QTest::newRow("create: huge lifetime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelLifetime\":\"3000000000\"") << 400
            << "SVC0002";
    QTest::newRow("create: fractional lifetime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelLifetime\":1.5") << 400 << "SVC0002";
    QTest::newRow("create: boolean lifetime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelLifetime\":true") << 400 << "SVC0002";
    QTest::newRow("create: zero maxNotifications") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":{\"maxNotifications\":0}")
            << 400 << "SVC0002";
    QTest::newRow("create: maxNotifications a word") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":{\"maxNotifications\":\"few\"}")
            << 400 << "SVC0002";
    QTest::newRow("create: negative maxWaitTime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":{\"maxWaitTime\":-5}")
            << 400 << "SVC0002";
    QTest::newRow("create: maxWaitTime a word") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":{\"maxWaitTime\":\"soon\"}")
            << 400 << "SVC0002";
    QTest::newRow("create: huge maxWaitTime") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":{\"maxWaitTime\":86401}")
            << 400 << "SVC0002";
    QTest::newRow("create: channelData an array") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"channelData\":[1]") << 400 << "SVC0002";
    QTest::newRow("create: over-long clientCorrelator") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"clientCorrelator\":\"" + longText + "\"")
            << 400 << "SVC0002";
    QTest::newRow("create: over-long applicationTag") << QByteArray("POST") << channels << Json
            << channelWith("\"channelType\":\"LongPolling\",\"applicationTag\":\"" + longText + "\"")
            << 400 << "SVC0002";
    QTest::newRow("create: over-long user id") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/%1/channels").arg(QString(300, QLatin1Char('u')))
            << Json << valid << 400 << "SVC0002";
    QTest::newRow("create: user id not UTF-8") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/%C3%28/channels") << Json << valid << 400 << "SVC0002";
    QTest::newRow("create: text/plain") << QByteArray("POST") << channels << Text << valid << 415
            << "SVC0001";

    // One channel.
    QTest::newRow("channel: unknown id") << QByteArray("GET") << channels + QStringLiteral("/nope")
            << Json << QByteArray() << 404 << "SVC0004";
    QTest::newRow("channel: over-long id") << QByteArray("GET")
            << channels + QLatin1Char('/') + QString(2000, QLatin1Char('c')) << Json << QByteArray() << 404
            << "SVC0004";
    QTest::newRow("channel: of another user") << QByteArray("GET")
            << QStringLiteral("/notificationchannel/v1/bob/channels/{lp}") << Json << QByteArray() << 404
            << "SVC0004";
    QTest::newRow("channel: user with encoded slash") << QByteArray("GET")
            << QStringLiteral("/notificationchannel/v1/alice%2F..%2Fbob/channels/{lp}") << Json
            << QByteArray() << 404 << "SVC0004";
    QTest::newRow("channel: user with encoded question mark") << QByteArray("GET")
            << QStringLiteral("/notificationchannel/v1/alice%3F/channels/{lp}") << Json << QByteArray()
            << 404 << "SVC0004";
    QTest::newRow("channel: delete with a body") << QByteArray("DELETE") << lp << Json
            << QByteArray("{}") << 400 << "SVC0002";

    // channelLifetime.
    QTest::newRow("lifetime: GET with a body") << QByteArray("GET") << lifetime << Json
            << lifetimeWith("5") << 400 << "SVC0002";
    QTest::newRow("lifetime: truncated JSON") << QByteArray("PUT") << lifetime << Json
            << lifetimeWith("5").left(20) << 400 << "SVC0001";
    QTest::newRow("lifetime: negative") << QByteArray("PUT") << lifetime << Json
            << lifetimeWith("-60") << 400 << "SVC0002";
    QTest::newRow("lifetime: huge") << QByteArray("PUT") << lifetime << Json
            << lifetimeWith("99999999999") << 400 << "SVC0002";
    QTest::newRow("lifetime: a word") << QByteArray("PUT") << lifetime << Json
            << lifetimeWith("\"forever\"") << 400 << "SVC0002";
    QTest::newRow("lifetime: an array") << QByteArray("PUT") << lifetime << Json
            << lifetimeWith("[60, 70]") << 400 << "SVC0002";
    QTest::newRow("lifetime: missing root") << QByteArray("PUT") << lifetime << Json
            << QByteArray("{\"channelLifetime\":60}") << 400 << "SVC0002";
    QTest::newRow("lifetime: unknown channel") << QByteArray("PUT")
            << channels + QStringLiteral("/nope/channelLifetime") << Json << lifetimeWith("60") << 404
            << "SVC0004";
    QTest::newRow("lifetime: of another user") << QByteArray("PUT")
            << QStringLiteral("/notificationchannel/v1/bob/channels/{lp}/channelLifetime") << Json
            << lifetimeWith("60") << 404 << "SVC0004";
    QTest::newRow("lifetime: text/plain") << QByteArray("PUT") << lifetime << Text
            << lifetimeWith("60") << 415 << "SVC0001";

    // Long-poll channelURL.
    QTest::newRow("poll: truncated JSON") << QByteArray("POST") << poll << Json
            << QByteArray("{\"longPollingRequestParameters\":") << 400 << "SVC0001";
    QTest::newRow("poll: array body") << QByteArray("POST") << poll << Json << QByteArray("[]") << 400
            << "SVC0001";
    QTest::newRow("poll: other root") << QByteArray("POST") << poll << Json
            << QByteArray("{\"notificationChannel\":{}}") << 400 << "SVC0002";
    QTest::newRow("poll: root a number") << QByteArray("POST") << poll << Json
            << QByteArray("{\"longPollingRequestParameters\":5}") << 400 << "SVC0002";
    QTest::newRow("poll: negative maxWaitTime") << QByteArray("POST") << poll << Json
            << pollWith("\"maxWaitTime\":-1") << 400 << "SVC0002";
    QTest::newRow("poll: maxWaitTime a word") << QByteArray("POST") << poll << Json
            << pollWith("\"maxWaitTime\":\"later\"") << 400 << "SVC0002";
    QTest::newRow("poll: huge maxWaitTime") << QByteArray("POST") << poll << Json
            << pollWith("\"maxWaitTime\":1e12") << 400 << "SVC0002";
    QTest::newRow("poll: unknown channel") << QByteArray("POST")
            << channels + QStringLiteral("/nope/notifications") << Json << QByteArray() << 404 << "SVC0004";
    QTest::newRow("poll: channel of another user") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/bob/channels/{lp}/notifications") << Json
            << QByteArray() << 404 << "SVC0004";
    QTest::newRow("poll: WebSockets channel") << QByteArray("POST")
            << channels + QStringLiteral("/{ws}/notifications") << Json << QByteArray() << 404 << "SVC0004";
    QTest::newRow("poll: text/plain") << QByteArray("POST") << poll << Text << QByteArray("poll") << 415
            << "SVC0001";

    // callbackURL.
    QTest::newRow("callback: truncated JSON") << QByteArray("POST") << callback << Json
            << QByteArray("{\"nmsEventList\":{") << 400 << "SVC0001";
    QTest::newRow("callback: number body") << QByteArray("POST") << callback << Json << QByteArray("5")
            << 400 << "SVC0001";
    QTest::newRow("callback: empty body") << QByteArray("POST") << callback << Json << QByteArray()
            << 400 << "SVC0001";
    QTest::newRow("callback: two root elements") << QByteArray("POST") << callback << Json
            << QByteArray("{\"a\":{},\"b\":{}}") << 400 << "SVC0002";
    QTest::newRow("callback: list with a string") << QByteArray("POST") << callback << Json
            << QByteArray("{\"notificationList\":[{\"a\":{}},\"b\"]}") << 400 << "SVC0002";
    QTest::newRow("callback: list entry with two roots") << QByteArray("POST") << callback << Json
            << QByteArray("{\"notificationList\":[{\"a\":{},\"b\":{}}]}") << 400 << "SVC0002";
    QTest::newRow("callback: unknown") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/callbacks/nope") << Json << QByteArray("{\"a\":{}}")
            << 404 << "SVC0004";
    QTest::newRow("callback: over-long id") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/callbacks/") + QString(2000, QLatin1Char('k')) << Json
            << QByteArray("{\"a\":{}}") << 404 << "SVC0004";
    QTest::newRow("callback: text/plain") << QByteArray("POST") << callback << Text
            << QByteArray("{\"a\":{}}") << 415 << "SVC0001";

    // XML bodies.
    const QByteArray validXml = xmlChannelWith("<channelType>LongPolling</channelType>");
    QTest::newRow("xml create: truncated") << QByteArray("POST") << channels << Xml
            << validXml.left(validXml.size() - 10) << 400 << "SVC0001";
    QTest::newRow("xml create: no namespace") << QByteArray("POST") << channels << Xml
            << QByteArray("<notificationChannel><channelType>LongPolling</channelType>"
                          "</notificationChannel>")
            << 400 << "SVC0001";
    QTest::newRow("xml create: NMS namespace") << QByteArray("POST") << channels << Xml
            << QByteArray("<nms:notificationChannel xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\">"
                          "<channelType>LongPolling</channelType></nms:notificationChannel>")
            << 400 << "SVC0001";
    QTest::newRow("xml create: document type declaration") << QByteArray("POST") << channels
            << Xml
            << QByteArray("<!DOCTYPE x [<!ENTITY a \"LongPolling\">]>") + xmlChannelWith("<channelType>&a;</channelType>")
            << 400 << "SVC0001";
    QTest::newRow("xml create: missing channelType") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("<channelLifetime>60</channelLifetime>") << 400 << "SVC0002";
    QTest::newRow("xml create: lifetime a word") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("<channelType>LongPolling</channelType><channelLifetime>long"
                              "</channelLifetime>")
            << 400 << "SVC0002";
    QTest::newRow("xml create: negative lifetime") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("<channelType>LongPolling</channelType><channelLifetime>-5"
                              "</channelLifetime>")
            << 400 << "SVC0002";
    QTest::newRow("xml create: two channelTypes") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("<channelType>LongPolling</channelType>"
                              "<channelType>WebSockets</channelType>")
            << 400 << "SVC0002";
    QTest::newRow("xml create: NativeChannel") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("<channelType>NativeChannel</channelType>") << 403 << "POL1023";
    QTest::newRow("xml create: mixed content") << QByteArray("POST") << channels << Xml
            << xmlChannelWith("text<channelType>LongPolling</channelType>") << 400 << "SVC0001";
    QTest::newRow("xml create: JSON sent as XML") << QByteArray("POST") << channels << Xml
            << valid << 400 << "SVC0001";
    QTest::newRow("xml lifetime: wrong root") << QByteArray("PUT") << lifetime << Xml
            << xmlChannelWith("<channelLifetime>60</channelLifetime>") << 400 << "SVC0002";
    QTest::newRow("xml poll: truncated") << QByteArray("POST") << poll << Xml
            << QByteArray("<nc:longPollingRequestParameters xmlns:nc=\"urn:oma:xml:rest:netapi:"
                          "notificationchannel:1\"")
            << 400 << "SVC0001";
    QTest::newRow("xml callback: truncated") << QByteArray("POST") << callback << Xml
            << QByteArray("<pr:presenceNotification xmlns:pr=\"urn:x\"><callbackData>1")
            << 400 << "SVC0001";
    QTest::newRow("xml callback: list in no namespace") << QByteArray("POST") << callback << Xml
            << QByteArray("<notificationList><a/></notificationList>") << 400 << "SVC0001";
    QTest::newRow("xml delete: body on DELETE") << QByteArray("DELETE") << lp << Xml
            << validXml << 400 << "SVC0002";

    // Form bodies.
    QTest::newRow("form create: repeated channelType") << QByteArray("POST") << channels << Form
            << QByteArray("channelType=LongPolling&channelType=LongPolling") << 400 << "SVC0002";
    QTest::newRow("form create: repeated unknown field") << QByteArray("POST") << channels
            << Form << QByteArray("channelType=LongPolling&x=1&x=2") << 400 << "SVC0002";
    QTest::newRow("form create: WebSockets") << QByteArray("POST") << channels << Form
            << QByteArray("channelType=WebSockets") << 415 << "SVC0001";
    QTest::newRow("form create: missing channelType") << QByteArray("POST") << channels << Form
            << QByteArray("clientCorrelator=c1") << 400 << "SVC0002";
    QTest::newRow("form create: lifetime a word") << QByteArray("POST") << channels << Form
            << QByteArray("channelType=LongPolling&channelLifetime=long") << 400 << "SVC0002";
    QTest::newRow("form create: not UTF-8") << QByteArray("POST") << channels << Form
            << QByteArray("channelType=Long%FFPolling") << 400 << "SVC0001";
    QTest::newRow("form poll: repeated maxWaitTime") << QByteArray("POST") << poll << Form
            << QByteArray("maxWaitTime=1&maxWaitTime=2") << 400 << "SVC0002";
    QTest::newRow("form lifetime: not accepted") << QByteArray("PUT") << lifetime << Form
            << QByteArray("channelLifetime=60") << 415 << "SVC0001";
    QTest::newRow("callback: member name not an XML name") << QByteArray("POST") << callback
            << Json << QByteArray("{\"1bad name\":{\"x\":1}}") << 400 << "SVC0002";
    QTest::newRow("callback: control character in a value") << QByteArray("POST") << callback
            << Json << QByteArray("{\"n\":{\"x\":\"a\\u0001\"}}") << 400 << "SVC0002";
    QTest::newRow("form callback: not accepted") << QByteArray("POST") << callback << Form
            << QByteArray("a=1") << 415 << "SVC0001";
}

void tst_ChannelBadInput::rejected()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messageId);

    const TestReply reply = m_client.send(method, m_server.url(expand(path)), body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.messageId(), messageId);
}

void tst_ChannelBadInput::rejectedRequestsChangeNothing()
{
    // After the whole table the channels are as created: nothing queued, lifetimes intact.
    const TestReply channel = m_client.get(
            m_server.url(expand(QStringLiteral("/notificationchannel/v1/alice/channels/{lp}"))));
    QCOMPARE(channel.status, 200);
    QVERIFY(channel.json.value(QStringLiteral("notificationChannel")).toObject()
                    .value(QStringLiteral("channelLifetime")).toInteger() > 500);

    const TestReply poll = m_client.send(
            "POST",
            m_server.url(expand(QStringLiteral("/notificationchannel/v1/alice/channels/{lp}/notifications"))));
    QCOMPARE(poll.status, 200);
    QCOMPARE(poll.body, QByteArray("{\"notificationList\":[]}"));

    const TestReply list = m_client.get(m_server.url(QStringLiteral("/notificationchannel/v1/alice/channels")));
    QCOMPARE(list.json.value(QStringLiteral("notificationChannelList")).toObject()
                     .value(QStringLiteral("notificationChannel")).toArray().size(), 2);
}

QTEST_GUILESS_MAIN(tst_ChannelBadInput)
#include "tst_channelbadinput.moc"
