#include "formbody.h"
#include "notificationlist.h"
#include "notificationchannel.h"
#include "omaxml.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QXmlStreamReader>

using namespace Marquee;

namespace {

const QByteArray XmlDeclaration = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
const QByteArray NcNamespaces = QByteArrayLiteral(
        "xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("Invalid JSON in a test row: %s", json.constData());
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// The XML and form codecs: JSON to XML as the server writes it, XML and form bodies to
// the JSON tree the decoders read.
class tst_FormatCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xmlFromJson_data();
    void xmlFromJson();
    void xmlToJson_data();
    void xmlToJson();
    void xmlToJsonRejects_data();
    void xmlToJsonRejects();
    void xmlChannelDecodesLikeJson();
    void xmlRoundTrip();

    void formToJson_data();
    void formToJson();
    void formRejects_data();
    void formRejects();

    void notificationListSplit_data();
    void notificationListSplit();
    void notificationListSplitRejects_data();
    void notificationListSplitRejects();
    void notificationListXmlKeepsNamespaces();
    void notificationListJsonIsAlwaysAnArray();
    void notificationListItemsInAnyNamespace();
    void exactJsonFollowsVocabulary();
    void exactJsonMovieMatchesJsonForm();
    void xmlCompatibility_data();
    void xmlCompatibility();
    void unwritableCharactersReplaced();
};

void tst_FormatCodecs::xmlFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("xml");

    // Members arrive sorted by name in a QJsonObject; the XSD order must come back.
    QTest::newRow("channel in schema order, with xsi:type")
            << QByteArray("{\"notificationChannel\":{\"resourceURL\":\"http://h/c/1\","
                          "\"callbackURL\":\"http://h/cb/1\",\"channelLifetime\":7200,"
                          "\"channelData\":{\"maxNotifications\":1,\"channelURL\":\"http://h/c/1/n\"},"
                          "\"channelType\":\"LongPolling\",\"applicationTag\":\"myApp\","
                          "\"clientCorrelator\":\"123\"}}")
            << XmlDeclaration + "<nc:notificationChannel " + NcNamespaces
                    + "><clientCorrelator>123</clientCorrelator><applicationTag>myApp</applicationTag>"
                      "<channelType>LongPolling</channelType>"
                      "<channelData xsi:type=\"nc:LongPollingData\"><channelURL>http://h/c/1/n</channelURL>"
                      "<maxNotifications>1</maxNotifications></channelData>"
                      "<channelLifetime>7200</channelLifetime><callbackURL>http://h/cb/1</callbackURL>"
                      "<resourceURL>http://h/c/1</resourceURL></nc:notificationChannel>";
    QTest::newRow("list items repeat the element")
            << QByteArray("{\"notificationChannelList\":{\"notificationChannel\":[{\"channelType\":\"WebSockets\"},"
                          "{\"channelType\":\"LongPolling\"}],\"resourceURL\":\"http://h/c\"}}")
            << XmlDeclaration + "<nc:notificationChannelList " + NcNamespaces
                    + "><notificationChannel><channelType>WebSockets</channelType></notificationChannel>"
                      "<notificationChannel><channelType>LongPolling</channelType></notificationChannel>"
                      "<resourceURL>http://h/c</resourceURL></nc:notificationChannelList>";
    QTest::newRow("lifetime")
            << QByteArray("{\"notificationChannelLifetime\":{\"channelLifetime\":1724}}")
            << XmlDeclaration + "<nc:notificationChannelLifetime " + NcNamespaces
                    + "><channelLifetime>1724</channelLifetime></nc:notificationChannelLifetime>";
    QTest::newRow("empty list of notifications")
            << QByteArray("{\"notificationList\":[]}")
            << XmlDeclaration + "<nc:notificationList " + NcNamespaces + "/>";
    QTest::newRow("notifications keep their own namespace")
            << QByteArray("{\"notificationList\":[{\"nmsEventList\":{\"index\":3,"
                          "\"link\":[{\"rel\":\"NmsSubscription\",\"href\":\"http://h/s/1\"}],"
                          "\"nmsEvent\":[{\"resetBox\":null}],\"callbackData\":\"abc\"}}]}")
            << XmlDeclaration + "<nc:notificationList " + NcNamespaces
                    + " xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><nms:nmsEventList>"
                      "<nmsEvent><resetBox/></nmsEvent><callbackData>abc</callbackData>"
                      "<index>3</index><link rel=\"NmsSubscription\" href=\"http://h/s/1\"/>"
                      "</nms:nmsEventList></nc:notificationList>";
    QTest::newRow("movie extension in its own namespace")
            << QByteArray("{\"nmsEventList\":{\"nmsEvent\":[{\"changedObject\":{\"resourceURL\":\"http://h/m/1\","
                          "\"parentFolder\":\"http://h/f\",\"flags\":{\"flag\":[]},"
                          "\"movie\":{\"title\":\"T\"}}}]}}")
            << XmlDeclaration
                    + "<nms:nmsEventList xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><nmsEvent><changedObject>"
                      "<parentFolder>http://h/f</parentFolder><flags/>"
                      "<resourceURL>http://h/m/1</resourceURL>"
                      "<mq:movie xmlns:mq=\"urn:marquee:xml:movies:1\"><title>T</title></mq:movie>"
                      "</changedObject></nmsEvent></nms:nmsEventList>";
    QTest::newRow("request error in the common namespace")
            << QByteArray("{\"requestError\":{\"serviceException\":{\"variables\":[\"a\",\"b\"],"
                          "\"text\":\"Invalid input value for message part %1\",\"messageId\":\"SVC0002\"}}}")
            << XmlDeclaration
                    + "<common:requestError xmlns:common=\"urn:oma:xml:rest:netapi:common:1\">"
                      "<serviceException><messageId>SVC0002</messageId>"
                      "<text>Invalid input value for message part %1</text>"
                      "<variables>a</variables><variables>b</variables></serviceException>"
                      "</common:requestError>";
    QTest::newRow("booleans, fractions and escaping")
            << QByteArray("{\"unknownRoot\":{\"flag\":true,\"ratio\":0.5,\"text\":\"a<b&c\"}}")
            << XmlDeclaration
                    + "<unknownRoot><flag>true</flag><ratio>0.5</ratio><text>a&lt;b&amp;c</text>"
                      "</unknownRoot>";
}

void tst_FormatCodecs::xmlFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, xml);

    // The writer ends the document with a line break.
    QCOMPARE(OmaXml::fromJson(parse(json)), xml + '\n');
}

void tst_FormatCodecs::xmlToJson_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("channel create request, as in the specification")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
                          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                          "  <clientCorrelator>123</clientCorrelator>\n"
                          "  <applicationTag>myApp</applicationTag>\n"
                          "  <channelType>LongPolling</channelType>\n"
                          "  <channelData xsi:type=\"nc:LongPollingData\">\n"
                          "     <maxNotifications>1</maxNotifications>\n"
                          "  </channelData>\n"
                          "  <channelLifetime>7200</channelLifetime>\n"
                          "</nc:notificationChannel>\n")
            << QByteArray("{\"notificationChannel\":{\"applicationTag\":\"myApp\","
                          "\"channelData\":{\"maxNotifications\":\"1\"},\"channelLifetime\":\"7200\","
                          "\"channelType\":\"LongPolling\",\"clientCorrelator\":\"123\"}}");
    QTest::newRow("empty long-poll parameters")
            << QByteArray("<nc:longPollingRequestParameters "
                          "xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"/>")
            << QByteArray("{\"longPollingRequestParameters\":null}");
    QTest::newRow("repeated elements become an array")
            << QByteArray("<a><v>1</v><w/><v>2</v></a>")
            << QByteArray("{\"a\":{\"v\":[\"1\",\"2\"],\"w\":null}}");
    QTest::newRow("attributes become members")
            << QByteArray("<a><link rel=\"R\" href=\"http://h/\"/></a>")
            << QByteArray("{\"a\":{\"link\":{\"href\":\"http://h/\",\"rel\":\"R\"}}}");
    QTest::newRow("xsi:nil is null")
            << QByteArray("<a xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                          "<v xsi:nil=\"true\"/></a>")
            << QByteArray("{\"a\":{\"v\":null}}");
    QTest::newRow("entities, CDATA and comments")
            << QByteArray("<a><v>x &amp; y<![CDATA[ <z>]]></v><!-- note --></a>")
            << QByteArray("{\"a\":{\"v\":\"x & y <z>\"}}");
    QTest::newRow("unknown root in any namespace")
            << QByteArray("<p:other xmlns:p=\"urn:example\"><v>1</v></p:other>")
            << QByteArray("{\"other\":{\"v\":\"1\"}}");
}

void tst_FormatCodecs::xmlToJson()
{
    QFETCH(QByteArray, xml);
    QFETCH(QByteArray, json);

    const Result<QJsonObject> decoded = OmaXml::toJson(xml);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message()));
    QCOMPARE(compact(decoded.value()), json);
}

void tst_FormatCodecs::xmlToJsonRejects_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("fault");

    QTest::newRow("empty") << QByteArray("") << QStringLiteral("no root element");
    QTest::newRow("only a declaration")
            << QByteArray("<?xml version=\"1.0\"?>") << QStringLiteral("line");
    QTest::newRow("truncated")
            << QByteArray("<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">"
                          "<channelType>WebSo")
            << QStringLiteral("line");
    QTest::newRow("mismatched tags") << QByteArray("<a><b></a></b>") << QStringLiteral("line");
    QTest::newRow("two roots") << QByteArray("<a/><b/>") << QStringLiteral("line");
    QTest::newRow("document type declaration")
            << QByteArray("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")
            << QStringLiteral("document type declarations");
    QTest::newRow("known root without namespace")
            << QByteArray("<notificationChannel><channelType>WebSockets</channelType></notificationChannel>")
            << QStringLiteral("must be in the namespace urn:oma:xml:rest:netapi:notificationchannel:1");
    QTest::newRow("known root in another namespace")
            << QByteArray("<nms:notificationChannel xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"/>")
            << QStringLiteral("not in urn:oma:xml:rest:netapi:nms:1");
    QTest::newRow("mixed content") << QByteArray("<a>text<b/></a>") << QStringLiteral("mixes text");
    QTest::newRow("nested too deep")
            << QByteArray(QByteArray("<a>").repeated(40) + QByteArray("</a>").repeated(40))
            << QStringLiteral("nested deeper");
    QTest::newRow("not XML") << QByteArray("{\"a\":1}") << QStringLiteral("line");
}

void tst_FormatCodecs::xmlToJsonRejects()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, fault);

    const Result<QJsonObject> decoded = OmaXml::toJson(xml);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().messageId, QStringLiteral("SVC0001"));
    QVERIFY2(decoded.error().message().contains(fault), qPrintable(decoded.error().message()));
}

void tst_FormatCodecs::xmlChannelDecodesLikeJson()
{
    const Result<QJsonObject> tree = OmaXml::toJson(
            "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            "<clientCorrelator>123</clientCorrelator><channelType>WebSockets</channelType>"
            "<channelData xsi:type=\"nc:WebSocketsData\"><maxNotifications>4</maxNotifications>"
            "</channelData><channelLifetime>7200</channelLifetime></nc:notificationChannel>");
    QVERIFY(tree);

    const Result<NotificationChannel> channel = NotificationChannel::fromJson(tree.value());
    QVERIFY2(channel, qPrintable(channel ? QString() : channel.error().message()));
    QCOMPARE(channel->channelType, QStringLiteral("WebSockets"));
    QCOMPARE(channel->clientCorrelator, QStringLiteral("123"));
    QCOMPARE(channel->maxNotifications, 4);
    QCOMPARE(channel->channelLifetime, 7200);
}

void tst_FormatCodecs::xmlRoundTrip()
{
    NotificationChannel channel;
    channel.channelType = QStringLiteral("WebSockets");
    channel.clientCorrelator = QStringLiteral("c<1>");
    channel.maxNotifications = 5;
    channel.channelLifetime = 60;
    channel.channelURL = QUrl(QStringLiteral("ws://127.0.0.1:1/x"));

    const QByteArray xml = OmaXml::fromJson(channel.toJson());
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));

    const Result<QJsonObject> tree = OmaXml::toJson(xml);
    QVERIFY(tree);
    const Result<NotificationChannel> decoded = NotificationChannel::fromJson(tree.value());
    QVERIFY(decoded);
    QCOMPARE(decoded->clientCorrelator, channel.clientCorrelator);
    QCOMPARE(decoded->maxNotifications, channel.maxNotifications);
    QCOMPARE(decoded->channelLifetime, channel.channelLifetime);
}

void tst_FormatCodecs::formToJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("channel create, broken over lines as in the specification")
            << QByteArray("clientCorrelator=123&\napplicationTag=myApp&\nchannelType=LongPolling&\n"
                          "maxNotifications=1&\nchannelLifetime=7200\n")
            << QByteArray("{\"notificationChannel\":{\"applicationTag\":\"myApp\","
                          "\"channelData\":{\"maxNotifications\":\"1\"},\"channelLifetime\":\"7200\","
                          "\"channelType\":\"LongPolling\",\"clientCorrelator\":\"123\"}}");
    QTest::newRow("plus and percent escapes")
            << QByteArray("applicationTag=my+app%26co&clientCorrelator=%E2%9C%93")
            << QByteArray("{\"notificationChannel\":{\"applicationTag\":\"my app&co\","
                          "\"clientCorrelator\":\"\u2713\"}}");
    QTest::newRow("unknown fields are ignored")
            << QByteArray("channelType=LongPolling&colour=blue")
            << QByteArray("{\"notificationChannel\":{\"channelType\":\"LongPolling\"}}");
    QTest::newRow("empty body") << QByteArray("")
                                << QByteArray("{\"notificationChannel\":null}");
    QTest::newRow("field without a value")
            << QByteArray("applicationTag&channelType=LongPolling")
            << QByteArray("{\"notificationChannel\":{\"applicationTag\":\"\","
                          "\"channelType\":\"LongPolling\"}}");
}

void tst_FormatCodecs::formToJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, json);

    const QList<FormField> fields{
            {QStringLiteral("clientCorrelator"), {QStringLiteral("clientCorrelator")}},
            {QStringLiteral("applicationTag"), {QStringLiteral("applicationTag")}},
            {QStringLiteral("channelType"), {QStringLiteral("channelType")}},
            {QStringLiteral("channelLifetime"), {QStringLiteral("channelLifetime")}},
            {QStringLiteral("maxNotifications"),
             {QStringLiteral("channelData"), QStringLiteral("maxNotifications")}}};
    const Result<QJsonObject> decoded =
            Marquee::formToJson(body, QStringLiteral("notificationChannel"), fields);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message()));
    QCOMPARE(compact(decoded.value()), json);
}

void tst_FormatCodecs::formRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messageId");

    QTest::newRow("repeated field") << QByteArray("channelType=LongPolling&channelType=WebSockets")
                                    << QStringLiteral("SVC0002");
    QTest::newRow("repeated unknown field") << QByteArray("x=1&x=2") << QStringLiteral("SVC0002");
    QTest::newRow("not UTF-8") << QByteArray("channelType=%FF%FE") << QStringLiteral("SVC0001");
}

void tst_FormatCodecs::formRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messageId);

    const Result<QJsonObject> decoded = Marquee::formToJson(
            body, QStringLiteral("notificationChannel"),
            {{QStringLiteral("channelType"), {QStringLiteral("channelType")}}});
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().messageId, messageId);
}

namespace {

const QByteArray PresenceXml = QByteArrayLiteral(
        "<pr:presenceNotification xmlns:pr=\"urn:oma:xml:rest:netapi:presence:1\">"
        "<presentityUserId>tel:+19585550100</presentityUserId><callbackData>1234</callbackData>"
        "<link rel=\"PresenceSubscription\" href=\"http://h/p/1\"/></pr:presenceNotification>");
const QByteArray EventListJson = QByteArrayLiteral(
        "{\"nmsEventList\":{\"callbackData\":\"abc\",\"index\":1,\"nmsEvent\":[{\"resetBox\":null}]}}");

// The root element's local name and namespace of each item, in order.
QStringList rootsOf(const QList<EncodedNotification> &notifications)
{
    QStringList roots;
    for (const EncodedNotification &notification : notifications) {
        if (notification.format == BodyFormat::Json) {
            roots.append(QJsonDocument::fromJson(notification.body).object().keys().join(u','));
            continue;
        }
        QXmlStreamReader reader(notification.body);
        while (!reader.atEnd()) {
            if (reader.readNext() == QXmlStreamReader::StartElement) {
                roots.append(reader.name().toString() + u' ' + reader.namespaceUri().toString());
                break;
            }
        }
    }
    return roots;
}

} // namespace

void tst_FormatCodecs::notificationListSplit_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("xml");
    QTest::addColumn<QStringList>("roots");

    QTest::newRow("JSON single notification") << EventListJson << false
                                              << QStringList{QStringLiteral("nmsEventList")};
    QTest::newRow("JSON list of two")
            << QByteArray("{\"notificationList\":[" + EventListJson
                          + ",{\"presenceNotification\":{\"callbackData\":\"1\"}}]}")
            << false
            << QStringList{QStringLiteral("nmsEventList"), QStringLiteral("presenceNotification")};
    QTest::newRow("JSON list with one object, not an array")
            << QByteArray("{\"notificationList\":" + EventListJson + "}") << false
            << QStringList{QStringLiteral("nmsEventList")};
    QTest::newRow("JSON empty list") << QByteArray("{\"notificationList\":[]}") << false
                                     << QStringList();
    QTest::newRow("XML single notification")
            << PresenceXml << true
            << QStringList{QStringLiteral("presenceNotification urn:oma:xml:rest:netapi:presence:1")};
    QTest::newRow("XML list, prefixes declared on the list")
            << QByteArray("<?xml version=\"1.0\"?><nc:notificationList "
                          "xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
                          "xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\">"
                          "<nms:nmsEventList><index>1</index></nms:nmsEventList>"
                          + PresenceXml + "</nc:notificationList>")
            << true
            << QStringList{QStringLiteral("nmsEventList urn:oma:xml:rest:netapi:nms:1"),
                           QStringLiteral("presenceNotification urn:oma:xml:rest:netapi:presence:1")};
}

void tst_FormatCodecs::notificationListSplit()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, xml);
    QFETCH(QStringList, roots);

    const Result<QList<EncodedNotification>> split =
            NotificationList::split(body, xml ? BodyFormat::Xml : BodyFormat::Json);
    QVERIFY2(split, qPrintable(split ? QString() : split.error().message()));
    QCOMPARE(rootsOf(split.value()), roots);
}

void tst_FormatCodecs::notificationListSplitRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("xml");
    QTest::addColumn<QString>("messageId");

    QTest::newRow("empty") << QByteArray(" ") << false << QStringLiteral("SVC0001");
    QTest::newRow("truncated JSON") << QByteArray("{\"nmsEventList\":{") << false
                                    << QStringLiteral("SVC0001");
    QTest::newRow("two roots") << QByteArray("{\"a\":{},\"b\":{}}") << false
                               << QStringLiteral("SVC0002");
    QTest::newRow("list item not an object") << QByteArray("{\"notificationList\":[1]}") << false
                                             << QStringLiteral("SVC0002");
    QTest::newRow("truncated XML") << QByteArray("<a><b>") << true << QStringLiteral("SVC0001");
    QTest::newRow("XML list in no namespace")
            << QByteArray("<notificationList><a/></notificationList>") << true
            << QStringLiteral("SVC0001");
}

void tst_FormatCodecs::notificationListSplitRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, xml);
    QFETCH(QString, messageId);

    const Result<QList<EncodedNotification>> split =
            NotificationList::split(body, xml ? BodyFormat::Xml : BodyFormat::Json);
    QVERIFY(!split);
    QCOMPARE(split.error().messageId, messageId);
}

void tst_FormatCodecs::notificationListXmlKeepsNamespaces()
{
    const QList<EncodedNotification> notifications{{BodyFormat::Json, EventListJson},
                                                   {BodyFormat::Xml, PresenceXml}};
    const QByteArray xml = NotificationList::encode(notifications, BodyFormat::Xml);

    const Result<QList<EncodedNotification>> again = NotificationList::split(xml, BodyFormat::Xml);
    QVERIFY2(again, xml.constData());
    QCOMPARE(rootsOf(again.value()),
             (QStringList{QStringLiteral("nmsEventList urn:oma:xml:rest:netapi:nms:1"),
                          QStringLiteral("presenceNotification urn:oma:xml:rest:netapi:presence:1")}));
    QVERIFY(xml.contains("<link rel=\"PresenceSubscription\" href=\"http://h/p/1\"/>"));
}

void tst_FormatCodecs::notificationListJsonIsAlwaysAnArray()
{
    QCOMPARE(NotificationList::encode({}, BodyFormat::Json), QByteArray("{\"notificationList\":[]}"));
    QCOMPARE(NotificationList::encode({{BodyFormat::Json, EventListJson}}, BodyFormat::Json),
             QByteArray("{\"notificationList\":[" + EventListJson + "]}"));

    const QJsonObject converted = QJsonDocument::fromJson(
            NotificationList::encode({{BodyFormat::Xml, PresenceXml}}, BodyFormat::Json)).object();
    const QJsonArray items = converted.value(QStringLiteral("notificationList")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first()
                     .toObject()
                     .value(QStringLiteral("presenceNotification"))
                     .toObject()
                     .value(QStringLiteral("callbackData"))
                     .toString(),
             QStringLiteral("1234"));
}

void tst_FormatCodecs::notificationListItemsInAnyNamespace()
{
    const QByteArray list =
            "<nc:notificationList xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\">"
            "<nmsEventList><index>3</index></nmsEventList>"
            "<presenceNotification><a>1</a></presenceNotification></nc:notificationList>";
    const Result<QList<EncodedNotification>> split = NotificationList::split(list, BodyFormat::Xml);
    QVERIFY2(split, qPrintable(split ? QString() : split.error().message()));
    QCOMPARE(split->size(), 2);

    // Both reach a JSON client; none is dropped in the conversion.
    const QJsonObject json = QJsonDocument::fromJson(
            NotificationList::encode(split.value(), BodyFormat::Json)).object();
    const QJsonArray items = json.value(QStringLiteral("notificationList")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().keys(), QStringList{QStringLiteral("nmsEventList")});
    QCOMPARE(items.at(1).toObject().keys(), QStringList{QStringLiteral("presenceNotification")});
}

void tst_FormatCodecs::exactJsonFollowsVocabulary()
{
    const QByteArray xml =
            "<nms:nmsEventList xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><nmsEvent><changedObject>"
            "<parentFolder>http://h/f</parentFolder><flags/><resourceURL>http://h/m/1</resourceURL>"
            "<lastModSeq>7</lastModSeq></changedObject></nmsEvent><callbackData>abc</callbackData>"
            "<index>1</index><restartToken>mq1.x</restartToken>"
            "<link rel=\"NmsSubscription\" href=\"http://h/s/1\"/></nms:nmsEventList>";
    const Result<QJsonObject> exact = OmaXml::toExactJson(xml);
    QVERIFY(exact);
    QCOMPARE(compact(exact.value()),
             QByteArray("{\"nmsEventList\":{\"callbackData\":\"abc\",\"index\":1,"
                        "\"link\":[{\"href\":\"http://h/s/1\",\"rel\":\"NmsSubscription\"}],"
                        "\"nmsEvent\":[{\"changedObject\":{\"flags\":{\"flag\":[]},\"lastModSeq\":7,"
                        "\"parentFolder\":\"http://h/f\",\"resourceURL\":\"http://h/m/1\"}}],"
                        "\"restartToken\":\"mq1.x\"}}"));
}

void tst_FormatCodecs::exactJsonMovieMatchesJsonForm()
{
    // A movie written to XML and read back for a JSON client has the shape of its JSON form.
    const QJsonObject changed = parse(
            "{\"changedObject\":{\"flags\":{\"flag\":[]},\"movie\":{\"cast\":[\"A\"],"
            "\"description\":\"\",\"genres\":[],\"id\":\"m\",\"lastModSeq\":4,"
            "\"premiereDate\":\"2021-01-01\",\"title\":\"T\",\"year\":2021},"
            "\"parentFolder\":\"http://h/f\",\"resourceURL\":\"http://h/m\"}}");
    const QJsonObject eventList{
            {QStringLiteral("nmsEventList"),
             QJsonObject{{QStringLiteral("nmsEvent"), QJsonArray{changed}},
                         {QStringLiteral("callbackData"), QStringLiteral("c")},
                         {QStringLiteral("index"), 2},
                         {QStringLiteral("link"), QJsonArray()},
                         {QStringLiteral("restartToken"), QStringLiteral("t")}}}};

    const Result<QJsonObject> back = OmaXml::toExactJson(OmaXml::fromJson(eventList));
    QVERIFY(back);
    QCOMPARE(compact(back.value()), compact(eventList));
}

void tst_FormatCodecs::xmlCompatibility_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("compatible");
    QTest::addColumn<QString>("part");

    QTest::newRow("plain") << QByteArray("{\"a\":{\"b_c\":[1,\"x\"],\"d.e-f\":null}}") << true
                           << QString();
    QTest::newRow("letters beyond ASCII")
            << QByteArray("{\"\u00e9t\u00e9\":{\"x\":\"\\ud83c\\udfac\"}}") << true << QString();
    QTest::newRow("name starts with a digit") << QByteArray("{\"1bad\":{}}") << false
                                              << QStringLiteral("1bad");
    QTest::newRow("name with a space") << QByteArray("{\"ok\":{\"a b\":1}}") << false
                                       << QStringLiteral("ok.a b");
    QTest::newRow("empty name") << QByteArray("{\"\":5}") << false << QString();
    QTest::newRow("name with a colon") << QByteArray("{\"p:q\":1}") << false << QStringLiteral("p:q");
    QTest::newRow("control character") << QByteArray("{\"a\":{\"b\":\"x\\u0001y\"}}") << false
                                       << QStringLiteral("a.b");
}

void tst_FormatCodecs::xmlCompatibility()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, compatible);
    QFETCH(QString, part);

    const Result<void> checked = OmaXml::checkXmlCompatible(parse(json));
    QCOMPARE(bool(checked), compatible);
    if (!compatible) {
        QCOMPARE(checked.error().messageId, QStringLiteral("SVC0002"));
        QCOMPARE(checked.error().variables.value(0), part);
    }
}

void tst_FormatCodecs::unwritableCharactersReplaced()
{
    const QJsonObject document{
            {QStringLiteral("movie"),
             QJsonObject{{QStringLiteral("title"), QStringLiteral("A\u0001B \U0001F3AC")}}}};
    const QByteArray xml = OmaXml::fromJson(document);

    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    QVERIFY2(!reader.hasError(), xml.constData());
    QVERIFY(QString::fromUtf8(xml).contains(QStringLiteral("A\uFFFDB \U0001F3AC")));
}

QTEST_GUILESS_MAIN(tst_FormatCodecs)
#include "tst_formatcodecs.moc"
