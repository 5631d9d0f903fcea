#include "omaxml.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

using namespace MarqueeTest;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray XmlChannel = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<nc:notificationChannel xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "  <clientCorrelator>x1</clientCorrelator>\n"
        "  <applicationTag>myApp</applicationTag>\n"
        "  <channelType>WebSockets</channelType>\n"
        "  <channelData xsi:type=\"nc:WebSocketsData\">\n"
        "    <maxNotifications>3</maxNotifications>\n"
        "  </channelData>\n"
        "  <channelLifetime>600</channelLifetime>\n"
        "</nc:notificationChannel>\n");

struct XmlRoot
{
    QString name;
    QString namespaceUri;
};

// The root element of an XML body, or empty names when the body is not well-formed XML.
XmlRoot xmlRootOf(const QByteArray &body)
{
    QXmlStreamReader reader(body);
    XmlRoot root;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && root.name.isEmpty())
            root = {reader.name().toString(), reader.namespaceUri().toString()};
    }
    return reader.hasError() ? XmlRoot() : root;
}

} // namespace

// Content negotiation and the three request formats against a running server.
class tst_Formats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void accept_data();
    void accept();
    void xmlChannelCreateAndRead();
    void xmlErrorsAreXmlRequestErrors();
    void xmlRequestJsonResponse();
    void formIsNotForWebSockets();
    void xmlMovieWrites();
    void xmlMovieListAndBoxes();
    void xmlSubscriptionLifecycle();

private:
    QUrl channels() const
    {
        return m_server.url(QStringLiteral("/notificationchannel/v1/tel%3A%2B19585550100/channels"));
    }

    TestServer m_server;
    TestClient m_client;
};

void tst_Formats::initTestCase()
{
    QVERIFY(m_server.start());

    // The list of a user without channels is 404, so the Accept rows need one.
    QByteArray body = XmlChannel;
    body.replace("<clientCorrelator>x1</clientCorrelator>", "<clientCorrelator>x0</clientCorrelator>");
    QCOMPARE(m_client.send("POST", channels(), body, "application/xml").status, 201);
}

void tst_Formats::accept_data()
{
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");

    const QByteArray json("application/json");
    const QByteArray xml("application/xml");
    QTest::newRow("absent") << QByteArray() << 200 << json;
    QTest::newRow("any") << QByteArray("*/*") << 200 << json;
    QTest::newRow("JSON") << QByteArray("application/json") << 200 << json;
    QTest::newRow("XML") << QByteArray("application/xml") << 200 << xml;
    QTest::newRow("text/xml") << QByteArray("text/xml") << 200 << xml;
    QTest::newRow("application/*") << QByteArray("application/*") << 200 << json;
    QTest::newRow("text/*") << QByteArray("text/*") << 200 << xml;
    QTest::newRow("XML named before any") << QByteArray("application/xml, */*") << 200 << xml;
    QTest::newRow("JSON preferred by quality")
            << QByteArray("application/xml;q=0.5, application/json") << 200 << json;
    QTest::newRow("XML preferred by quality")
            << QByteArray("application/json;q=0.4, application/xml;q=0.9") << 200 << xml;
    QTest::newRow("upper case and spaces")
            << QByteArray(" Application/XML ; q=1 ") << 200 << xml;
    QTest::newRow("XML among others") << QByteArray("image/png, application/xml;q=0.1") << 200 << xml;
    QTest::newRow("neither") << QByteArray("text/html") << 406 << json;
    QTest::newRow("both excluded")
            << QByteArray("application/json;q=0, application/xml;q=0") << 406 << json;
    QTest::newRow("bad quality excludes") << QByteArray("application/json;q=high") << 406 << json;
}

void tst_Formats::accept()
{
    QFETCH(QByteArray, accept);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!accept.isNull())
        headers.append({QByteArrayLiteral("Accept"), accept});
    const TestReply reply = m_client.send("GET", channels(), {}, {}, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), contentType);

    if (contentType == "application/xml") {
        const XmlRoot root = xmlRootOf(reply.body);
        QCOMPARE(root.name, QStringLiteral("notificationChannelList"));
        QCOMPARE(root.namespaceUri, QStringLiteral("urn:oma:xml:rest:netapi:notificationchannel:1"));
    } else if (status == 406) {
        QCOMPARE(reply.messageId(), QStringLiteral("SVC0001"));
    }
}

void tst_Formats::xmlChannelCreateAndRead()
{
    const QList<QPair<QByteArray, QByteArray>> acceptXml{{"Accept", "application/xml"}};
    const TestReply created =
            m_client.send("POST", channels(), XmlChannel, "application/xml", acceptXml);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Content-Type"), QByteArrayLiteral("application/xml"));
    QVERIFY(created.body.contains("<channelData xsi:type=\"nc:WebSocketsData\">"));

    const Marquee::Result<QJsonObject> tree = Marquee::OmaXml::toJson(created.body);
    QVERIFY(tree);
    const QJsonObject channel = tree->value(QStringLiteral("notificationChannel")).toObject();
    QCOMPARE(channel.value(QStringLiteral("clientCorrelator")).toString(), QStringLiteral("x1"));
    QCOMPARE(channel.value(QStringLiteral("applicationTag")).toString(), QStringLiteral("myApp"));
    QCOMPARE(channel.value(QStringLiteral("channelLifetime")).toString(), QStringLiteral("600"));
    QCOMPARE(channel.value(QStringLiteral("channelData"))
                     .toObject()
                     .value(QStringLiteral("maxNotifications"))
                     .toString(),
             QStringLiteral("3"));
    const QString resourceURL = channel.value(QStringLiteral("resourceURL")).toString();
    QCOMPARE(created.header("Location"), resourceURL.toUtf8());

    const TestReply read = m_client.send("GET", QUrl(resourceURL), {}, {}, acceptXml);
    QCOMPARE(read.status, 200);
    QCOMPARE(xmlRootOf(read.body).name, QStringLiteral("notificationChannel"));
    QVERIFY(read.body.contains("<clientCorrelator>x1</clientCorrelator>"));
}

void tst_Formats::xmlErrorsAreXmlRequestErrors()
{
    const TestReply reply = m_client.send("POST", channels(), "<nc:notificationChannel",
                                          "application/xml", {{"Accept", "application/xml"}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/xml"));
    const XmlRoot root = xmlRootOf(reply.body);
    QCOMPARE(root.name, QStringLiteral("requestError"));
    QCOMPARE(root.namespaceUri, QStringLiteral("urn:oma:xml:rest:netapi:common:1"));
    QVERIFY(reply.body.contains("<messageId>SVC0001</messageId>"));

    // The same fault asked for in JSON comes back in JSON.
    const TestReply json = m_client.send("POST", channels(), "<nc:notificationChannel",
                                         "application/xml");
    QCOMPARE(json.status, 400);
    QCOMPARE(json.messageId(), QStringLiteral("SVC0001"));
}

void tst_Formats::xmlRequestJsonResponse()
{
    QByteArray body = XmlChannel;
    body.replace("<clientCorrelator>x1</clientCorrelator>", "<clientCorrelator>x2</clientCorrelator>");
    const TestReply created = m_client.send("POST", channels(), body, "text/xml; charset=utf-8");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Content-Type"), QByteArrayLiteral("application/json"));
    const QJsonObject channel = created.json.value(QStringLiteral("notificationChannel")).toObject();
    QCOMPARE(channel.value(QStringLiteral("channelLifetime")).toInt(), 600);
    QCOMPARE(channel.value(QStringLiteral("clientCorrelator")).toString(), QStringLiteral("x2"));
}

void tst_Formats::formIsNotForWebSockets()
{
    const TestReply reply = m_client.send("POST", channels(),
                                          "channelType=WebSockets&clientCorrelator=f1",
                                          "application/x-www-form-urlencoded");
    QCOMPARE(reply.status, 415);
    QCOMPARE(reply.messageId(), QStringLiteral("SVC0001"));
}

void tst_Formats::xmlMovieWrites()
{
    const Headers acceptXml{{"Accept", "application/xml"}};
    const QUrl movies = m_server.url(QStringLiteral("/movies/v1/premieres/movies"));
    const QByteArray movie =
            "<mq:movie xmlns:mq=\"urn:marquee:xml:movies:1\"><title>An XML Premiere</title>"
            "<year>2024</year><premiereDate>2024-05-17T20:00:00+02:00</premiereDate>"
            "<genres>Drama</genres><cast>A. Actor</cast><cast>B. Actor</cast></mq:movie>";
    const TestReply created = m_client.send("POST", movies, movie, "application/xml", acceptXml);
    QCOMPARE(created.status, 201);
    QCOMPARE(xmlRootOf(created.body).name, QStringLiteral("movie"));
    QCOMPARE(xmlRootOf(created.body).namespaceUri, QStringLiteral("urn:marquee:xml:movies:1"));
    QVERIFY(created.body.contains("<premiereDate>2024-05-17T18:00:00Z</premiereDate>"));
    QVERIFY(created.body.contains("<cast>A. Actor</cast><cast>B. Actor</cast>"));
    QVERIFY(!created.header("ETag").isEmpty());

    // An XML write names the unknown element like a JSON one does.
    QByteArray unknown = movie;
    unknown.replace("<year>2024</year>", "<year>2024</year><rating>5</rating>");
    const TestReply rejected = m_client.send("POST", movies, unknown, "application/xml", acceptXml);
    QCOMPARE(rejected.status, 400);
    QVERIFY(rejected.body.contains("<messageId>SVC0002</messageId>"));
    QVERIFY(rejected.body.contains("rating"));

    const QUrl location(QString::fromUtf8(created.header("Location")));
    QByteArray replaced = movie;
    replaced.replace("2024-05-17T20:00:00+02:00", "2024-06-01");
    const TestReply put = m_client.send("PUT", location, replaced, "application/xml",
                                        {{"Accept", "application/xml"}, {"If-Match", created.header("ETag")}});
    QCOMPARE(put.status, 200);
    QVERIFY(put.body.contains("<premiereDate>2024-06-01</premiereDate>"));
}

void tst_Formats::xmlMovieListAndBoxes()
{
    const Headers acceptXml{{"Accept", "application/xml"}};
    const TestReply list = m_client.send(
            "GET", m_server.url(QStringLiteral("/movies/v1/premieres/movies?limit=2")), {}, {},
            acceptXml);
    QCOMPARE(list.status, 200);
    QCOMPARE(xmlRootOf(list.body).name, QStringLiteral("movieList"));
    QCOMPARE(list.body.count("<movie>"), 2);

    const TestReply boxes = m_client.send("GET", m_server.url(QStringLiteral("/movies/v1/boxes")),
                                          {}, {}, acceptXml);
    QCOMPARE(boxes.status, 200);
    QCOMPARE(xmlRootOf(boxes.body).name, QStringLiteral("boxList"));
    QVERIFY(boxes.body.contains("<box>"));
}

void tst_Formats::xmlSubscriptionLifecycle()
{
    const Headers acceptXml{{"Accept", "application/xml"}};
    const QUrl subscriptions =
            m_server.url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions"));
    const QByteArray subscription =
            "<nms:nmsSubscription xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><callbackReference>"
            "<notifyURL>http://127.0.0.1:9/unused</notifyURL><callbackData>x</callbackData>"
            "</callbackReference><duration>600</duration><clientCorrelator>xml-1</clientCorrelator>"
            "</nms:nmsSubscription>";
    const TestReply created =
            m_client.send("POST", subscriptions, subscription, "application/xml", acceptXml);
    QCOMPARE(created.status, 201);
    QCOMPARE(xmlRootOf(created.body).name, QStringLiteral("nmsSubscription"));
    QCOMPARE(xmlRootOf(created.body).namespaceUri, QStringLiteral("urn:oma:xml:rest:netapi:nms:1"));
    const int callbackReference = created.body.indexOf("<callbackReference>");
    const int duration = created.body.indexOf("<duration>");
    const int restartToken = created.body.indexOf("<restartToken>");
    QVERIFY(callbackReference >= 0 && duration > callbackReference && restartToken > duration);

    const TestReply listed = m_client.send("GET", subscriptions, {}, {}, acceptXml);
    QCOMPARE(listed.status, 200);
    QCOMPARE(xmlRootOf(listed.body).name, QStringLiteral("nmsSubscriptionList"));
    QVERIFY(listed.body.contains("<subscription>"));

    const QUrl location(QString::fromUtf8(created.header("Location")));
    const TestReply updated = m_client.send(
            "POST", location,
            "<nms:nmsSubscriptionUpdate xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\">"
            "<duration>1200</duration></nms:nmsSubscriptionUpdate>",
            "application/xml", acceptXml);
    QCOMPARE(updated.status, 200);
    QVERIFY(updated.body.contains("<duration>1200</duration>"));

    QCOMPARE(m_client.send("DELETE", location).status, 204);
}

QTEST_GUILESS_MAIN(tst_Formats)
#include "tst_formats.moc"
