#include "channels/websocketgateway.h"
#include "rawhttprequest.h"
#include "testclient.h"
#include "testserver.h"
#include "websocketclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace MarqueeTest;

namespace {

const QString ChromiumPath = QStringLiteral("/usr/bin/chromium");

// How long the browser test waits for Chromium to start, connect and report, in
// milliseconds. A cold start on a busy machine takes several seconds.
constexpr int BrowserTimeoutMs = 60000;

// A page that opens the channelURL with the OMA subprotocol and POSTs the first frame it
// receives, with the negotiated subprotocol, back to /result on its own origin.
QByteArray browserPage(const QString &channelURL, const QString &subprotocol)
{
    return QStringLiteral(
                   "<!DOCTYPE html><html><body><script>\n"
                   "const socket = new WebSocket('%1', ['%2']);\n"
                   "socket.onmessage = event => fetch('/result', {method: 'POST', "
                   "body: JSON.stringify({protocol: socket.protocol, frame: event.data})});\n"
                   "socket.onerror = () => fetch('/result', {method: 'POST', body: 'error'});\n"
                   "</script></body></html>\n")
            .arg(channelURL, subprotocol)
            .toUtf8();
}

// Serves one page on loopback and records the body of every POST to /result.
class PageServer : public QObject
{
public:
    explicit PageServer(QByteArray page) : m_page(std::move(page))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            }
        });
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/page").arg(m_server.serverPort()));
    }
    QList<QByteArray> results() const { return m_results; }

private:
    void serve(QTcpSocket *socket)
    {
        const std::optional<RawHttpRequest> request = RawHttpRequest::take(socket);
        if (!request)
            return;
        const QByteArray &head = request->head;
        const QByteArray &body = request->body;
        QByteArray status = "404 Not Found";
        QByteArray content;
        if (head.startsWith("GET /page ")) {
            status = "200 OK";
            content = m_page;
        } else if (head.startsWith("POST /result ")) {
            status = "204 No Content";
            m_results.append(body);
        }
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/html\r\nContent-Length: "
                      + QByteArray::number(content.size()) + "\r\nConnection: close\r\n\r\n"
                      + content);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArray m_page;
    QList<QByteArray> m_results;
};

} // namespace

class tst_WebSocketChannel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void serverConnCheckOffersLifetime();
    void connAckAppliesOfferedLifetime();
    void unansweredConnCheckClosesConnection();
    void clientConnCheckRestartsLifetime();
    void connectingRestartsLifetime();
    void supersededConnectionGetsNothingMore();
    void unexpectedMessageClosesWithReason_data();
    void unexpectedMessageClosesWithReason();
    void expiryClosesWithNormalCode();
    void replacingExpiredChannelClosesIt();
    void oneNotificationStillAList();
    void framesFollowNotificationFormat();
    void xmlSubscriptionGetsXmlFrames();
    void browserReceivesNotification();

private:
    QJsonObject createChannel(qint64 lifetime = 3600);
    bool open(WebSocketClient &client, const QJsonObject &channel);
    qint64 remainingLifetime(const QJsonObject &channel);
    void restartWithChecks(int intervalMs, int timeoutMs);

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_WebSocketChannel::init()
{
    m_server = std::make_unique<TestServer>();
    // No server connCheck unless a test enables it.
    m_server->config().webSocketCheckIntervalMs = 0;
    QVERIFY(m_server->start());
}

void tst_WebSocketChannel::cleanup()
{
    m_server.reset();
}

void tst_WebSocketChannel::restartWithChecks(int intervalMs, int timeoutMs)
{
    m_server->config().webSocketCheckIntervalMs = intervalMs;
    m_server->config().webSocketCheckTimeoutMs = timeoutMs;
    QVERIFY(m_server->start());
}

QJsonObject tst_WebSocketChannel::createChannel(qint64 lifetime)
{
    const QJsonObject request{
            {QStringLiteral("notificationChannel"),
             QJsonObject{{QStringLiteral("channelType"), QStringLiteral("WebSockets")},
                         {QStringLiteral("channelLifetime"), lifetime},
                         {QStringLiteral("channelData"),
                          QJsonObject{{QStringLiteral("maxNotifications"), 3}}}}}};
    const TestReply reply = m_client.postJson(
            m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels")), request);
    if (reply.status != 201)
        qWarning() << "Channel creation failed:" << reply.status << reply.body;
    return reply.json.value(QStringLiteral("notificationChannel")).toObject();
}

bool tst_WebSocketChannel::open(WebSocketClient &client, const QJsonObject &channel)
{
    const QUrl url(channel.value(QStringLiteral("channelData")).toObject()
                           .value(QStringLiteral("channelURL")).toString());
    return client.open(url, {Marquee::WebSocketGateway::subprotocol()});
}

qint64 tst_WebSocketChannel::remainingLifetime(const QJsonObject &channel)
{
    const TestReply reply = m_client.get(QUrl(channel.value(QStringLiteral("resourceURL")).toString()
                                              + QStringLiteral("/channelLifetime")));
    return reply.json.value(QStringLiteral("notificationChannelLifetime")).toObject()
            .value(QStringLiteral("channelLifetime")).toInteger(-1);
}

void tst_WebSocketChannel::serverConnCheckOffersLifetime()
{
    restartWithChecks(500, 5000);
    const QJsonObject channel = createChannel(50);
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    QVERIFY(socket.waitForFrames(1));
    const QJsonObject check = socket.frameJson(0).value(QStringLiteral("connCheck")).toObject();
    QVERIFY(!check.isEmpty());
    QCOMPARE(check.value(QStringLiteral("checkInterval")).toInteger(), 1);
    QCOMPARE(check.value(QStringLiteral("newChannelLifetime")).toInteger(), 50);
    QVERIFY(check.value(QStringLiteral("newChannelLifetime")).isDouble());

    // Checks repeat while the client replies to them.
    socket.socket().sendTextMessage(QStringLiteral("{\"connAck\":{}}"));
    QVERIFY(socket.waitForFrames(2));
    QVERIFY(socket.frameJson(1).contains(QStringLiteral("connCheck")));
}

void tst_WebSocketChannel::connAckAppliesOfferedLifetime()
{
    restartWithChecks(1500, 10000);
    const QJsonObject channel = createChannel(5);
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0).value(QStringLiteral("connCheck")).toObject()
                     .value(QStringLiteral("newChannelLifetime")).toInteger(), 5);
    QTest::qWait(1000);
    QVERIFY(remainingLifetime(channel) <= 3);

    socket.socket().sendTextMessage(QStringLiteral("{\"connAck\":null}"));
    QTRY_COMPARE_WITH_TIMEOUT(remainingLifetime(channel), 5, 2000);
    QCOMPARE(socket.socket().state(), QAbstractSocket::ConnectedState);
}

void tst_WebSocketChannel::unansweredConnCheckClosesConnection()
{
    restartWithChecks(300, 400);
    const QJsonObject channel = createChannel();
    WebSocketClient socket;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no connAck")));
    QVERIFY(open(socket, channel));

    QVERIFY(socket.waitForDisconnected());
    QVERIFY(socket.frameJson(0).contains(QStringLiteral("connCheck")));
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!socket.socket().closeReason().isEmpty());

    // The channel itself lives on, and a new connection may open.
    QCOMPARE(m_client.get(QUrl(channel.value(QStringLiteral("resourceURL")).toString())).status, 200);
}

void tst_WebSocketChannel::clientConnCheckRestartsLifetime()
{
    const QJsonObject channel = createChannel(10);
    WebSocketClient socket;
    QVERIFY(open(socket, channel));
    QTest::qWait(1200);
    QCOMPARE(remainingLifetime(channel), 9);

    socket.socket().sendTextMessage(QStringLiteral("{\"connCheck\":{\"checkInterval\":30}}"));
    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0),
             (QJsonObject{{QStringLiteral("connAck"),
                           QJsonObject{{QStringLiteral("channelLifetime"), 10}}}}));
    QCOMPARE(remainingLifetime(channel), 10);
}

void tst_WebSocketChannel::connectingRestartsLifetime()
{
    const QJsonObject channel = createChannel(10);
    QTest::qWait(1200);
    QCOMPARE(remainingLifetime(channel), 9);

    WebSocketClient socket;
    QVERIFY(open(socket, channel));
    QCOMPARE(remainingLifetime(channel), 10);
}

void tst_WebSocketChannel::supersededConnectionGetsNothingMore()
{
    restartWithChecks(300, 5000);
    const QJsonObject channel = createChannel();
    WebSocketClient first;
    QVERIFY(open(first, channel));
    WebSocketClient second;
    QVERIFY(open(second, channel));

    QVERIFY(first.waitForDisconnected());
    QCOMPARE(first.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    const qsizetype framesBefore = first.frames().size();

    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               QJsonObject{{QStringLiteral("note"), 1}}).status,
             204);
    // The new connection gets the notification and the server checks, and the old one gets nothing.
    QTRY_VERIFY_WITH_TIMEOUT(second.frames().join(QString()).contains(QStringLiteral("note")), 5000);
    QTest::qWait(400);
    QCOMPARE(first.frames().size(), framesBefore);
}

void tst_WebSocketChannel::unexpectedMessageClosesWithReason_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("other root") << QStringLiteral("{\"hello\":{}}");
    QTest::newRow("not JSON") << QStringLiteral("ping");
    QTest::newRow("array") << QStringLiteral("[1]");
}

void tst_WebSocketChannel::unexpectedMessageClosesWithReason()
{
    QFETCH(QString, message);
    const QJsonObject channel = createChannel();
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unexpected client message")));
    socket.socket().sendTextMessage(message);
    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(socket.socket().closeReason().contains(QStringLiteral("connCheck")));
}

void tst_WebSocketChannel::expiryClosesWithNormalCode()
{
    const QJsonObject channel = createChannel(1);
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(socket.socket().closeReason(), QStringLiteral("The channel lifetime expired"));
    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               QJsonObject{{QStringLiteral("note"), 1}}).status,
             404);
}

void tst_WebSocketChannel::replacingExpiredChannelClosesIt()
{
    // The expiry timer stays idle, so only the replacement can close the old channel.
    m_server->config().expiryCheckInterval = 600000;
    QVERIFY(m_server->start());

    const QJsonObject request{
            {QStringLiteral("notificationChannel"),
             QJsonObject{{QStringLiteral("channelType"), QStringLiteral("WebSockets")},
                         {QStringLiteral("clientCorrelator"), QStringLiteral("retry-1")},
                         {QStringLiteral("channelLifetime"), 1}}}};
    const QUrl channels = m_server->url(QStringLiteral("/notificationchannel/v1/alice/channels"));
    const TestReply first = m_client.postJson(channels, request);
    QCOMPARE(first.status, 201);
    WebSocketClient socket;
    QVERIFY(open(socket, first.json.value(QStringLiteral("notificationChannel")).toObject()));

    QTest::qWait(1100);
    const TestReply second = m_client.postJson(channels, request);
    QCOMPARE(second.status, 201);
    QVERIFY(second.json.value(QStringLiteral("notificationChannel")).toObject()
                    .value(QStringLiteral("resourceURL"))
            != first.json.value(QStringLiteral("notificationChannel")).toObject()
                       .value(QStringLiteral("resourceURL")));

    QVERIFY(socket.waitForDisconnected());
    QCOMPARE(socket.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
}

void tst_WebSocketChannel::oneNotificationStillAList()
{
    const QJsonObject channel = createChannel();
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    const QJsonObject notification{{QStringLiteral("presenceNotification"),
                                    QJsonObject{{QStringLiteral("callbackData"), QStringLiteral("1234")}}}};
    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               notification).status,
             204);
    QVERIFY(socket.waitForFrames(1));
    QCOMPARE(socket.frameJson(0),
             (QJsonObject{{QStringLiteral("notificationList"), QJsonArray{notification}}}));
}

namespace {

// The root element of an XML frame and the local names of its children, in order, as
// "root: child child". Empty for a frame that is not well-formed XML.
QString xmlOutline(const QString &frame)
{
    QXmlStreamReader reader(frame);
    QString root;
    QStringList children;
    int depth = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (depth == 1)
                root = reader.namespaceUri().toString() + u' ' + reader.name().toString();
            else if (depth == 2)
                children.append(reader.name().toString());
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    if (reader.hasError())
        return {};
    return root + u':' + u' ' + children.join(u' ');
}

} // namespace

void tst_WebSocketChannel::framesFollowNotificationFormat()
{
    const QJsonObject channel = createChannel();
    const QUrl callbackURL(channel.value(QStringLiteral("callbackURL")).toString());
    const QByteArray json = QByteArrayLiteral("{\"presenceNotification\":{\"callbackData\":\"1\"}}");
    const QByteArray xml = QByteArrayLiteral(
            "<pr:presenceNotification xmlns:pr=\"urn:oma:xml:rest:netapi:presence:1\">"
            "<callbackData>2</callbackData></pr:presenceNotification>");

    // Queued before the socket opens, so the lists are cut by format alone.
    QCOMPARE(m_client.send("POST", callbackURL, json).status, 204);
    QCOMPARE(m_client.send("POST", callbackURL, xml, "application/xml").status, 204);
    QCOMPARE(m_client.send("POST", callbackURL, xml, "text/xml").status, 204);
    QCOMPARE(m_client.send("POST", callbackURL, json).status, 204);

    WebSocketClient socket;
    QVERIFY(open(socket, channel));
    QVERIFY(socket.waitForFrames(3));

    QCOMPARE(socket.frameJson(0).value(QStringLiteral("notificationList")).toArray().size(), 1);
    QCOMPARE(xmlOutline(socket.frames().at(1)),
             QStringLiteral("urn:oma:xml:rest:netapi:notificationchannel:1 notificationList: "
                            "presenceNotification presenceNotification"));
    QVERIFY(socket.frames().at(1).contains(
            QStringLiteral("xmlns:pr=\"urn:oma:xml:rest:netapi:presence:1\"")));
    QCOMPARE(socket.frameJson(2).value(QStringLiteral("notificationList")).toArray().size(), 1);
}

void tst_WebSocketChannel::xmlSubscriptionGetsXmlFrames()
{
    const QJsonObject channel = createChannel();
    WebSocketClient socket;
    QVERIFY(open(socket, channel));

    const QByteArray subscription =
            "<nms:nmsSubscription xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><callbackReference>"
            "<notifyURL>" + channel.value(QStringLiteral("callbackURL")).toString().toUtf8()
            + "</notifyURL><callbackData>xml-client</callbackData>"
              "<notificationFormat>XML</notificationFormat></callbackReference>"
              "<duration>600</duration></nms:nmsSubscription>";
    const TestReply subscribed = m_client.send(
            "POST", m_server->url(QStringLiteral("/nms/v1/moviestore/premieres/subscriptions")),
            subscription, "application/xml", {{"Accept", "application/xml"}});
    QCOMPARE(subscribed.status, 201);
    QVERIFY(subscribed.body.contains("<notificationFormat>XML</notificationFormat>"));

    const TestReply patched = m_client.send(
            "PATCH",
            m_server->url(QStringLiteral("/movies/v1/premieres/movies/%1")
                                  .arg(QLatin1String(SeededMovieId))),
            "{\"premiereDate\":\"2020-03-14\"}", "application/merge-patch+json");
    QCOMPARE(patched.status, 200);

    QVERIFY(socket.waitForFrames(1));
    const QString frame = socket.frames().constLast();
    QCOMPARE(xmlOutline(frame),
             QStringLiteral("urn:oma:xml:rest:netapi:notificationchannel:1 notificationList: "
                            "nmsEventList"));
    QVERIFY(frame.contains(QStringLiteral("xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"")));
    QVERIFY(frame.contains(QStringLiteral("<changedObject>")));
    QVERIFY(frame.contains(QStringLiteral("<callbackData>xml-client</callbackData>")));
}

void tst_WebSocketChannel::browserReceivesNotification()
{
    if (!QFileInfo(ChromiumPath).isExecutable())
        QSKIP("Chromium is not installed at /usr/bin/chromium (Debian package chromium)");

    const QJsonObject channel = createChannel();
    const QString channelURL = channel.value(QStringLiteral("channelData")).toObject()
                                       .value(QStringLiteral("channelURL")).toString();
    PageServer pages(browserPage(channelURL, Marquee::WebSocketGateway::subprotocol()));

    QTemporaryDir profile;
    QVERIFY(profile.isValid());
    QProcess browser;
    browser.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    browser.setStandardOutputFile(QProcess::nullDevice());
    browser.start(ChromiumPath, {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                                 QStringLiteral("--disable-gpu"), QStringLiteral("--no-first-run"),
                                 QStringLiteral("--user-data-dir=") + profile.path(),
                                 pages.url().toString()});
    QVERIFY(browser.waitForStarted(10000));
    auto stopBrowser = qScopeGuard([&browser] {
        browser.terminate();
        if (!browser.waitForFinished(5000)) {
            browser.kill();
            browser.waitForFinished(5000);
        }
    });

    // Once the page has connected, a notification goes to the callbackURL.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->webSocketConnectionCount(), 1, BrowserTimeoutMs);
    const QJsonObject notification{{QStringLiteral("chatEventNotification"),
                                    QJsonObject{{QStringLiteral("eventType"), QStringLiteral("Accepted")}}}};
    QCOMPARE(m_client.postJson(QUrl(channel.value(QStringLiteral("callbackURL")).toString()),
                               notification).status,
             204);

    QTRY_VERIFY_WITH_TIMEOUT(!pages.results().isEmpty(), BrowserTimeoutMs);
    const QJsonObject result = QJsonDocument::fromJson(pages.results().first()).object();
    QCOMPARE(result.value(QStringLiteral("protocol")).toString(),
             Marquee::WebSocketGateway::subprotocol());
    QCOMPARE(QJsonDocument::fromJson(result.value(QStringLiteral("frame")).toString().toUtf8()).object(),
             (QJsonObject{{QStringLiteral("notificationList"), QJsonArray{notification}}}));
}

QTEST_GUILESS_MAIN(tst_WebSocketChannel)
#include "tst_websocketchannel.moc"
