#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QByteArray Json = "application/json";
const QString Movies = QStringLiteral("/movies/v1/premieres/movies");
const QString Movie = Movies + QStringLiteral("/the-grudge-2020");
const QString Subscriptions = QStringLiteral("/nms/v1/moviestore/premieres/subscriptions");
const QString Subscription = Subscriptions + QStringLiteral("/{subscription}");

QByteArray movieWith(const QByteArray &members)
{
    return "{\"movie\":{" + members + "}}";
}

QByteArray subscriptionWith(const QByteArray &members)
{
    return "{\"nmsSubscription\":{\"callbackReference\":{\"notifyURL\":\"http://127.0.0.1:9/n\"}"
            + (members.isEmpty() ? QByteArray() : "," + members) + "}}";
}

QByteArray filterWith(const QByteArray &filter)
{
    return subscriptionWith("\"filter\":" + filter);
}

QByteArray criterion(const QByteArray &members)
{
    return filterWith("{\"criterion\":[{" + members + "}]}");
}

// Adds one row: a request, the status and messageId it gets, and the detail to check.
// The detail is the message part the first variable names, the resource type for a 404,
// and the Allow header for a 405.
void addRow(const char *name, const QByteArray &method, const QString &path, const QByteArray &body,
            int status, const QString &messageId, const QString &detail,
            const QByteArray &contentType = Json, const QByteArray &ifMatch = {})
{
    QTest::newRow(name) << method << path << contentType << ifMatch << body << status << messageId
                        << detail;
}

} // namespace

// Bad requests to the movie and subscription resources: each row checks the status, the
// OMA messageId and the part the error names. {subscription} in a path is a live
// subscription of the demo box.
class tst_NmsBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void rejected_data();
    void rejected();
    void rejectedRequestsChangeNothing();

private:
    qint64 boxModSeq();

    TestServer m_server;
    TestClient m_client;
    QString m_subscriptionId;
    qint64 m_modSeqBefore = 0;
};

void tst_NmsBadInput::initTestCase()
{
    QVERIFY(m_server.start());
    const TestReply created = m_client.send("POST", m_server.url(Subscriptions), subscriptionWith({}));
    QCOMPARE(created.status, 201);
    m_subscriptionId = QUrl(QString::fromUtf8(created.header("Location"))).fileName();
    m_modSeqBefore = boxModSeq();
}

void tst_NmsBadInput::cleanupTestCase()
{
    m_server.stop();
}

qint64 tst_NmsBadInput::boxModSeq()
{
    const TestReply boxes = m_client.get(m_server.url(QStringLiteral("/movies/v1/boxes")));
    return boxes.json.value(QStringLiteral("boxList")).toObject().value(QStringLiteral("box"))
            .toArray().at(0).toObject().value(QStringLiteral("lastModSeq")).toInteger();
}

void tst_NmsBadInput::rejected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("detail");

    const QString svc2 = QStringLiteral("SVC0002");
    const QString svc3 = QStringLiteral("SVC0003");
    const QString svc1 = QStringLiteral("SVC0001");
    const QString svc4 = QStringLiteral("SVC0004");
    const QByteArray validMovie = movieWith("\"title\":\"T\",\"premiereDate\":\"2021-01-01\"");

    // Movie listing query parameters.
    addRow("list: limit 0", "GET", Movies + QStringLiteral("?limit=0"), {}, 400, svc2, QStringLiteral("limit"));
    addRow("list: limit 501", "GET", Movies + QStringLiteral("?limit=501"), {}, 400, svc2, QStringLiteral("limit"));
    addRow("list: limit text", "GET", Movies + QStringLiteral("?limit=ten"), {}, 400, svc2, QStringLiteral("limit"));
    addRow("list: negative offset", "GET", Movies + QStringLiteral("?offset=-1"), {}, 400, svc2, QStringLiteral("offset"));
    addRow("list: unknown parameter", "GET", Movies + QStringLiteral("?colour=red"), {}, 400, svc2, QStringLiteral("colour"));
    addRow("list: unknown sort", "GET", Movies + QStringLiteral("?sort=year"), {}, 400, svc2, QStringLiteral("sort"));
    addRow("list: unknown order", "GET", Movies + QStringLiteral("?order=up"), {}, 400, svc2, QStringLiteral("order"));
    addRow("list: february 30", "GET", Movies + QStringLiteral("?minPremiereDate=2023-02-30"), {}, 400, svc2,
           QStringLiteral("minPremiereDate"));
    addRow("list: month 13", "GET", Movies + QStringLiteral("?maxPremiereDate=2023-13-01"), {}, 400, svc2,
           QStringLiteral("maxPremiereDate"));
    addRow("list: date-time without offset", "GET", Movies + QStringLiteral("?minPremiereDate=2023-01-01T10:00:00"),
           {}, 400, svc2, QStringLiteral("minPremiereDate"));
    addRow("list: long title filter", "GET", Movies + QStringLiteral("?title=") + QString(201, QLatin1Char('x')),
           {}, 400, svc2, QStringLiteral("title"));
    addRow("list: unknown box", "GET", QStringLiteral("/movies/v1/nobox/movies"), {}, 404, svc4, QStringLiteral("box"));

    // Movie bodies.
    addRow("create: missing title", "POST", Movies, movieWith("\"premiereDate\":\"2021-01-01\""), 400, svc2,
           QStringLiteral("movie.title"));
    addRow("create: blank title", "POST", Movies, movieWith("\"title\":\"  \",\"premiereDate\":\"2021-01-01\""),
           400, svc2, QStringLiteral("movie.title"));
    addRow("create: no root element", "POST", Movies, "{\"title\":\"T\",\"premiereDate\":\"2021-01-01\"}", 400,
           svc2, QStringLiteral("movie"));
    addRow("create: february 30", "POST", Movies, movieWith("\"title\":\"T\",\"premiereDate\":\"2023-02-30\""),
           400, svc2, QStringLiteral("movie.premiereDate"));
    addRow("create: month 13", "POST", Movies, movieWith("\"title\":\"T\",\"premiereDate\":\"2023-13-01\""),
           400, svc2, QStringLiteral("movie.premiereDate"));
    addRow("create: date-time without offset", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2023-01-01T10:00:00\""), 400, svc2,
           QStringLiteral("movie.premiereDate"));
    addRow("create: hour 24", "POST", Movies, movieWith("\"title\":\"T\",\"premiereDate\":\"2023-01-01T24:00:00Z\""),
           400, svc2, QStringLiteral("movie.premiereDate"));
    addRow("create: leap second", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2016-12-31T23:59:60Z\""), 400, svc2,
           QStringLiteral("movie.premiereDate"));
    addRow("create: offset hour 25", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2023-01-01T10:00:00+25:00\""), 400, svc2,
           QStringLiteral("movie.premiereDate"));
    addRow("create: microseconds", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2023-01-01T10:00:00.123456Z\""), 400, svc2,
           QStringLiteral("movie.premiereDate"));
    addRow("create: premiere in 1800", "POST", Movies, movieWith("\"title\":\"T\",\"premiereDate\":\"1800-01-01\""),
           400, svc2, QStringLiteral("movie.premiereDate"));
    addRow("create: year 1869", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2021-01-01\",\"year\":1869"), 400, svc2,
           QStringLiteral("movie.year"));
    addRow("create: year 2101", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2021-01-01\",\"year\":\"2101\""), 400, svc2,
           QStringLiteral("movie.year"));
    addRow("create: unknown member", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2021-01-01\",\"rating\":5"), 400, svc2,
           QStringLiteral("movie.rating"));
    addRow("create: genre not a string", "POST", Movies,
           movieWith("\"title\":\"T\",\"premiereDate\":\"2021-01-01\",\"genres\":[\"Drama\",7]"), 400, svc2,
           QStringLiteral("movie.genres"));
    addRow("create: blank id", "POST", Movies,
           movieWith("\"id\":\" \",\"title\":\"T\",\"premiereDate\":\"2021-01-01\""), 400, svc2,
           QStringLiteral("movie.id"));
    addRow("create: taken id", "POST", Movies,
           movieWith("\"id\":\"the-grudge-2020\",\"title\":\"T\",\"premiereDate\":\"2021-01-01\""), 409, svc1,
           QStringLiteral("409"));
    addRow("create: malformed JSON", "POST", Movies, "{\"movie\":", 400, svc1, QStringLiteral("400"));
    addRow("create: text body", "POST", Movies, validMovie, 415, svc1, QStringLiteral("415"), "text/plain");
    addRow("create: unknown box", "POST", QStringLiteral("/movies/v1/nobox/movies"), validMovie, 404, svc4,
           QStringLiteral("box"));
    addRow("put: unknown movie", "PUT", Movies + QStringLiteral("/nothing-here"), validMovie, 404, svc4,
           QStringLiteral("movie"));
    addRow("put: missing premiere", "PUT", Movie, movieWith("\"title\":\"T\""), 400, svc2,
           QStringLiteral("movie.premiereDate"));
    addRow("put: other id", "PUT", Movie,
           movieWith("\"id\":\"other\",\"title\":\"T\",\"premiereDate\":\"2021-01-01\""), 400, svc2,
           QStringLiteral("movie.id"));
    addRow("patch: title removed", "PATCH", Movie, "{\"title\":null}", 400, svc2, QStringLiteral("movie.title"),
           "application/merge-patch+json");
    addRow("patch: unknown member", "PATCH", Movie, "{\"budget\":1}", 400, svc2, QStringLiteral("movie.budget"),
           "application/merge-patch+json");
    addRow("patch: JSON Patch type", "PATCH", Movie, "[]", 415, svc1, QStringLiteral("415"),
           "application/json-patch+json");
    addRow("patch: malformed If-Match", "PATCH", Movie, "{\"title\":\"T\"}", 400, svc2, QStringLiteral("If-Match"),
           "application/merge-patch+json", "no-quotes");
    addRow("put: If-Match mismatch", "PUT", Movie, validMovie, 412, svc1, QStringLiteral("412"), Json, "\"999999\"");
    addRow("delete: If-Match mismatch", "DELETE", Movie, {}, 412, svc1, QStringLiteral("412"), Json, "\"99\"");
    addRow("delete: with a body", "DELETE", Movie, "{}", 400, svc2, QStringLiteral("body"));
    addRow("delete: unknown movie", "DELETE", Movies + QStringLiteral("/nothing-here"), {}, 404, svc4,
           QStringLiteral("movie"));
    addRow("movie: POST", "POST", Movie, validMovie, 405, svc1, QStringLiteral("GET, PUT, PATCH, DELETE"));
    addRow("movies: PUT", "PUT", Movies, validMovie, 405, svc1, QStringLiteral("GET, POST"));
    addRow("boxes: POST", "POST", QStringLiteral("/movies/v1/boxes"), "{}", 405, svc1, QStringLiteral("GET"));

    // Subscription creation.
    addRow("subscribe: unknown store", "POST", QStringLiteral("/nms/v1/otherstore/premieres/subscriptions"),
           subscriptionWith({}), 404, svc4, QStringLiteral("store"));
    addRow("subscribe: unknown box", "POST", QStringLiteral("/nms/v1/moviestore/nobox/subscriptions"),
           subscriptionWith({}), 404, svc4, QStringLiteral("box"));
    addRow("list subscriptions: unknown store", "GET", QStringLiteral("/nms/v1/otherstore/premieres/subscriptions"),
           {}, 404, svc4, QStringLiteral("store"));
    addRow("subscribe: no callbackReference", "POST", Subscriptions, "{\"nmsSubscription\":{\"duration\":5}}", 400,
           svc2, QStringLiteral("nmsSubscription.callbackReference"));
    addRow("subscribe: no notifyURL", "POST", Subscriptions,
           "{\"nmsSubscription\":{\"callbackReference\":{\"callbackData\":\"x\"}}}", 400, svc2,
           QStringLiteral("nmsSubscription.callbackReference.notifyURL"));
    addRow("subscribe: ftp notifyURL", "POST", Subscriptions,
           "{\"nmsSubscription\":{\"callbackReference\":{\"notifyURL\":\"ftp://127.0.0.1/n\"}}}", 400, svc2,
           QStringLiteral("nmsSubscription.callbackReference.notifyURL"));
    addRow("subscribe: YAML format", "POST", Subscriptions,
           "{\"nmsSubscription\":{\"callbackReference\":{\"notifyURL\":\"http://127.0.0.1:9/n\","
           "\"notificationFormat\":\"YAML\"}}}",
           400, svc2, QStringLiteral("nmsSubscription.callbackReference.notificationFormat"));
    addRow("subscribe: negative duration", "POST", Subscriptions, subscriptionWith("\"duration\":-1"), 400, svc2,
           QStringLiteral("nmsSubscription.duration"));
    addRow("subscribe: duration text", "POST", Subscriptions, subscriptionWith("\"duration\":\"soon\""), 400, svc2,
           QStringLiteral("nmsSubscription.duration"));
    addRow("subscribe: foreign restartToken text", "POST", Subscriptions,
           subscriptionWith("\"restartToken\":\"yesterday\""), 400, svc2, QStringLiteral("nmsSubscription.restartToken"));

    // Filters.
    addRow("filter: not an object", "POST", Subscriptions, filterWith("\"Date\""), 400, svc2,
           QStringLiteral("nmsSubscription.filter"));
    addRow("filter: no criterion", "POST", Subscriptions, filterWith("{\"operator\":\"And\"}"), 400, svc2,
           QStringLiteral("nmsSubscription.filter.criterion"));
    addRow("filter: unknown member", "POST", Subscriptions,
           filterWith("{\"criterion\":{\"type\":\"VanishedObjects\",\"value\":\"\"},\"sort\":1}"), 400, svc2,
           QStringLiteral("nmsSubscription.filter.sort"));
    addRow("filter: operator Xor", "POST", Subscriptions,
           filterWith("{\"criterion\":{\"type\":\"VanishedObjects\",\"value\":\"\"},\"operator\":\"Xor\"}"), 400,
           svc3, QStringLiteral("nmsSubscription.filter.operator"));
    addRow("filter: criterion without type", "POST", Subscriptions, criterion("\"value\":\"x\""), 400, svc2,
           QStringLiteral("nmsSubscription.filter.criterion[0].type"));
    addRow("filter: Flag type", "POST", Subscriptions, criterion("\"type\":\"Flag\",\"name\":\"\\\\Seen\",\"value\":\"true\""),
           400, svc3, QStringLiteral("nmsSubscription.filter.criterion[0].type"));
    addRow("filter: CreatedObjects type", "POST", Subscriptions, criterion("\"type\":\"CreatedObjects\",\"value\":\"\""),
           400, svc3, QStringLiteral("nmsSubscription.filter.criterion[0].type"));
    addRow("filter: Attribute From", "POST", Subscriptions,
           criterion("\"type\":\"Attribute\",\"name\":\"From\",\"value\":\"bob\""), 400, svc3,
           QStringLiteral("nmsSubscription.filter.criterion[0].name"));
    addRow("filter: Attribute without name", "POST", Subscriptions, criterion("\"type\":\"Attribute\",\"value\":\"x\""),
           400, svc2, QStringLiteral("nmsSubscription.filter.criterion[0].name"));
    addRow("filter: id without value", "POST", Subscriptions, criterion("\"type\":\"Attribute\",\"name\":\"id\""), 400,
           svc2, QStringLiteral("nmsSubscription.filter.criterion[0].value"));
    addRow("filter: Date without bounds", "POST", Subscriptions, criterion("\"type\":\"Date\",\"value\":\"2020-01-01\""),
           400, svc2, QStringLiteral("nmsSubscription.filter.criterion[0].value"));
    addRow("filter: Date bound february 30", "POST", Subscriptions,
           criterion("\"type\":\"Date\",\"value\":\"minDate=2023-02-30\""), 400, svc2,
           QStringLiteral("nmsSubscription.filter.criterion[0].value"));
    addRow("filter: Date min after max", "POST", Subscriptions,
           criterion("\"type\":\"Date\",\"value\":\"minDate=2024-01-01&maxDate=2023-01-01\""), 400, svc2,
           QStringLiteral("nmsSubscription.filter.criterion[0].value"));
    addRow("filter: Date twice min", "POST", Subscriptions,
           criterion("\"type\":\"Date\",\"value\":\"minDate=2023-01-01&minDate=2024-01-01\""), 400, svc2,
           QStringLiteral("nmsSubscription.filter.criterion[0].value"));
    addRow("filter: Date on year", "POST", Subscriptions,
           criterion("\"type\":\"Date\",\"name\":\"year\",\"value\":\"minDate=2023-01-01\""), 400, svc3,
           QStringLiteral("nmsSubscription.filter.criterion[0].name"));
    addRow("filter: VanishedObjects combined", "POST", Subscriptions,
           filterWith("{\"criterion\":[{\"type\":\"VanishedObjects\",\"value\":\"\"},"
                      "{\"type\":\"Attribute\",\"name\":\"id\",\"value\":\"x\"}]}"),
           400, svc2, QStringLiteral("nmsSubscription.filter.criterion"));
    addRow("filter: second criterion bad", "POST", Subscriptions,
           filterWith("{\"criterion\":[{\"type\":\"Attribute\",\"name\":\"id\",\"value\":\"x\"},"
                      "{\"type\":\"WholeWord\",\"value\":\"x\"}],\"operator\":\"Or\"}"),
           400, svc3, QStringLiteral("nmsSubscription.filter.criterion[1].type"));

    // Individual subscriptions.
    addRow("update: unknown subscription", "POST", Subscriptions + QStringLiteral("/nothing"),
           "{\"nmsSubscriptionUpdate\":{\"duration\":60}}", 404, svc4, QStringLiteral("subscription"));
    addRow("update: negative duration", "POST", Subscription, "{\"nmsSubscriptionUpdate\":{\"duration\":-5}}", 400,
           svc2, QStringLiteral("nmsSubscriptionUpdate.duration"));
    addRow("update: unreadable restartToken", "POST", Subscription,
           "{\"nmsSubscriptionUpdate\":{\"restartToken\":\"mq1.!!\"}}", 400, svc2,
           QStringLiteral("nmsSubscriptionUpdate.restartToken"));
    addRow("update: no root element", "POST", Subscription, "{\"duration\":60}", 400, svc2,
           QStringLiteral("nmsSubscriptionUpdate"));
    addRow("update: other store", "POST", QStringLiteral("/nms/v1/otherstore/premieres/subscriptions/{subscription}"),
           "{\"nmsSubscriptionUpdate\":{}}", 404, svc4, QStringLiteral("store"));
    addRow("get: other box", "GET", QStringLiteral("/nms/v1/moviestore/nobox/subscriptions/{subscription}"), {}, 404,
           svc4, QStringLiteral("subscription"));
    addRow("delete: unknown subscription", "DELETE", Subscriptions + QStringLiteral("/nothing"), {}, 404, svc4,
           QStringLiteral("subscription"));
    addRow("subscription: PUT", "PUT", Subscription, "{}", 405, svc1, QStringLiteral("GET, POST, DELETE"));
    addRow("subscriptions: DELETE", "DELETE", Subscriptions, {}, 405, svc1, QStringLiteral("GET, POST"));

    addRow("movie: control character in title", "PUT", Movie,
           movieWith("\"title\":\"Bad\\u0001Title\",\"premiereDate\":\"2021-01-01\""), 400, svc2,
           QStringLiteral("movie.title"));

    // XML bodies: the same rules, read from the XML form of each document.
    const QByteArray xml("application/xml");
    const QByteArray xmlMovie = "<mq:movie xmlns:mq=\"urn:marquee:xml:movies:1\"><title>T</title>"
                                "<premiereDate>2021-01-01</premiereDate></mq:movie>";
    const QByteArray xmlSubscription =
            "<nms:nmsSubscription xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\"><callbackReference>"
            "<notifyURL>http://127.0.0.1:9/n</notifyURL></callbackReference></nms:nmsSubscription>";
    addRow("xml movie: truncated", "POST", Movies, xmlMovie.left(40), 400, svc1, QStringLiteral("400"), xml);
    addRow("xml movie: wrong namespace", "POST", Movies,
           QByteArray(xmlMovie).replace("urn:marquee:xml:movies:1", "urn:oma:xml:rest:netapi:nms:1"), 400,
           svc1, QStringLiteral("400"), xml);
    addRow("xml movie: february 30", "POST", Movies,
           QByteArray(xmlMovie).replace("2021-01-01", "2023-02-30"), 400, svc2,
           QStringLiteral("movie.premiereDate"), xml);
    addRow("xml movie: empty title", "POST", Movies, QByteArray(xmlMovie).replace("<title>T</title>", "<title/>"),
           400, svc2, QStringLiteral("movie.title"), xml);
    addRow("xml movie: unknown element", "PUT", Movie,
           QByteArray(xmlMovie).replace("<title>", "<rating>5</rating><title>"), 400, svc2,
           QStringLiteral("movie.rating"), xml);
    addRow("xml movie: two titles", "POST", Movies,
           QByteArray(xmlMovie).replace("<title>T</title>", "<title>T</title><title>U</title>"), 400, svc2,
           QStringLiteral("movie.title"), xml);
    addRow("xml movie: merge patch as XML", "PATCH", Movie, xmlMovie, 415, svc1, QStringLiteral("415"),
           xml);
    addRow("xml subscription: truncated", "POST", Subscriptions, xmlSubscription.left(60), 400, svc1,
           QStringLiteral("400"), xml);
    addRow("xml subscription: no namespace", "POST", Subscriptions,
           QByteArray(xmlSubscription).replace("nms:", "").replace(" xmlns=\"urn:oma:xml:rest:netapi:nms:1\"", ""),
           400, svc1, QStringLiteral("400"), xml);
    addRow("xml subscription: missing notifyURL", "POST", Subscriptions,
           QByteArray(xmlSubscription).replace("<notifyURL>http://127.0.0.1:9/n</notifyURL>", ""), 400, svc2,
           QStringLiteral("nmsSubscription.callbackReference.notifyURL"), xml);
    addRow("xml subscription: duration a word", "POST", Subscriptions,
           QByteArray(xmlSubscription).replace("</callbackReference>", "</callbackReference><duration>long</duration>"),
           400, svc2, QStringLiteral("nmsSubscription.duration"), xml);
    addRow("xml update: wrong root", "POST", Subscription, xmlSubscription, 400, svc2,
           QStringLiteral("nmsSubscriptionUpdate"), xml);
}

void tst_NmsBadInput::rejected()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messageId);
    QFETCH(QString, detail);

    path.replace(QStringLiteral("{subscription}"), m_subscriptionId);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});

    const TestReply reply = m_client.send(method, m_server.url(path), body, contentType, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.messageId(), messageId);

    if (status == 405) {
        QCOMPARE(QString::fromLatin1(reply.header("Allow")), detail);
        return;
    }
    const QJsonObject exception = reply.json.value(QStringLiteral("requestError")).toObject()
                                          .begin().value().toObject();
    QJsonArray variables = exception.value(QStringLiteral("variables")).toArray();
    // A 404 names the Request-URI first and the kind of resource second.
    const qsizetype named = status == 404 ? 1 : 0;
    QCOMPARE(variables.at(named).toString(), detail);
}

void tst_NmsBadInput::rejectedRequestsChangeNothing()
{
    QCOMPARE(boxModSeq(), m_modSeqBefore);
    const TestReply subscriptions = m_client.get(m_server.url(Subscriptions));
    QCOMPARE(subscriptions.json.value(QStringLiteral("nmsSubscriptionList")).toObject()
                     .value(QStringLiteral("subscription")).toArray().size(), 1);
    const TestReply movie = m_client.get(m_server.url(Movie));
    QCOMPARE(movie.json.value(QStringLiteral("movie")).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("The Grudge"));
}

QTEST_GUILESS_MAIN(tst_NmsBadInput)
#include "tst_nmsbadinput.moc"
