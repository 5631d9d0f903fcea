#include "omaxml.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

using namespace MarqueeTest;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QString TelUser = QStringLiteral("tel%3A%2B19585550100");
const QString AcrUser = QStringLiteral("acr%3Apseudonym123");
const QString NcNamespace = QStringLiteral("urn:oma:xml:rest:netapi:notificationchannel:1");
const QString CommonNamespace = QStringLiteral("urn:oma:xml:rest:netapi:common:1");

// Bodies of the examples, with the example hosts replaced by ours where they appear.
const QByteArray XmlLongPollingChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "  <clientCorrelator>123</clientCorrelator>\n"
        "  <applicationTag>myApp</applicationTag>\n"
        "  <channelType>LongPolling</channelType>\n"
        "  <channelData xsi:type=\"nc:LongPollingData\">\n"
        "     <maxNotifications>1</maxNotifications>\n"
        "  </channelData>\n"
        "  <channelLifetime>7200</channelLifetime>\n"
        "</nc:notificationChannel>\n");
const QByteArray JsonLongPollingChannel = QByteArrayLiteral(
        "{\"notificationChannel\": {\"applicationTag\": \"myApp\", \"channelData\": "
        "{\"maxNotifications\": \"1\"}, \"channelLifetime\": \"7200\", \"channelType\": "
        "\"LongPolling\", \"clientCorrelator\": \"123\"}}");
const QByteArray XmlOmaPushChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "  <clientCorrelator>123</clientCorrelator>\n"
        "  <applicationTag>myApp</applicationTag>\n"
        "  <channelType>OMAPush</channelType>\n"
        "  <channelData xsi:type=\"nc:OMAPushData\">\n"
        "     <appId>x-wap-application:wml.ua</appId>\n"
        "     <maxNotifications>5</maxNotifications>\n"
        "  </channelData>\n"
        "  <channelLifetime>7200</channelLifetime>\n"
        "</nc:notificationChannel>\n");
const QByteArray JsonOmaPushChannel = QByteArrayLiteral(
        "{\"notificationChannel\": {\"applicationTag\": \"myApp\", \"channelData\": "
        "{\"appId\": \"x-wap-application:wml.ua\", \"maxNotifications\": \"5\"}, "
        "\"channelLifetime\": \"7200\", \"channelType\": \"OMAPush\", \"clientCorrelator\": \"123\"}}");
const QByteArray XmlOmaPushLargeDataChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "  <clientCorrelator>987</clientCorrelator>\n"
        "  <applicationTag>myApp</applicationTag>\n"
        "  <channelType>OMAPush</channelType>\n"
        "  <channelData xsi:type=\"nc:OMAPushData\">\n"
        "     <appId>x-wap-application:wml.ua</appId>\n"
        "     <maxNotifications>1</maxNotifications>\n"
        "     <largeDataPolling>\n"
        "        <pollingEnabled>true</pollingEnabled>\n"
        "        <maxPollingNotifications>10</maxPollingNotifications>\n"
        "     </largeDataPolling>\n"
        "  </channelData>\n"
        "  <channelLifetime>7200</channelLifetime>\n"
        "</nc:notificationChannel>\n");
const QByteArray JsonNativeChannel = QByteArrayLiteral(
        "{\"notificationChannel\": {\"applicationTag\": \"myApp\", \"channelData\": "
        "{\"channelSubType\": \"APNS\", \"registrationToken\": \"abc123\", \"maxNotifications\": \"1\"}, "
        "\"channelLifetime\": \"7200\", \"channelType\": \"NativeChannel\", \"clientCorrelator\": \"123\"}}");
const QByteArray JsonOmaPushLargeDataChannel = QByteArrayLiteral(
        "{\"notificationChannel\": {\"applicationTag\": \"myApp\", \"channelData\": "
        "{\"appId\": \"x-wap-application:wml.ua\", \"largeDataPolling\": {\"maxPollingNotifications\": "
        "\"10\", \"pollingEnabled\": \"true\"}, \"maxNotifications\": \"1\"}, "
        "\"channelLifetime\": \"7200\", \"channelType\": \"OMAPush\", \"clientCorrelator\": \"123\"}}");
const QByteArray XmlWebSocketsChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "   <clientCorrelator>987</clientCorrelator>\n"
        "   <applicationTag>myApp</applicationTag>\n"
        "   <channelType>WebSockets</channelType>\n"
        "   <channelData xsi:type=\"nc:WebSocketsData\">\n"
        "      <maxNotifications>5</maxNotifications>\n"
        "   </channelData>\n"
        "   <channelLifetime>7200</channelLifetime>\n"
        "</nc:notificationChannel>\n");
const QByteArray JsonWebSocketsChannel = QByteArrayLiteral(
        "{\"notificationChannel\": {\"applicationTag\": \"myApp\", \"channelData\": "
        "{\"maxNotifications\": \"5\"}, \"channelLifetime\": \"7200\", \"channelType\": "
        "\"WebSockets\", \"clientCorrelator\": \"987\"}}");
const QByteArray XmlNativeChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "  <clientCorrelator>123</clientCorrelator>\n"
        "  <applicationTag>myApp</applicationTag>\n"
        "  <channelType>NativeChannel</channelType>\n"
        "  <channelData xsi:type=\"nc:NativeChannelData\">\n"
        "     <channelSubType>APNS</channelSubType>\n"
        "     <registrationToken>abc123</registrationToken>\n"
        "     <maxNotifications>1</maxNotifications>\n"
        "  </channelData>\n"
        "  <channelLifetime>7200</channelLifetime>\n"
        "</nc:notificationChannel>\n");
const QByteArray FormLongPollingChannel = QByteArrayLiteral(
        "clientCorrelator=123&\napplicationTag=myApp&\nchannelType=LongPolling&\n"
        "maxNotifications=1&\nchannelLifetime=7200\n");
const QByteArray FormOmaPushChannel = QByteArrayLiteral(
        "clientCorrelator=123&\napplicationTag=myApp&\nchannelType=OMAPush&\n"
        "appId=x-wap-application%3Awml.ua&\nmaxNotifications=5&\nchannelLifetime=7200\n");

const QByteArray XmlPollParameters = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:longPollingRequestParameters xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>\n");
const QByteArray JsonPollParameters = QByteArrayLiteral("{\"longPollingRequestParameters\": null}");
// The form example spells the field this way; the server ignores unknown fields.
const QByteArray FormPollParameters = QByteArrayLiteral("longPollingRequestParmeters=");

const QByteArray XmlPresence = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<pr:presenceNotification xmlns:pr=\"urn:oma:xml:rest:netapi:presence:1\">\n"
        " <presentityUserId>tel:+19585550100</presentityUserId>\n"
        " <callbackData>1234</callbackData>\n"
        " <resourceStatus>Active</resourceStatus>\n"
        " <presence><person><mood><moodValue>Happy</moodValue></mood></person></presence>\n"
        " <link rel=\"PresenceSubscription\" href=\"http://127.0.0.1/presence/sub001\"/>\n"
        "</pr:presenceNotification>\n");
const QByteArray JsonPresence = QByteArrayLiteral(
        "{\"presenceNotification\": {\"callbackData\": \"1234\", \"link\": {\"href\": "
        "\"http://127.0.0.1/presence/sub001\", \"rel\": \"PresenceSubscription\"}, \"presence\": "
        "{\"person\": {\"mood\": {\"moodValue\": \"Happy\"}}}, \"presentityUserId\": "
        "\"tel:+19585550100\", \"resourceStatus\": \"Active\"}}");
const QByteArray XmlInboundMessage = QByteArrayLiteral(
        "<mms:inboundMessageNotification xmlns:mms=\"urn:oma:xml:rest:netapi:messaging:1\">\n"
        "  <inboundMessage>\n"
        "    <destinationAddress>tel:+19585550100</destinationAddress>\n"
        "    <senderAddress>tel:+19585550101</senderAddress>\n"
        "    <messageId>msg123</messageId>\n"
        "    <inboundMMSMessage><subject>Who is RESTing on the beach?</subject></inboundMMSMessage>\n"
        "  </inboundMessage>\n"
        "</mms:inboundMessageNotification>\n");
const QByteArray JsonInboundMessage = QByteArrayLiteral(
        "{\"inboundMessageNotification\": {\"inboundMessage\": {\"destinationAddress\": "
        "\"tel:+19585550100\", \"inboundMMSMessage\": {\"subject\": \"Who is RESTing on the beach?\"}, "
        "\"messageId\": \"msg123\", \"senderAddress\": \"tel:+19585550101\"}}}");

// What a row needs before its request: nothing, or a LongPolling channel of the user, or
// such a channel with the notifications of the row already posted to its callbackURL.
enum class Setup { None, Channel, ChannelWithNotifications };

struct Notification
{
    QByteArray contentType;
    QByteArray body;
};

// A value in a response tree by a dotted path, where a number selects an array item and
// "#" counts the items (an object counts 1, null or absence 0). Leaves compare as text, so
// JSON numbers and XML strings compare alike.
QString valueAt(const QJsonValue &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &step : path.split(u'.')) {
        if (step == u"#") {
            if (value.isArray())
                return QString::number(value.toArray().size());
            return QString::number(value.isObject() ? 1 : 0);
        }
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        if (isIndex && value.isArray())
            value = value.toArray().at(index);
        else if (isIndex && index == 0 && value.isObject())
            continue;
        else
            value = value.toObject().value(step);
    }
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    return value.toString();
}

} // namespace

// Every request and response example of the Notification Channel specification's
// sections 6.1 to 6.4 and Appendices C and D, adapted to this server's URLs, in each
// format the specification shows. Where the server deliberately differs (a notification
// is always delivered inside a notificationList, which is always an array in JSON; an
// unsupported channel type is 403 as section 7.2.1 specifies), the row states the server's
// behaviour.
class tst_ChannelSpecExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void example_data();
    void example();

private:
    // Creates a LongPolling channel for the user and returns its resourceURL and
    // callbackURL.
    QPair<QUrl, QUrl> createChannel(const QString &user, int maxNotifications);

    TestServer m_server;
    TestClient m_client;
};

void tst_ChannelSpecExamples::initTestCase()
{
    // A short hold, so the server-timeout example answers quickly.
    m_server.config().longPollTimeoutMs = 500;
    QVERIFY(m_server.start());
}

QPair<QUrl, QUrl> tst_ChannelSpecExamples::createChannel(const QString &user, int maxNotifications)
{
    const QByteArray body = QByteArrayLiteral(
            "{\"notificationChannel\":{\"channelType\":\"LongPolling\",\"channelData\":"
            "{\"maxNotifications\":") + QByteArray::number(maxNotifications) + "}}}";
    const TestReply created = m_client.send(
            "POST", m_server.url(QStringLiteral("/notificationchannel/v1/%1/channels").arg(user)),
            body);
    const QJsonObject channel = created.json.value(QStringLiteral("notificationChannel")).toObject();
    return {QUrl(channel.value(QStringLiteral("resourceURL")).toString()),
            QUrl(channel.value(QStringLiteral("callbackURL")).toString())};
}

void tst_ChannelSpecExamples::example_data()
{
    QTest::addColumn<QByteArray>("method");
    // "channels", or a path below the channel created by the setup: "", "/notifications",
    // "/channelLifetime".
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("setup");
    QTest::addColumn<QList<Notification>>("notifications");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    // The root element of the response body, as namespace and local name; empty for none.
    QTest::addColumn<QString>("rootNamespace");
    QTest::addColumn<QString>("root");
    // "path=value" checks on the response tree (see valueAt()).
    QTest::addColumn<QStringList>("checks");
    QTest::addColumn<QByteArray>("allow");

    const QByteArray xml("application/xml");
    const QByteArray json("application/json");
    const QByteArray form("application/x-www-form-urlencoded");
    const int none = int(Setup::None);
    const int channel = int(Setup::Channel);
    const int queued = int(Setup::ChannelWithNotifications);
    const QList<Notification> noNotifications;
    const QList<Notification> xmlPresence{{xml, XmlPresence}};
    const QList<Notification> jsonPresence{{json, JsonPresence}};
    const QList<Notification> threeNotifications{
            {xml, XmlPresence}, {xml, XmlInboundMessage}, {json, JsonInboundMessage}};

    const QStringList createdLongPolling{
            QStringLiteral("notificationChannel.clientCorrelator=123"),
            QStringLiteral("notificationChannel.applicationTag=myApp"),
            QStringLiteral("notificationChannel.channelType=LongPolling"),
            QStringLiteral("notificationChannel.channelData.maxNotifications=1"),
            QStringLiteral("notificationChannel.channelLifetime=7200")};
    const QStringList pushRejected{
            QStringLiteral("requestError.policyException.messageId=POL1023"),
            QStringLiteral("requestError.policyException.variables.0=OMAPush")};

    // 6.1.3.1 and D.1: the list of channels.
    QTest::newRow("6.1.3.1 list channels, XML")
            << QByteArray("GET") << "channels" << TelUser << channel << noNotifications
            << QByteArray() << xml << QByteArray() << 200 << NcNamespace
            << "notificationChannelList"
            << QStringList{QStringLiteral("notificationChannelList.notificationChannel.0.channelType=LongPolling")}
            << QByteArray();
    QTest::newRow("D.1 list channels, JSON")
            << QByteArray("GET") << "channels" << TelUser << channel << noNotifications
            << QByteArray() << json << QByteArray() << 200 << QString() << "notificationChannelList"
            << QStringList{QStringLiteral("notificationChannelList.notificationChannel.0.channelType=LongPolling")}
            << QByteArray();
    QTest::newRow("6.1.4 PUT on channels") << QByteArray("PUT") << "channels" << TelUser << none
            << noNotifications << xml << xml << XmlLongPollingChannel << 405 << CommonNamespace
            << "requestError" << QStringList() << QByteArray("GET, POST");

    // 6.1.5.1 to 6.1.5.8 and D.2 to D.9: creation.
    QTest::newRow("6.1.5.1 create LongPolling, tel URI, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlLongPollingChannel << 201 << NcNamespace << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("D.2 create LongPolling, tel URI, JSON")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << json
            << json << JsonLongPollingChannel << 201 << QString() << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("6.1.5.2 create OMAPush, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlOmaPushChannel << 403 << CommonNamespace << "requestError" << pushRejected
            << QByteArray();
    QTest::newRow("D.3 create OMAPush, JSON")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << json
            << json << JsonOmaPushChannel << 403 << QString() << "requestError" << pushRejected
            << QByteArray();
    QTest::newRow("D.4 create OMAPush with large data polling, JSON")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << json
            << json << JsonOmaPushLargeDataChannel << 403 << QString() << "requestError"
            << pushRejected << QByteArray();
    QTest::newRow("6.1.5.5 create LongPolling, ACR, XML")
            << QByteArray("POST") << "channels" << AcrUser << none << noNotifications << xml << xml
            << XmlLongPollingChannel << 201 << NcNamespace << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("D.6 create LongPolling, ACR, JSON")
            << QByteArray("POST") << "channels" << AcrUser << none << noNotifications << json
            << json << JsonLongPollingChannel << 201 << QString() << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("6.1.5.6 create WebSockets, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlWebSocketsChannel << 201 << NcNamespace << "notificationChannel"
            << QStringList{QStringLiteral("notificationChannel.channelType=WebSockets"),
                           QStringLiteral("notificationChannel.channelData.maxNotifications=5")}
            << QByteArray();
    QTest::newRow("D.7 create WebSockets, JSON")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << json
            << json << JsonWebSocketsChannel << 201 << QString() << "notificationChannel"
            << QStringList{QStringLiteral("notificationChannel.channelType=WebSockets"),
                           QStringLiteral("notificationChannel.clientCorrelator=987")}
            << QByteArray();
    QTest::newRow("6.1.5.3 create OMAPush with large data polling, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlOmaPushLargeDataChannel << 403 << CommonNamespace << "requestError"
            << pushRejected << QByteArray();
    QTest::newRow("6.1.5.4 and D.5 large data polling not supported, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlOmaPushLargeDataChannel << 403 << CommonNamespace << "requestError"
            << pushRejected << QByteArray();
    // The examples of an unsupported type use LongPolling, which this server supports:
    // the request creates the channel.
    QTest::newRow("6.1.5.7 LongPolling is supported here, XML")
            << QByteArray("POST") << "channels" << QStringLiteral("tel%3A%2B19585550157") << none
            << noNotifications << xml << xml << XmlLongPollingChannel << 201 << NcNamespace
            << "notificationChannel" << createdLongPolling << QByteArray();
    QTest::newRow("D.8 LongPolling is supported here, JSON")
            << QByteArray("POST") << "channels" << QStringLiteral("tel%3A%2B19585550158") << none
            << noNotifications << json << json << JsonLongPollingChannel << 201 << QString()
            << "notificationChannel" << createdLongPolling << QByteArray();
    const QStringList nativeRejected{
            QStringLiteral("requestError.policyException.messageId=POL1023"),
            QStringLiteral("requestError.policyException.variables.0=NativeChannel"),
            QStringLiteral("requestError.policyException.variables.1=WebSockets, LongPolling")};
    QTest::newRow("6.1.5.8 create NativeChannel, XML")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << xml << xml
            << XmlNativeChannel << 403 << CommonNamespace << "requestError" << nativeRejected
            << QByteArray();
    QTest::newRow("D.9 create NativeChannel, JSON")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << json
            << json << JsonNativeChannel << 403 << QString() << "requestError" << nativeRejected
            << QByteArray();
    QTest::newRow("6.1.6 DELETE on channels") << QByteArray("DELETE") << "channels" << TelUser
            << none << noNotifications << QByteArray() << xml << QByteArray() << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("GET, POST");

    // 6.2 and D.10, D.11: one channel.
    QTest::newRow("6.2.3.1 read a channel, XML")
            << QByteArray("GET") << "" << TelUser << channel << noNotifications << QByteArray()
            << xml << QByteArray() << 200 << NcNamespace << "notificationChannel"
            << QStringList{QStringLiteral("notificationChannel.channelType=LongPolling")}
            << QByteArray();
    QTest::newRow("D.10 read a channel, JSON")
            << QByteArray("GET") << "" << TelUser << channel << noNotifications << QByteArray()
            << json << QByteArray() << 200 << QString() << "notificationChannel"
            << QStringList{QStringLiteral("notificationChannel.channelType=LongPolling")}
            << QByteArray();
    QTest::newRow("6.2.4 PUT on a channel") << QByteArray("PUT") << "" << TelUser << channel
            << noNotifications << xml << xml << XmlLongPollingChannel << 405 << CommonNamespace
            << "requestError" << QStringList() << QByteArray("GET, DELETE");
    QTest::newRow("6.2.5 POST on a channel") << QByteArray("POST") << "" << TelUser << channel
            << noNotifications << xml << xml << XmlLongPollingChannel << 405 << CommonNamespace
            << "requestError" << QStringList() << QByteArray("GET, DELETE");
    QTest::newRow("6.2.6.1 and D.11 delete a channel")
            << QByteArray("DELETE") << "" << TelUser << channel << noNotifications << QByteArray()
            << xml << QByteArray() << 204 << QString() << QString() << QStringList() << QByteArray();

    // 6.3 and D.12 to D.15: the long poll.
    QTest::newRow("6.3.3 GET on the channelURL") << QByteArray("GET") << "/notifications"
            << TelUser << channel << noNotifications << QByteArray() << xml << QByteArray() << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("POST");
    QTest::newRow("6.3.4 PUT on the channelURL") << QByteArray("PUT") << "/notifications"
            << TelUser << channel << noNotifications << xml << xml << XmlPollParameters << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("POST");
    QTest::newRow("6.3.6 DELETE on the channelURL") << QByteArray("DELETE") << "/notifications"
            << TelUser << channel << noNotifications << QByteArray() << xml << QByteArray() << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("POST");
    QTest::newRow("6.3.5.1 one notification in a list, XML")
            << QByteArray("POST") << "/notifications" << TelUser << queued << xmlPresence << xml
            << xml << XmlPollParameters << 200 << NcNamespace << "notificationList"
            << QStringList{QStringLiteral("notificationList.presenceNotification.callbackData=1234"),
                           QStringLiteral("notificationList.presenceNotification.link.rel=PresenceSubscription")}
            << QByteArray();
    QTest::newRow("D.12 one notification in a list, JSON array")
            << QByteArray("POST") << "/notifications" << TelUser << queued << jsonPresence << json
            << json << JsonPollParameters << 200 << QString() << "notificationList"
            << QStringList{QStringLiteral("notificationList.#=1"),
                           QStringLiteral("notificationList.0.presenceNotification.callbackData=1234")}
            << QByteArray();
    QTest::newRow("6.3.5.2 several notifications, XML")
            << QByteArray("POST") << "/notifications" << TelUser << queued << threeNotifications
            << xml << xml << XmlPollParameters << 200 << NcNamespace << "notificationList"
            << QStringList{QStringLiteral("notificationList.presenceNotification.callbackData=1234"),
                           QStringLiteral("notificationList.inboundMessageNotification.#=2")}
            << QByteArray();
    QTest::newRow("D.13 several notifications, JSON, in order")
            << QByteArray("POST") << "/notifications" << TelUser << queued << threeNotifications
            << json << json << JsonPollParameters << 200 << QString() << "notificationList"
            << QStringList{QStringLiteral("notificationList.#=3"),
                           QStringLiteral("notificationList.0.presenceNotification.callbackData=1234"),
                           QStringLiteral("notificationList.1.inboundMessageNotification.inboundMessage.messageId=msg123"),
                           QStringLiteral("notificationList.2.inboundMessageNotification.inboundMessage.messageId=msg123")}
            << QByteArray();
    QTest::newRow("6.3.5.3 server timeout, XML")
            << QByteArray("POST") << "/notifications" << TelUser << channel << noNotifications
            << xml << xml << XmlPollParameters << 200 << NcNamespace << "notificationList"
            << QStringList{QStringLiteral("notificationList=null")} << QByteArray();
    QTest::newRow("D.14 server timeout, JSON empty array")
            << QByteArray("POST") << "/notifications" << TelUser << channel << noNotifications
            << json << json << JsonPollParameters << 200 << QString() << "notificationList"
            << QStringList{QStringLiteral("notificationList.#=0")} << QByteArray();
    QTest::newRow("6.3.5.4 and D.15 a single notification still comes in a list")
            << QByteArray("POST") << "/notifications" << TelUser << queued << jsonPresence << json
            << json << JsonPollParameters << 200 << QString() << "notificationList"
            << QStringList{QStringLiteral("notificationList.#=1")} << QByteArray();

    // 6.4 and D.16, D.17: the channel lifetime.
    QTest::newRow("6.4.3.1 remaining lifetime, XML")
            << QByteArray("GET") << "/channelLifetime" << TelUser << channel << noNotifications
            << QByteArray() << xml << QByteArray() << 200 << NcNamespace
            << "notificationChannelLifetime" << QStringList() << QByteArray();
    QTest::newRow("D.16 remaining lifetime, JSON")
            << QByteArray("GET") << "/channelLifetime" << TelUser << channel << noNotifications
            << QByteArray() << json << QByteArray() << 200 << QString()
            << "notificationChannelLifetime" << QStringList() << QByteArray();
    QTest::newRow("6.4.4.1 refresh the lifetime, XML")
            << QByteArray("PUT") << "/channelLifetime" << TelUser << channel << noNotifications
            << xml << xml
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nc:notificationChannelLifetime "
                          "xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">\n"
                          " <channelLifetime>7200</channelLifetime>\n</nc:notificationChannelLifetime>\n")
            << 200 << NcNamespace << "notificationChannelLifetime"
            << QStringList{QStringLiteral("notificationChannelLifetime.channelLifetime=7200")}
            << QByteArray();
    QTest::newRow("D.17 refresh the lifetime, JSON")
            << QByteArray("PUT") << "/channelLifetime" << TelUser << channel << noNotifications
            << json << json << QByteArray("{\"notificationChannelLifetime\": {\"channelLifetime\": \"7200\"}}")
            << 200 << QString() << "notificationChannelLifetime"
            << QStringList{QStringLiteral("notificationChannelLifetime.channelLifetime=7200")}
            << QByteArray();
    QTest::newRow("6.4.5 POST on the lifetime") << QByteArray("POST") << "/channelLifetime"
            << TelUser << channel << noNotifications << QByteArray() << xml << QByteArray() << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("GET, PUT");
    QTest::newRow("6.4.6 DELETE on the lifetime") << QByteArray("DELETE") << "/channelLifetime"
            << TelUser << channel << noNotifications << QByteArray() << xml << QByteArray() << 405
            << CommonNamespace << "requestError" << QStringList() << QByteArray("GET, PUT");

    // Appendix C: form bodies, with XML responses.
    // Users of their own, so the clientCorrelator 123 of the XML and JSON examples does
    // not return their channels.
    QTest::newRow("C.1.1 create LongPolling, form")
            << QByteArray("POST") << "channels" << QStringLiteral("tel%3A%2B19585550199") << none << noNotifications << form << xml
            << FormLongPollingChannel << 201 << NcNamespace << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("C.1.2 create OMAPush, form")
            << QByteArray("POST") << "channels" << TelUser << none << noNotifications << form << xml
            << FormOmaPushChannel << 403 << CommonNamespace << "requestError" << pushRejected
            << QByteArray();
    QTest::newRow("C.1.3 create LongPolling, ACR, form")
            << QByteArray("POST") << "channels" << QStringLiteral("acr%3Apseudonym124") << none << noNotifications << form << xml
            << FormLongPollingChannel << 201 << NcNamespace << "notificationChannel"
            << createdLongPolling << QByteArray();
    QTest::newRow("C.2.1 and C.2.2 poll, form")
            << QByteArray("POST") << "/notifications" << TelUser << queued << xmlPresence << form
            << xml << FormPollParameters << 200 << NcNamespace << "notificationList"
            << QStringList{QStringLiteral("notificationList.presenceNotification.presentityUserId=tel:+19585550100")}
            << QByteArray();
}

void tst_ChannelSpecExamples::example()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QString, user);
    QFETCH(int, setup);
    QFETCH(QList<Notification>, notifications);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, accept);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, rootNamespace);
    QFETCH(QString, root);
    QFETCH(QStringList, checks);
    QFETCH(QByteArray, allow);

    QUrl url = m_server.url(QStringLiteral("/notificationchannel/v1/%1/channels").arg(user));
    if (setup != int(Setup::None)) {
        const auto [resourceURL, callbackURL] = createChannel(user, 5);
        QVERIFY(resourceURL.isValid() && !resourceURL.isEmpty());
        for (const Notification &notification : std::as_const(notifications)) {
            const TestReply posted =
                    m_client.send("POST", callbackURL, notification.body, notification.contentType);
            QCOMPARE(posted.status, 204);
        }
        if (target != u"channels")
            url = QUrl(resourceURL.toString() + target);
    }

    const TestReply reply = m_client.send(method, url, body, contentType, {{"Accept", accept}});
    QCOMPARE(reply.status, status);
    if (!allow.isEmpty())
        QCOMPARE(reply.header("Allow"), allow);
    if (root.isEmpty()) {
        QVERIFY(reply.body.isEmpty());
        return;
    }
    if (status == 201)
        QVERIFY(!reply.header("Location").isEmpty());

    QJsonObject tree;
    if (accept == "application/xml") {
        QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/xml"));
        QXmlStreamReader reader(reply.body);
        while (!reader.atEnd() && reader.readNext() != QXmlStreamReader::StartElement) { }
        QCOMPARE(reader.namespaceUri().toString(), rootNamespace);
        const Marquee::Result<QJsonObject> converted = Marquee::OmaXml::toJson(reply.body);
        QVERIFY2(converted, reply.body.constData());
        tree = converted.value();
    } else {
        QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/json"));
        tree = reply.json;
    }
    QCOMPARE(tree.keys(), QStringList{root});

    for (const QString &check : std::as_const(checks)) {
        const qsizetype equals = check.indexOf(u'=');
        QCOMPARE(valueAt(tree, check.left(equals)), check.mid(equals + 1));
    }
}

QTEST_GUILESS_MAIN(tst_ChannelSpecExamples)
#include "tst_channelspecexamples.moc"
