#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace MarqueeTest;

namespace {

const QString MoviesPath = QStringLiteral("/movies/v1/premieres/movies");
const QString SeededPath = MoviesPath + QLatin1Char('/') + QLatin1String(SeededMovieId);

QByteArray movieBody(const QString &title, const QString &premiereDate,
                     const QJsonObject &extra = {})
{
    QJsonObject members = extra;
    members.insert(QStringLiteral("title"), title);
    members.insert(QStringLiteral("premiereDate"), premiereDate);
    return QJsonDocument(QJsonObject{{QStringLiteral("movie"), members}}).toJson(QJsonDocument::Compact);
}

QJsonObject movieOf(const TestReply &reply)
{
    return reply.json.value(QStringLiteral("movie")).toObject();
}

QStringList titlesOf(const TestReply &reply)
{
    QStringList titles;
    const QJsonArray movies = reply.json.value(QStringLiteral("movieList")).toObject()
                                      .value(QStringLiteral("movie")).toArray();
    for (const QJsonValue &movie : movies)
        titles.append(movie.toObject().value(QStringLiteral("title")).toString());
    return titles;
}

} // namespace

// The movie catalogue over HTTP: boxes, create, read, replace, patch, delete, entity tags,
// list filters and sorting, against an in-process server with the seeded demo box.
class tst_MovieApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void boxesListOwnersAndStore();
    void createReturnsLocationAndETag();
    void createDerivesFreeId();
    void createWithTakenIdConflicts();
    void everyMovieResponseHasETag();
    void ifMatchMismatchIs412_data();
    void ifMatchMismatchIs412();
    void ifMatchCurrentTagOrStarSucceeds();
    void weakTagNeverMatches();
    void deleteRemovesMovie();
    void dateTimeStoredInUtc_data();
    void dateTimeStoredInUtc();
    void unchangedWriteKeepsETag();
    void patchAcceptsBothJsonTypes();
    void listFiltersByTitle();
    void listFiltersByGenre();
    void listFiltersByPremiereRange();
    void listSortsByPremiereDescending();
    void listPagesKeepFilters();
    void writesAppendToChangeLog();

private:
    TestReply createMovie(const QByteArray &body);

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_MovieApi::init()
{
    m_server = std::make_unique<TestServer>();
    m_server->config().boxOwners = {{QStringLiteral("premieres"), QStringLiteral("tel:+19585550100")},
                                    {QStringLiteral("classics"), QStringLiteral("alice")},
                                    {QStringLiteral("classics"), QStringLiteral("bob")}};
    QVERIFY(m_server->start());
}

void tst_MovieApi::cleanup()
{
    m_server.reset();
}

TestReply tst_MovieApi::createMovie(const QByteArray &body)
{
    return m_client.send("POST", m_server->url(MoviesPath), body);
}

void tst_MovieApi::boxesListOwnersAndStore()
{
    const TestReply reply = m_client.get(m_server->url(QStringLiteral("/movies/v1/boxes")));
    QCOMPARE(reply.status, 200);

    const QJsonArray boxes = reply.json.value(QStringLiteral("boxList")).toObject()
                                     .value(QStringLiteral("box")).toArray();
    QCOMPARE(boxes.size(), 2);

    const QJsonObject classics = boxes.at(0).toObject();
    QCOMPARE(classics.value(QStringLiteral("boxId")).toString(), QStringLiteral("classics"));
    QCOMPARE(classics.value(QStringLiteral("storeName")).toString(), QStringLiteral("moviestore"));
    QCOMPARE(classics.value(QStringLiteral("owner")).toArray(),
             QJsonArray({QStringLiteral("alice"), QStringLiteral("bob")}));
    QCOMPARE(classics.value(QStringLiteral("lastModSeq")).toInteger(), 0);
    QVERIFY(classics.value(QStringLiteral("resourceURL")).toString().endsWith(
            QStringLiteral("/movies/v1/classics/movies")));
    QVERIFY(classics.value(QStringLiteral("subscriptionsURL")).toString().endsWith(
            QStringLiteral("/nms/v1/moviestore/classics/subscriptions")));

    const QJsonObject premieres = boxes.at(1).toObject();
    QCOMPARE(premieres.value(QStringLiteral("owner")).toArray(),
             QJsonArray({QStringLiteral("tel:+19585550100")}));
    QCOMPARE(premieres.value(QStringLiteral("lastModSeq")).toInteger(), 1153);

    // The box created from the configuration is empty but usable.
    const TestReply empty = m_client.get(m_server->url(QStringLiteral("/movies/v1/classics/movies")));
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.json.value(QStringLiteral("movieList")).toObject()
                     .value(QStringLiteral("totalCount")).toInteger(), 0);
}

void tst_MovieApi::createReturnsLocationAndETag()
{
    const TestReply created = createMovie(movieBody(QStringLiteral("Night Harbour"),
                                                    QStringLiteral("2024-05-01"),
                                                    {{QStringLiteral("genres"), QJsonArray{QStringLiteral("Drama")}}}));
    QCOMPARE(created.status, 201);

    const QJsonObject movie = movieOf(created);
    QCOMPARE(movie.value(QStringLiteral("id")).toString(), QStringLiteral("night-harbour-2024"));
    QCOMPARE(movie.value(QStringLiteral("year")).toInt(), 2024);
    QCOMPARE(movie.value(QStringLiteral("lastModSeq")).toInteger(), 1154);
    QCOMPARE(created.header("Location"), movie.value(QStringLiteral("resourceURL")).toString().toUtf8());
    QCOMPARE(created.header("ETag"), QByteArray("\"1154\""));

    const TestReply read = m_client.get(QUrl(QString::fromUtf8(created.header("Location"))));
    QCOMPARE(read.status, 200);
    QCOMPARE(movieOf(read), movie);
}

void tst_MovieApi::createDerivesFreeId()
{
    const QByteArray body = movieBody(QStringLiteral("The Grudge"), QStringLiteral("2020-06-01"));
    const TestReply created = createMovie(body);
    QCOMPARE(created.status, 201);
    QCOMPARE(movieOf(created).value(QStringLiteral("id")).toString(), QStringLiteral("the-grudge-2020-2"));

    const TestReply again = createMovie(body);
    QCOMPARE(again.status, 201);
    QCOMPARE(movieOf(again).value(QStringLiteral("id")).toString(), QStringLiteral("the-grudge-2020-3"));
}

void tst_MovieApi::createWithTakenIdConflicts()
{
    const TestReply reply = createMovie(movieBody(QStringLiteral("Copy"), QStringLiteral("2020-06-01"),
                                                  {{QStringLiteral("id"), QLatin1String(SeededMovieId)}}));
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.messageId(), QStringLiteral("SVC0001"));

    const TestReply unchanged = m_client.get(m_server->url(SeededPath));
    QCOMPARE(movieOf(unchanged).value(QStringLiteral("title")).toString(), QStringLiteral("The Grudge"));
}

void tst_MovieApi::everyMovieResponseHasETag()
{
    const TestReply read = m_client.get(m_server->url(SeededPath));
    QCOMPARE(read.status, 200);
    const QByteArray readTag = read.header("ETag");
    QCOMPARE(readTag, '"' + QByteArray::number(movieOf(read).value(QStringLiteral("lastModSeq")).toInteger()) + '"');

    const TestReply patched = m_client.send("PATCH", m_server->url(SeededPath),
                                            R"({"premiereDate":"2020-02-02"})",
                                            "application/merge-patch+json");
    QCOMPARE(patched.status, 200);
    QVERIFY(!patched.header("ETag").isEmpty());
    QVERIFY(patched.header("ETag") != readTag);

    QJsonObject members = movieOf(patched);
    members.insert(QStringLiteral("title"), QStringLiteral("The Grudge (2020)"));
    const TestReply put = m_client.send("PUT", m_server->url(SeededPath),
                                        QJsonDocument(QJsonObject{{QStringLiteral("movie"), members}}).toJson());
    QCOMPARE(put.status, 200);
    QCOMPARE(put.header("ETag"),
             '"' + QByteArray::number(movieOf(put).value(QStringLiteral("lastModSeq")).toInteger()) + '"');
}

void tst_MovieApi::ifMatchMismatchIs412_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");

    QTest::newRow("PUT") << QByteArray("PUT")
                         << movieBody(QStringLiteral("Other"), QStringLiteral("2020-01-01"))
                         << QByteArray("application/json");
    QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray(R"({"title":"Other"})")
                           << QByteArray("application/merge-patch+json");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray() << QByteArray();
}

void tst_MovieApi::ifMatchMismatchIs412()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);

    const TestReply before = m_client.get(m_server->url(SeededPath));
    const TestReply reply = m_client.send(method, m_server->url(SeededPath), body, contentType,
                                          {{"If-Match", "\"999998\", \"999999\""}});
    QCOMPARE(reply.status, 412);
    QCOMPARE(reply.messageId(), QStringLiteral("SVC0001"));

    // Nothing changed, so the entity tag is the same.
    const TestReply after = m_client.get(m_server->url(SeededPath));
    QCOMPARE(after.status, 200);
    QCOMPARE(after.header("ETag"), before.header("ETag"));
    QCOMPARE(movieOf(after), movieOf(before));
}

void tst_MovieApi::ifMatchCurrentTagOrStarSucceeds()
{
    const QByteArray tag = m_client.get(m_server->url(SeededPath)).header("ETag");

    const TestReply patched = m_client.send("PATCH", m_server->url(SeededPath),
                                            R"({"premiereDate":"2020-02-03"})",
                                            "application/merge-patch+json",
                                            {{"If-Match", "\"7\", " + tag}});
    QCOMPARE(patched.status, 200);

    // The old tag no longer matches; * matches whatever exists.
    const TestReply stale = m_client.send("PATCH", m_server->url(SeededPath),
                                          R"({"premiereDate":"2020-02-04"})",
                                          "application/merge-patch+json", {{"If-Match", tag}});
    QCOMPARE(stale.status, 412);
    const TestReply any = m_client.send("DELETE", m_server->url(SeededPath), {}, {},
                                        {{"If-Match", "*"}});
    QCOMPARE(any.status, 204);
}

void tst_MovieApi::weakTagNeverMatches()
{
    const QByteArray tag = m_client.get(m_server->url(SeededPath)).header("ETag");
    const TestReply reply = m_client.send("DELETE", m_server->url(SeededPath), {}, {},
                                          {{"If-Match", "W/" + tag}});
    QCOMPARE(reply.status, 412);
}

void tst_MovieApi::deleteRemovesMovie()
{
    const TestReply deleted = m_client.send("DELETE", m_server->url(SeededPath));
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());

    QCOMPARE(m_client.get(m_server->url(SeededPath)).status, 404);
    QCOMPARE(m_client.send("DELETE", m_server->url(SeededPath)).status, 404);

    const TestReply list = m_client.get(m_server->url(MoviesPath));
    QCOMPARE(list.json.value(QStringLiteral("movieList")).toObject()
                     .value(QStringLiteral("totalCount")).toInteger(), 1152);
}

void tst_MovieApi::dateTimeStoredInUtc_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("stored");

    QTest::newRow("date stays a date") << QStringLiteral("2024-02-29") << QStringLiteral("2024-02-29");
    QTest::newRow("Z") << QStringLiteral("2024-03-01T20:00:00Z") << QStringLiteral("2024-03-01T20:00:00Z");
    QTest::newRow("positive offset") << QStringLiteral("2024-03-01T20:00:00+02:00")
                                     << QStringLiteral("2024-03-01T18:00:00Z");
    QTest::newRow("offset crosses midnight") << QStringLiteral("2024-03-01T01:30:00+05:30")
                                             << QStringLiteral("2024-02-29T20:00:00Z");
    QTest::newRow("negative offset") << QStringLiteral("2024-12-31T22:00:00-03:00")
                                     << QStringLiteral("2025-01-01T01:00:00Z");
    QTest::newRow("milliseconds kept") << QStringLiteral("2024-03-01T20:00:00.5Z")
                                       << QStringLiteral("2024-03-01T20:00:00.500Z");
}

void tst_MovieApi::dateTimeStoredInUtc()
{
    QFETCH(QString, sent);
    QFETCH(QString, stored);

    const TestReply created = createMovie(movieBody(QStringLiteral("Clockwork"), sent,
                                                    {{QStringLiteral("year"), 2024}}));
    QCOMPARE(created.status, 201);
    QCOMPARE(movieOf(created).value(QStringLiteral("premiereDate")).toString(), stored);

    const TestReply read = m_client.get(QUrl(QString::fromUtf8(created.header("Location"))));
    QCOMPARE(movieOf(read).value(QStringLiteral("premiereDate")).toString(), stored);
}

void tst_MovieApi::unchangedWriteKeepsETag()
{
    const TestReply before = m_client.get(m_server->url(SeededPath));
    const QString premiere = movieOf(before).value(QStringLiteral("premiereDate")).toString();

    const TestReply patched = m_client.send(
            "PATCH", m_server->url(SeededPath),
            QJsonDocument(QJsonObject{{QStringLiteral("premiereDate"), premiere}}).toJson(),
            "application/merge-patch+json");
    QCOMPARE(patched.status, 200);
    QCOMPARE(patched.header("ETag"), before.header("ETag"));

    const TestReply boxes = m_client.get(m_server->url(QStringLiteral("/movies/v1/boxes")));
    const QJsonArray list = boxes.json.value(QStringLiteral("boxList")).toObject()
                                    .value(QStringLiteral("box")).toArray();
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("lastModSeq")).toInteger(), 1153);
}

void tst_MovieApi::patchAcceptsBothJsonTypes()
{
    const TestReply mergePatch = m_client.send("PATCH", m_server->url(SeededPath),
                                               R"({"description":"One."})",
                                               "application/merge-patch+json");
    QCOMPARE(mergePatch.status, 200);
    const TestReply json = m_client.send("PATCH", m_server->url(SeededPath),
                                         R"({"movie":{"description":"Two."}})", "application/json");
    QCOMPARE(json.status, 200);
    QCOMPARE(movieOf(json).value(QStringLiteral("description")).toString(), QStringLiteral("Two."));

    const TestReply other = m_client.send("PATCH", m_server->url(SeededPath),
                                          R"({"description":"Three."})", "application/json-patch+json");
    QCOMPARE(other.status, 415);
}

void tst_MovieApi::listFiltersByTitle()
{
    const TestReply reply = m_client.get(m_server->url(MoviesPath + QStringLiteral("?title=GRUDGE")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(titlesOf(reply), QStringList{QStringLiteral("The Grudge")});
    QCOMPARE(reply.json.value(QStringLiteral("movieList")).toObject()
                     .value(QStringLiteral("totalCount")).toInteger(), 1);

    // LIKE wildcards in the text are taken literally.
    const TestReply percent = m_client.get(m_server->url(MoviesPath + QStringLiteral("?title=%25")));
    QCOMPARE(percent.status, 200);
    QVERIFY(titlesOf(percent).size() < 5);
}

void tst_MovieApi::listFiltersByGenre()
{
    QVERIFY(createMovie(movieBody(QStringLiteral("Genre Probe"), QStringLiteral("2024-01-01"),
                                  {{QStringLiteral("genres"), QJsonArray{QStringLiteral("Zeitgeist Noir")}}}))
                    .status == 201);

    const TestReply reply = m_client.get(m_server->url(MoviesPath + QStringLiteral("?genre=zeitgeist%20noir")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(titlesOf(reply), QStringList{QStringLiteral("Genre Probe")});

    const TestReply horror = m_client.get(m_server->url(MoviesPath + QStringLiteral("?genre=Horror&limit=500")));
    const QJsonArray movies = horror.json.value(QStringLiteral("movieList")).toObject()
                                      .value(QStringLiteral("movie")).toArray();
    QVERIFY(!movies.isEmpty());
    for (const QJsonValue &movie : movies)
        QVERIFY(movie.toObject().value(QStringLiteral("genres")).toArray().contains(QStringLiteral("Horror")));
}

void tst_MovieApi::listFiltersByPremiereRange()
{
    // Three movies around one day; the range is [start, end) as in NMS date criteria.
    QCOMPARE(createMovie(movieBody(QStringLiteral("Range Before"), QStringLiteral("2031-06-30T23:59:59Z"))).status, 201);
    QCOMPARE(createMovie(movieBody(QStringLiteral("Range Day"), QStringLiteral("2031-07-01"))).status, 201);
    QCOMPARE(createMovie(movieBody(QStringLiteral("Range Evening"), QStringLiteral("2031-07-01T22:00:00-02:00"))).status, 201);

    const TestReply day = m_client.get(m_server->url(
            MoviesPath + QStringLiteral("?minPremiereDate=2031-07-01&maxPremiereDate=2031-07-02&sort=premiereDate")));
    QCOMPARE(day.status, 200);
    QCOMPARE(titlesOf(day), QStringList{QStringLiteral("Range Day")});

    const TestReply wider = m_client.get(m_server->url(
            MoviesPath + QStringLiteral("?minPremiereDate=2031-06-30T23:00:00Z&maxPremiereDate=2031-07-03&sort=premiereDate")));
    QCOMPARE(titlesOf(wider), (QStringList{QStringLiteral("Range Before"), QStringLiteral("Range Day"),
                                           QStringLiteral("Range Evening")}));
}

void tst_MovieApi::listSortsByPremiereDescending()
{
    const TestReply reply = m_client.get(m_server->url(
            MoviesPath + QStringLiteral("?sort=premiereDate&order=desc&limit=20")));
    QCOMPARE(reply.status, 200);

    const QJsonArray movies = reply.json.value(QStringLiteral("movieList")).toObject()
                                      .value(QStringLiteral("movie")).toArray();
    QCOMPARE(movies.size(), 20);
    for (qsizetype i = 1; i < movies.size(); ++i) {
        const QString previous = movies.at(i - 1).toObject().value(QStringLiteral("premiereDate")).toString();
        const QString current = movies.at(i).toObject().value(QStringLiteral("premiereDate")).toString();
        QVERIFY2(previous >= current, qPrintable(previous + QStringLiteral(" before ") + current));
    }

    const TestReply titles = m_client.get(m_server->url(MoviesPath + QStringLiteral("?sort=title&order=desc&limit=2")));
    const QStringList names = titlesOf(titles);
    QCOMPARE(names.size(), 2);
    QVERIFY(names.at(0) >= names.at(1));
}

void tst_MovieApi::listPagesKeepFilters()
{
    const TestReply first = m_client.get(m_server->url(
            MoviesPath + QStringLiteral("?genre=Horror&sort=premiereDate&limit=3")));
    QCOMPARE(first.status, 200);
    const QJsonObject list = first.json.value(QStringLiteral("movieList")).toObject();
    const qint64 total = list.value(QStringLiteral("totalCount")).toInteger();
    QVERIFY(total > 3);

    const QUrl next(list.value(QStringLiteral("nextURL")).toString());
    const QUrlQuery query(next);
    QCOMPARE(query.queryItemValue(QStringLiteral("genre")), QStringLiteral("Horror"));
    QCOMPARE(query.queryItemValue(QStringLiteral("sort")), QStringLiteral("premiereDate"));
    QCOMPARE(query.queryItemValue(QStringLiteral("offset")), QStringLiteral("3"));

    // Walking every page visits each selected movie once.
    QStringList ids;
    QUrl page = m_server->url(MoviesPath + QStringLiteral("?genre=Horror&sort=premiereDate&limit=7"));
    while (!page.isEmpty()) {
        const TestReply reply = m_client.get(page);
        QCOMPARE(reply.status, 200);
        const QJsonObject fields = reply.json.value(QStringLiteral("movieList")).toObject();
        for (const QJsonValue &movie : fields.value(QStringLiteral("movie")).toArray())
            ids.append(movie.toObject().value(QStringLiteral("id")).toString());
        page = QUrl(fields.value(QStringLiteral("nextURL")).toString());
    }
    QCOMPARE(qint64(ids.size()), total);
    ids.removeDuplicates();
    QCOMPARE(qint64(ids.size()), total);
}

void tst_MovieApi::writesAppendToChangeLog()
{
    const TestReply created = createMovie(movieBody(QStringLiteral("Logged"), QStringLiteral("2024-01-01")));
    QCOMPARE(created.status, 201);
    const QUrl location(QString::fromUtf8(created.header("Location")));
    QCOMPARE(m_client.send("PATCH", location, R"({"title":"Logged Twice"})",
                           "application/merge-patch+json").status, 200);
    QCOMPARE(m_client.send("DELETE", location).status, 204);

    const auto box = m_client.get(m_server->url(QStringLiteral("/movies/v1/boxes")));
    const QJsonObject premieres = box.json.value(QStringLiteral("boxList")).toObject()
                                          .value(QStringLiteral("box")).toArray().at(1).toObject();
    // Three writes, three new modification sequence values.
    QCOMPARE(premieres.value(QStringLiteral("lastModSeq")).toInteger(), 1156);
}

QTEST_GUILESS_MAIN(tst_MovieApi)
#include "tst_movieapi.moc"
