#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QByteArray Json = "application/json";
const QByteArray ValidChannel =
        R"({"notificationChannel":{"channelType":"WebSockets","channelLifetime":60}})";

QByteArray channelWith(const QByteArray &members)
{
    return R"({"notificationChannel":{)" + members + "}}";
}

QByteArray subscriptionWith(const QByteArray &members)
{
    return R"({"nmsSubscription":{)" + members + "}}";
}

} // namespace

// Every row sends one bad request and checks the status, the messageId and, for invalid
// values, the message part the error names. Placeholders in paths and bodies:
// {channel} and {callback} are a live channel of user alice, {callbackURL} its full URL.
class tst_BadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void rejected_data();
    void rejected();
    void rejectedRequestsWriteNothing();
    void errorsAreJsonRequestErrors();
    void reservedCharactersInUserId();
    void acceptWithZeroQualityRejected();
    void headReturnsGetHeadersOnly();
    void noContentHasNoLength();
    void connectionCloseIsHonoured();

private:
    QString expand(QString text) const;

    TestServer m_server;
    TestClient m_client;
    QString m_channelId;
    QString m_callbackId;
    QString m_callbackURL;
};

void tst_BadInput::initTestCase()
{
    QVERIFY(m_server.start());

    const TestReply channel = m_client.send(
            "POST", m_server.url(QStringLiteral("/notificationchannel/v1/alice/channels")),
            ValidChannel);
    QCOMPARE(channel.status, 201);
    const QJsonObject fields = channel.json.value(QStringLiteral("notificationChannel")).toObject();
    m_channelId = QUrl(fields.value(QStringLiteral("resourceURL")).toString()).fileName();
    m_callbackURL = fields.value(QStringLiteral("callbackURL")).toString();
    m_callbackId = QUrl(m_callbackURL).fileName();
}

void tst_BadInput::cleanupTestCase()
{
    m_server.stop();
}

QString tst_BadInput::expand(QString text) const
{
    text.replace(QStringLiteral("{channel}"), m_channelId);
    text.replace(QStringLiteral("{callbackURL}"), m_callbackURL);
    text.replace(QStringLiteral("{callback}"), m_callbackId);
    return text;
}

void tst_BadInput::rejected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageId");
    // For SVC0002: the message part named first; for SVC0004: the kind of resource not
    // found; for 405: the Allow header.
    QTest::addColumn<QString>("detail");

    const QString channels = QStringLiteral("/notificationchannel/v1/alice/channels");
    const QString channel = channels + QStringLiteral("/{channel}");
    const QString callback = QStringLiteral("/notificationchannel/v1/callbacks/{callback}");
    const QString subscriptions = QStringLiteral("/nms/v1/moviestore/premieres/subscriptions");
    const QString movies = QStringLiteral("/movies/v1/premieres/movies");
    const QString movie = movies + QStringLiteral("/") + QLatin1String(SeededMovieId);
    const QByteArray notify = R"("callbackReference":{"notifyURL":"{callbackURL}"})";

    // Channel creation.
    QTest::newRow("channel: malformed JSON") << QByteArray("POST") << channels << Json
            << QByteArray("{notificationChannel:") << 400 << "SVC0001" << "";
    QTest::newRow("channel: truncated JSON") << QByteArray("POST") << channels << Json
            << ValidChannel.left(30) << 400 << "SVC0001" << "";
    QTest::newRow("channel: array body") << QByteArray("POST") << channels << Json
            << QByteArray("[]") << 400 << "SVC0001" << "";
    QTest::newRow("channel: empty body") << QByteArray("POST") << channels << Json
            << QByteArray() << 400 << "SVC0001" << "";
    QTest::newRow("channel: missing root") << QByteArray("POST") << channels << Json
            << QByteArray(R"({"channel":{}})") << 400 << "SVC0002" << "notificationChannel";
    QTest::newRow("channel: missing channelType") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelLifetime":10)") << 400 << "SVC0002"
            << "notificationChannel.channelType";
    QTest::newRow("channel: channelType a number") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":[1])") << 400 << "SVC0002"
            << "notificationChannel.channelType";
    QTest::newRow("channel: OMAPush") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"OMAPush")") << 403 << "POL1023" << "";
    QTest::newRow("channel: NativeChannel") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"NativeChannel")") << 403 << "POL1023" << "";
    QTest::newRow("channel: unknown type") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"Pigeon")") << 403 << "POL1023" << "";
    QTest::newRow("channel: negative lifetime") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"WebSockets","channelLifetime":-5)") << 400 << "SVC0002"
            << "notificationChannel.channelLifetime";
    QTest::newRow("channel: huge lifetime") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"WebSockets","channelLifetime":99999999999999)") << 400
            << "SVC0002" << "notificationChannel.channelLifetime";
    QTest::newRow("channel: lifetime a word") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"WebSockets","channelLifetime":"long")") << 400
            << "SVC0002" << "notificationChannel.channelLifetime";
    QTest::newRow("channel: zero maxNotifications") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"WebSockets","channelData":{"maxNotifications":"0"})")
            << 400 << "SVC0002" << "notificationChannel.channelData.maxNotifications";
    QTest::newRow("channel: over-long correlator") << QByteArray("POST") << channels << Json
            << channelWith(R"("channelType":"WebSockets","clientCorrelator":")" + QByteArray(500, 'x') + "\"")
            << 400 << "SVC0002" << "notificationChannel.clientCorrelator";
    QTest::newRow("channel: over-long user id") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/%1/channels").arg(QString(300, QLatin1Char('u')))
            << Json << ValidChannel << 400 << "SVC0002" << "userId";
    QTest::newRow("channel: user id not UTF-8") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/%FF/channels") << Json << ValidChannel << 400
            << "SVC0002" << "userId";
    QTest::newRow("channel: text/plain body") << QByteArray("POST") << channels
            << QByteArray("text/plain") << ValidChannel << 415 << "SVC0001" << "";
    QTest::newRow("channel: unacceptable Accept") << QByteArray("GET") << channels
            << QByteArray() << QByteArray() << 406 << "SVC0001" << "";

    // Methods each resource does not define.
    QTest::newRow("channels: PUT") << QByteArray("PUT") << channels << Json << ValidChannel << 405
            << "SVC0001" << "GET, POST";
    QTest::newRow("channels: DELETE") << QByteArray("DELETE") << channels << Json << QByteArray()
            << 405 << "SVC0001" << "GET, POST";
    QTest::newRow("channel: PUT") << QByteArray("PUT") << channel << Json << ValidChannel << 405
            << "SVC0001" << "GET, DELETE";
    QTest::newRow("channel: POST") << QByteArray("POST") << channel << Json << ValidChannel << 405
            << "SVC0001" << "GET, DELETE";
    QTest::newRow("callback: GET") << QByteArray("GET") << callback << Json << QByteArray() << 405
            << "SVC0001" << "POST";
    QTest::newRow("callbacks path: PUT") << QByteArray("PUT")
            << QStringLiteral("/notificationchannel/v1/callbacks/channels") << Json << ValidChannel
            << 405 << "SVC0001" << "POST";
    QTest::newRow("movie: POST") << QByteArray("POST") << movie << Json << QByteArray() << 405
            << "SVC0001" << "GET, PUT, PATCH, DELETE";

    // Unknown resources.
    QTest::newRow("channel: unknown id") << QByteArray("GET") << channels + QStringLiteral("/nope")
            << Json << QByteArray() << 404 << "SVC0004" << "channel";
    QTest::newRow("channel: other user's id") << QByteArray("GET")
            << QStringLiteral("/notificationchannel/v1/bob/channels/{channel}") << Json << QByteArray()
            << 404 << "SVC0004" << "channel";
    QTest::newRow("channel: delete unknown") << QByteArray("DELETE") << channels + QStringLiteral("/nope")
            << Json << QByteArray() << 404 << "SVC0004" << "channel";
    QTest::newRow("channel: delete with a body") << QByteArray("DELETE") << channel << Json
            << QByteArray("{}") << 400 << "SVC0002" << "body";
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/nothing/here") << Json
            << QByteArray() << 404 << "SVC0004" << "resource";

    // callbackURL. A path under /callbacks/ is always a callback, never a user's channels.
    QTest::newRow("callback: named like the channels list") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/callbacks/channels") << Json
            << QByteArray(R"({"a":{}})") << 404 << "SVC0004" << "callback";
    QTest::newRow("callback: unknown") << QByteArray("POST")
            << QStringLiteral("/notificationchannel/v1/callbacks/nope") << Json
            << QByteArray(R"({"a":{}})") << 404 << "SVC0004" << "callback";
    QTest::newRow("callback: malformed JSON") << QByteArray("POST") << callback << Json
            << QByteArray(R"({"a":)") << 400 << "SVC0001" << "";
    QTest::newRow("callback: two root elements") << QByteArray("POST") << callback << Json
            << QByteArray(R"({"a":{},"b":{}})") << 400 << "SVC0002" << "body";
    QTest::newRow("callback: empty object") << QByteArray("POST") << callback << Json
            << QByteArray(R"({})") << 400 << "SVC0002" << "body";
    QTest::newRow("callback: list with a number") << QByteArray("POST") << callback << Json
            << QByteArray(R"({"notificationList":[{"a":{}},3]})") << 400 << "SVC0002"
            << "notificationList";

    // Subscriptions.
    QTest::newRow("subscription: unknown box") << QByteArray("POST")
            << QStringLiteral("/nms/v1/moviestore/nobox/subscriptions") << Json
            << subscriptionWith(notify) << 404 << "SVC0004" << "box";
    QTest::newRow("subscription: unknown store") << QByteArray("POST")
            << QStringLiteral("/nms/v1/otherstore/premieres/subscriptions") << Json
            << subscriptionWith(notify) << 404 << "SVC0004" << "store";
    QTest::newRow("subscription: malformed JSON") << QByteArray("POST") << subscriptions << Json
            << QByteArray(R"({"nmsSubscription":{"callbackReference":)") << 400 << "SVC0001" << "";
    QTest::newRow("subscription: missing notifyURL") << QByteArray("POST") << subscriptions << Json
            << subscriptionWith(R"("callbackReference":{"callbackData":"x"})") << 400 << "SVC0002"
            << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("subscription: relative notifyURL") << QByteArray("POST") << subscriptions << Json
            << subscriptionWith(R"("callbackReference":{"notifyURL":"callbacks/x"})") << 400
            << "SVC0002" << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("subscription: unknown callbackURL of ours") << QByteArray("POST") << subscriptions
            << Json << subscriptionWith(R"("callbackReference":{"notifyURL":"{callbackURL}x"})")
            << 400 << "SVC0002" << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("subscription: empty filter") << QByteArray("POST") << subscriptions << Json
            << subscriptionWith(notify + R"(,"filter":{"criterion":[]})") << 400 << "SVC0002"
            << "nmsSubscription.filter.criterion";
    QTest::newRow("subscription: unreadable restartToken") << QByteArray("POST") << subscriptions
            << Json << subscriptionWith(notify + R"(,"restartToken":"not-a-token")") << 400
            << "SVC0002" << "nmsSubscription.restartToken";
    QTest::newRow("subscription: negative duration") << QByteArray("POST") << subscriptions << Json
            << subscriptionWith(notify + R"(,"duration":-1)") << 400 << "SVC0002"
            << "nmsSubscription.duration";
    QTest::newRow("subscription: unknown id") << QByteArray("GET")
            << subscriptions + QStringLiteral("/nope") << Json << QByteArray() << 404 << "SVC0004" << "subscription";

    // Movies.
    QTest::newRow("movies: unknown box") << QByteArray("GET")
            << QStringLiteral("/movies/v1/nobox/movies") << Json << QByteArray() << 404 << "SVC0004" << "box";
    QTest::newRow("movies: limit zero") << QByteArray("GET") << movies + QStringLiteral("?limit=0")
            << Json << QByteArray() << 400 << "SVC0002" << "limit";
    QTest::newRow("movies: limit a word") << QByteArray("GET") << movies + QStringLiteral("?limit=all")
            << Json << QByteArray() << 400 << "SVC0002" << "limit";
    QTest::newRow("movies: negative offset") << QByteArray("GET") << movies + QStringLiteral("?offset=-1")
            << Json << QByteArray() << 400 << "SVC0002" << "offset";
    QTest::newRow("movie: unknown id") << QByteArray("GET") << movies + QStringLiteral("/nope")
            << Json << QByteArray() << 404 << "SVC0004" << "movie";
    QTest::newRow("movie: patch unknown id") << QByteArray("PATCH") << movies + QStringLiteral("/nope")
            << Json << QByteArray(R"({"premiereDate":"2021-01-01"})") << 404 << "SVC0004" << "movie";
    QTest::newRow("movie: february 30") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"premiereDate":"2023-02-30"})") << 400 << "SVC0002" << "movie.premiereDate";
    QTest::newRow("movie: month 13") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"premiereDate":"2023-13-01"})") << 400 << "SVC0002" << "movie.premiereDate";
    QTest::newRow("movie: date as number") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"premiereDate":20230101})") << 400 << "SVC0002" << "movie.premiereDate";
    QTest::newRow("movie: empty title") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"title":""})") << 400 << "SVC0002" << "movie.title";
    QTest::newRow("movie: title removed") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"title":null})") << 400 << "SVC0002" << "movie.title";
    QTest::newRow("movie: unknown member") << QByteArray("PATCH") << movie << Json
            << QByteArray(R"({"rating":5})") << 400 << "SVC0002" << "movie.rating";
    QTest::newRow("movie: patch malformed") << QByteArray("PATCH") << movie
            << QByteArray("application/merge-patch+json") << QByteArray(R"({"title":)") << 400
            << "SVC0001" << "";
    QTest::newRow("movie: put without root") << QByteArray("PUT") << movie << Json
            << QByteArray(R"({"title":"X","premiereDate":"2021-01-01"})") << 400 << "SVC0002" << "movie";
    QTest::newRow("movie: put other id") << QByteArray("PUT") << movie << Json
            << QByteArray(R"({"movie":{"id":"other","title":"X","premiereDate":"2021-01-01"}})")
            << 400 << "SVC0002" << "movie.id";
    QTest::newRow("movie: put CSV") << QByteArray("PUT") << movie << QByteArray("text/csv")
            << QByteArray("title,year") << 415 << "SVC0001" << "";
}

void tst_BadInput::rejected()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messageId);
    QFETCH(QString, detail);

    QList<QPair<QByteArray, QByteArray>> headers;
    if (status == 406)
        headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/html")});

    const TestReply reply = m_client.send(method, m_server.url(expand(path)),
                                          expand(QString::fromUtf8(body)).toUtf8(), contentType,
                                          headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.messageId(), messageId);
    QCOMPARE(reply.header("Content-Type"), QByteArrayLiteral("application/json"));

    const QJsonArray variables = reply.json.value(QStringLiteral("requestError")).toObject()
                                         .value(QStringLiteral("serviceException")).toObject()
                                         .value(QStringLiteral("variables")).toArray();
    if (status == 405)
        QCOMPARE(QString::fromLatin1(reply.header("Allow")), detail);
    else if (messageId == QLatin1String("SVC0002"))
        QCOMPARE(variables.at(0).toString(), detail);
    else if (messageId == QLatin1String("SVC0004"))
        QCOMPARE(variables.at(1).toString(), detail);
}

void tst_BadInput::rejectedRequestsWriteNothing()
{
    const QUrl movieUrl = m_server.url(QStringLiteral("/movies/v1/premieres/movies/")
                                       + QLatin1String(SeededMovieId));
    const TestReply before = m_client.get(movieUrl);
    QCOMPARE(before.status, 200);

    // A valid change mixed with an invalid one is rejected as a whole.
    const QByteArray badPatch = R"({"title":"Changed","premiereDate":"2023-02-30"})";
    QCOMPARE(m_client.send("PATCH", movieUrl, badPatch).status, 400);
    const QByteArray badPut =
            R"({"movie":{"title":"Changed","premiereDate":"2020-01-01","year":99}})";
    QCOMPARE(m_client.send("PUT", movieUrl, badPut).status, 400);
    QCOMPARE(m_client.get(movieUrl).json, before.json);

    const QUrl channels = m_server.url(QStringLiteral("/notificationchannel/v1/carol/channels"));
    const QByteArray unsupported = channelWith(R"("channelType":"OMAPush")");
    QCOMPARE(m_client.send("POST", channels, unsupported).status, 403);
    // carol has no channel, so the server does not know her.
    const TestReply list = m_client.get(channels);
    QCOMPARE(list.status, 404);
    QCOMPARE(list.messageId(), QStringLiteral("SVC0004"));
}

void tst_BadInput::errorsAreJsonRequestErrors()
{
    const TestReply reply = m_client.send(
            "POST", m_server.url(QStringLiteral("/notificationchannel/v1/alice/channels")),
            channelWith(R"("channelType":"OMAPush")"));
    QCOMPARE(reply.status, 403);

    const QJsonObject exception = reply.json.value(QStringLiteral("requestError")).toObject()
                                          .value(QStringLiteral("policyException")).toObject();
    QCOMPARE(exception.value(QStringLiteral("messageId")).toString(), QStringLiteral("POL1023"));
    QCOMPARE(exception.value(QStringLiteral("variables")).toArray(),
             (QJsonArray{QStringLiteral("OMAPush"), QStringLiteral("WebSockets, LongPolling")}));
    QVERIFY(exception.value(QStringLiteral("text")).toString().contains(QStringLiteral("%2")));
}

void tst_BadInput::reservedCharactersInUserId()
{
    // A '/' and a '?' inside a percent-encoded user id stay part of the id.
    const TestReply created = m_client.send(
            "POST", m_server.url(QStringLiteral("/notificationchannel/v1/a%2Fb%3Fc/channels")),
            ValidChannel);
    QCOMPARE(created.status, 201);
    const QString resourceURL = created.json.value(QStringLiteral("notificationChannel")).toObject()
                                        .value(QStringLiteral("resourceURL")).toString();
    QVERIFY2(resourceURL.contains(QStringLiteral("/a%2Fb%3Fc/channels/")), qPrintable(resourceURL));
    QCOMPARE(m_client.get(QUrl(resourceURL)).status, 200);

    const TestReply otherUser = m_client.get(
            m_server.url(QStringLiteral("/notificationchannel/v1/a/b%3Fc/channels")));
    QCOMPARE(otherUser.status, 404);
}

void tst_BadInput::acceptWithZeroQualityRejected()
{
    const QUrl channels = m_server.url(QStringLiteral("/notificationchannel/v1/alice/channels"));
    const TestReply excluded = m_client.send(
            "GET", channels, {}, {}, {{"Accept", "application/json;q=0, application/xml;q=0, */*"}});
    QCOMPARE(excluded.status, 406);
    QCOMPARE(excluded.messageId(), QStringLiteral("SVC0001"));

    const TestReply xmlOnly = m_client.send("GET", channels, {}, {},
                                            {{"Accept", "application/json;q=0, */*"}});
    QCOMPARE(xmlOnly.status, 200);
    QCOMPARE(xmlOnly.header("Content-Type"), QByteArrayLiteral("application/xml"));

    const TestReply wildcard = m_client.send("GET", channels, {}, {},
                                             {{"Accept", "text/html, */*;q=0.8"}});
    QCOMPARE(wildcard.status, 200);
}

void tst_BadInput::headReturnsGetHeadersOnly()
{
    const QUrl health = m_server.url(QStringLiteral("/health"));
    const TestReply get = m_client.get(health);
    const TestReply head = m_client.send("HEAD", health);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
    QCOMPARE(head.header("Content-Type"), QByteArrayLiteral("application/json"));
}

void tst_BadInput::connectionCloseIsHonoured()
{
    const QUrl health = m_server.url(QStringLiteral("/health"));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(health.port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    // The server ends the connection after the response, without waiting for the client.
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    const QByteArray response = socket.readAll();
    QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
    QVERIFY(response.contains("\r\nConnection: close\r\n"));
}

void tst_BadInput::noContentHasNoLength()
{
    const TestReply reply = m_client.send("POST", QUrl(m_callbackURL), R"({"a":{}})");
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.header("Content-Length").isNull());
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
