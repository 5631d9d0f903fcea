#include "omaxml.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

using namespace MarqueeTest;

namespace {

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

QTEST_GUILESS_MAIN(tst_Formats)
#include "tst_formats.moc"
