#include "apiclient.h"
#include "boxsession.h"
#include "channelconnection.h"
#include "clientfixture.h"
#include "httpreceiver.h"
#include "feedmodel.h"
#include "movietablemodel.h"
#include "nms/changelogpruner.h"
#include "premiereindex.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

using namespace Marquee;
using namespace MarqueeTest;

namespace {

// Messages of every category while a test captures them.
QStringList capturedMessages;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    capturedMessages.append(QString::fromUtf8(context.category ? context.category : "") + QLatin1Char(' ') + message);
}

using ChannelType = ChannelConnection::ChannelType;
using State = ChannelConnection::State;

// Waits until the session is connected and both the first table page and the premiere
// index are in, so that every later change has a known "before".
bool waitUntilReady(BoxSession &session)
{
    return QTest::qWaitFor(
            [&session] {
                return session.connection()->state() == State::Connected
                        && session.movieModel()->rowCount() > 0
                        && !session.premiereIndex()->isLoading()
                        && session.premiereIndex()->find(session.movieModel()->movieAt(0).id);
            },
            ClientTimeoutMs);
}

// Starts server and connects session to its demo box with a WebSockets channel.
bool startAndConnect(TestServer &server, BoxSession &session)
{
    if (!server.start())
        return false;
    session.connectToServer(clientSettingsFor(server));
    return waitUntilReady(session);
}

// Sorts movies by premiere date, earliest first, and waits for the first page.
bool sortByPremiere(MovieTableModel &movies)
{
    movies.sort(MovieTableModel::PremiereColumn, Qt::AscendingOrder);
    return QTest::qWaitFor(
            [&movies] { return movies.rowCount() == MovieTableModel::PageSize && !movies.isLoading(); },
            ClientTimeoutMs);
}

QStringList feedMessages(const FeedModel &feed)
{
    QStringList messages;
    for (int row = feed.rowCount() - 1; row >= 0; --row)
        messages.append(feed.entryAt(row).message);
    return messages;
}

QString movedSentence(const Movie &movie, QDate to)
{
    return QStringLiteral("Premiere of %1 moved from %2 to %3")
            .arg(movie.title, movie.premiereDate.toString(), to.toString(Qt::ISODate));
}

} // namespace

class tst_ClientCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void subscribesAndShowsChanges_data();
    void subscribesAndShowsChanges();
    void keepsChannelAlive_data();
    void keepsChannelAlive();
    void resumesAfterServerRestart_data();
    void resumesAfterServerRestart();
    void readsBoxOnceServerIsUp();
    void renewsSubscription();
    void reportsSaveAfterReload();
    void editKeepsTimeOfDay();
    void movedPremiereKeepsPaging();
    void ownEditMovesRow();
    void countFollowsCreateAndDelete();
    void bearerTokenSentNotLogged();
    void replaysIntoNewChannelAfterExpiry();
    void staleTokenReloadsTable();
    void unknownBoxIsReportedAndStops();
};

void tst_ClientCore::subscribesAndShowsChanges_data()
{
    QTest::addColumn<ChannelType>("channelType");
    QTest::addColumn<QString>("channelTypeName");

    QTest::newRow("WebSockets") << ChannelType::WebSockets << QStringLiteral("WebSockets");
    QTest::newRow("LongPolling") << ChannelType::LongPolling << QStringLiteral("LongPolling");
}

void tst_ClientCore::subscribesAndShowsChanges()
{
    QFETCH(ChannelType, channelType);
    QFETCH(QString, channelTypeName);

    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    session.connectToServer(clientSettingsFor(server, channelType));
    QVERIFY(waitUntilReady(session));

    // The channel carries the client's applicationTag, and the subscription's notifyURL
    // is that channel's callbackURL.
    const TestReply channel = http.get(session.connection()->channelResourceURL());
    QCOMPARE(channel.status, 200);
    const QJsonObject channelFields = channel.json.value(QStringLiteral("notificationChannel")).toObject();
    QCOMPARE(channelFields.value(QStringLiteral("channelType")).toString(), channelTypeName);
    QCOMPARE(channelFields.value(QStringLiteral("applicationTag")).toString(), QStringLiteral("marquee-client"));

    const TestReply subscription = http.get(session.connection()->subscriptionURL());
    QCOMPARE(subscription.status, 200);
    const QJsonObject callbackReference = subscription.json.value(QStringLiteral("nmsSubscription"))
                                                  .toObject()
                                                  .value(QStringLiteral("callbackReference"))
                                                  .toObject();
    QCOMPARE(callbackReference.value(QStringLiteral("notifyURL")).toString(),
             channelFields.value(QStringLiteral("callbackURL")).toString());

    // Another client moves the premiere of the first movie in the table.
    const Movie movie = session.movieModel()->movieAt(0);
    const QDate moved = movie.premiereDate.date().addDays(17);
    QCOMPARE(patchPremiere(http, server, movie.id, moved), 200);

    FeedModel *feed = session.feedModel();
    QTRY_COMPARE_WITH_TIMEOUT(feed->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(feed->entryAt(0).message, movedSentence(movie, moved));
    QVERIFY(feed->entryAt(0).index >= 1);
    QVERIFY(!feed->entryAt(0).replayed);
    QVERIFY(feed->entryAt(0).received.isValid());

    // The table follows without a reload.
    QCOMPARE(session.movieModel()->movieAt(0).premiereDate.date(), moved);
    QCOMPARE(session.movieModel()
                     ->index(0, MovieTableModel::PremiereColumn)
                     .data()
                     .toString(),
             moved.toString(Qt::ISODate));
}

void tst_ClientCore::keepsChannelAlive_data()
{
    QTest::addColumn<int>("serverCheckIntervalMs");
    QTest::addColumn<QString>("expectedKeepAlive");

    // Without server checks, the client's own connCheck, sent at three quarters of the
    // lifetime, keeps the channel. With them, the client's connAck replies do.
    QTest::newRow("client connCheck") << 0 << QStringLiteral("connAck received");
    QTest::newRow("server connCheck") << 700 << QStringLiteral("connCheck received");
}

void tst_ClientCore::keepsChannelAlive()
{
    QFETCH(int, serverCheckIntervalMs);
    QFETCH(QString, expectedKeepAlive);

    TestServer server;
    server.config().webSocketCheckIntervalMs = serverCheckIntervalMs;
    server.config().webSocketCheckTimeoutMs = 1000;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    ChannelConnection::Options options = session.connection()->options();
    options.channelLifetime = 4;
    session.connection()->setOptions(options);
    QStringList keepAlives;
    connect(session.connection(), &ChannelConnection::keepAliveChanged, &session,
            [&session, &keepAlives] { keepAlives.append(session.connection()->lastKeepAliveKind()); });
    QSignalSpy states(session.connection(), &ChannelConnection::stateChanged);
    session.connectToServer(clientSettingsFor(server));
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Connected, ClientTimeoutMs);
    const QUrl channel = session.connection()->channelResourceURL();

    // Twice the lifetime passes with the connection untouched.
    QTest::qWait(8000);
    QCOMPARE(session.connection()->state(), State::Connected);
    QCOMPARE(states.count(), 2);
    QCOMPARE(session.connection()->channelResourceURL(), channel);
    QCOMPARE(http.get(channel).status, 200);
    QVERIFY2(keepAlives.contains(expectedKeepAlive), qPrintable(keepAlives.join(QLatin1Char(','))));
    QVERIFY(session.connection()->remainingLifetime() >= 0);
    QVERIFY(session.connection()->lastKeepAliveTime().isValid());
}

void tst_ClientCore::resumesAfterServerRestart_data()
{
    QTest::addColumn<ChannelType>("channelType");
    QTest::addColumn<bool>("channelDeletedMeanwhile");

    QTest::newRow("WebSockets") << ChannelType::WebSockets << false;
    QTest::newRow("LongPolling") << ChannelType::LongPolling << false;
    // The client learns that its channel is gone only from the lifetime restart (404).
    QTest::newRow("WebSockets, channel deleted") << ChannelType::WebSockets << true;
    QTest::newRow("LongPolling, channel deleted") << ChannelType::LongPolling << true;
}

void tst_ClientCore::resumesAfterServerRestart()
{
    QFETCH(ChannelType, channelType);
    QFETCH(bool, channelDeletedMeanwhile);

    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    session.connectToServer(clientSettingsFor(server, channelType));
    QVERIFY(waitUntilReady(session));
    const QUrl oldChannel = session.connection()->channelResourceURL();

    QSignalSpy states(session.connection(), &ChannelConnection::stateChanged);
    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Reconnecting, ClientTimeoutMs);
    // A few failed attempts while the server is away lengthen the backoff.
    QTest::qWait(1500);
    QCOMPARE(session.connection()->state(), State::Reconnecting);

    // Changes made as soon as the server is back, before the client has returned, wait in
    // the channel; the client gets each exactly once.
    QVERIFY(server.start());
    if (channelDeletedMeanwhile)
        QCOMPARE(http.send("DELETE", oldChannel).status, 204);
    QStringList expected;
    for (int row = 0; row < 3; ++row) {
        const Movie movie = session.movieModel()->movieAt(row);
        const QDate moved = movie.premiereDate.date().addDays(30 + row);
        QCOMPARE(patchPremiere(http, server, movie.id, moved), 200);
        expected.append(movedSentence(movie, moved));
    }

    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Connected, ClientTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 3, ClientTimeoutMs);
    QCOMPARE(feedMessages(*session.feedModel()), expected);

    // Nothing arrives twice later on either.
    QTest::qWait(500);
    QCOMPARE(session.feedModel()->rowCount(), 3);
    QCOMPARE(session.connection()->channelResourceURL() != oldChannel, channelDeletedMeanwhile);
    bool expired = false;
    for (const QList<QVariant> &state : std::as_const(states))
        expired = expired || state.at(0).value<State>() == State::Expired;
    QCOMPARE(expired, channelDeletedMeanwhile);
    QCOMPARE(states.constLast().at(0).value<State>(), State::Connected);
}

void tst_ClientCore::readsBoxOnceServerIsUp()
{
    TestServer server;
    QVERIFY(server.start());
    const ClientSettings settings = clientSettingsFor(server);
    server.stop();

    // The first attempts fail; the table and the premiere index are read once the server
    // is there, so a later change has its old date.
    BoxSession session;
    session.connectToServer(settings);
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Reconnecting, ClientTimeoutMs);
    QCOMPARE(session.movieModel()->rowCount(), 0);
    QVERIFY(server.start());
    QVERIFY(waitUntilReady(session));
    QVERIFY(session.premiereIndex()->isComplete());

    TestClient http;
    const Movie movie = session.movieModel()->movieAt(0);
    const QDate moved = movie.premiereDate.date().addDays(8);
    QCOMPARE(patchPremiere(http, server, movie.id, moved), 200);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(session.feedModel()->entryAt(0).message, movedSentence(movie, moved));
}

void tst_ClientCore::renewsSubscription()
{
    TestServer server;
    server.config().maxSubscriptionDuration = 4;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    session.connectToServer(clientSettingsFor(server));
    QVERIFY(waitUntilReady(session));
    const QUrl subscription = session.connection()->subscriptionURL();

    // The server grants 4 s; the client renews at three quarters of that.
    QTest::qWait(7000);
    QCOMPARE(http.get(subscription).status, 200);
    QCOMPARE(session.connection()->subscriptionURL(), subscription);

    const Movie movie = session.movieModel()->movieAt(0);
    const QDate moved = movie.premiereDate.date().addDays(2);
    QCOMPARE(patchPremiere(http, server, movie.id, moved), 200);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(session.feedModel()->entryAt(0).message, movedSentence(movie, moved));
}

void tst_ClientCore::reportsSaveAfterReload()
{
    TestServer server;
    TestClient http;
    BoxSession session;
    QVERIFY(startAndConnect(server, session));

    // A sort right after the edit reloads the table while the PATCH is in flight.
    MovieTableModel *movies = session.movieModel();
    QSignalSpy saved(movies, &MovieTableModel::saveSucceeded);
    const Movie movie = movies->movieAt(0);
    const QDate moved = movie.premiereDate.date().addDays(11);
    QVERIFY(movies->setData(movies->index(0, MovieTableModel::PremiereColumn), moved));
    movies->sort(MovieTableModel::PremiereColumn, Qt::DescendingOrder);

    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, ClientTimeoutMs);
    QCOMPARE(saved.at(0).at(0).value<Movie>().id, movie.id);
    QCOMPARE(serverPremiere(http, server, movie.id), moved.toString(Qt::ISODate));
}

void tst_ClientCore::editKeepsTimeOfDay()
{
    TestServer server;
    TestClient http;
    BoxSession session;
    QVERIFY(startAndConnect(server, session));

    // Another client gives the first movie a premiere with a time of day.
    MovieTableModel *movies = session.movieModel();
    const Movie movie = movies->movieAt(0);
    const QDate day = movie.premiereDate.date();
    const QJsonObject patch{{QStringLiteral("premiereDate"), day.toString(Qt::ISODate) + QStringLiteral("T20:15:00Z")}};
    QCOMPARE(http.send("PATCH", movie.resourceURL, QJsonDocument(patch).toJson()).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(movies->movieAt(0).premiereDate.hasTime(), ClientTimeoutMs);

    // Leaving the editor on the same day changes nothing; another day keeps the time.
    const QModelIndex cell = movies->index(0, MovieTableModel::PremiereColumn);
    QVERIFY(!movies->setData(cell, day));
    const QDate moved = day.addDays(1);
    QVERIFY(movies->setData(cell, moved));
    const QString expected = moved.toString(Qt::ISODate) + QStringLiteral("T20:15:00Z");
    QTRY_COMPARE_WITH_TIMEOUT(serverPremiere(http, server, movie.id), expected, ClientTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(movies->movieAt(0).premiereDate.toString(), expected, ClientTimeoutMs);
}

void tst_ClientCore::replaysIntoNewChannelAfterExpiry()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    ChannelConnection::Options options = session.connection()->options();
    // Long enough for the test to change the box while the client is away.
    options.reconnectDelayMs = 3000;
    session.connection()->setOptions(options);
    session.connectToServer(clientSettingsFor(server));
    QVERIFY(waitUntilReady(session));

    const QUrl oldChannel = session.connection()->channelResourceURL();
    const QUrl oldSubscription = session.connection()->subscriptionURL();
    QSignalSpy states(session.connection(), &ChannelConnection::stateChanged);

    // The channel disappears as it does at the end of its lifetime; the change that
    // follows reaches no channel and ends the old subscription.
    QCOMPARE(http.send("DELETE", oldChannel).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Expired, ClientTimeoutMs);
    const Movie movie = session.movieModel()->movieAt(1);
    const QDate moved = movie.premiereDate.date().addDays(-40);
    QCOMPARE(patchPremiere(http, server, movie.id, moved), 200);

    // The client makes a new channel and subscription; the restartToken replays the change.
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Connected, ClientTimeoutMs);
    QVERIFY(session.connection()->channelResourceURL() != oldChannel);
    QVERIFY(session.connection()->subscriptionURL() != oldSubscription);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(session.feedModel()->entryAt(0).message, movedSentence(movie, moved));
    QVERIFY(session.feedModel()->entryAt(0).replayed);
    QCOMPARE(session.movieModel()->movieAt(1).premiereDate.date(), moved);

    // A live change after the replay is not marked.
    const QDate again = moved.addDays(1);
    QCOMPARE(patchPremiere(http, server, movie.id, again), 200);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 2, ClientTimeoutMs);
    QVERIFY(!session.feedModel()->entryAt(0).replayed);
    QCOMPARE(session.feedModel()->entryAt(0).message,
             QStringLiteral("Premiere of %1 moved from %2 to %3")
                     .arg(movie.title, moved.toString(Qt::ISODate), again.toString(Qt::ISODate)));
}

void tst_ClientCore::staleTokenReloadsTable()
{
    TestServer server;
    server.config().changeLogMaxEntries = 2;
    QVERIFY(server.start());
    TestClient http;

    BoxSession session;
    ChannelConnection::Options options = session.connection()->options();
    options.reconnectDelayMs = 3000;
    session.connection()->setOptions(options);
    session.connectToServer(clientSettingsFor(server));
    QVERIFY(waitUntilReady(session));

    // While the client has no channel, four changes happen and the log keeps only two,
    // so the client's restartToken can no longer be replayed.
    QCOMPARE(http.send("DELETE", session.connection()->channelResourceURL()).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Expired, ClientTimeoutMs);
    QList<QDate> moved;
    for (int row = 0; row < 4; ++row) {
        const Movie movie = session.movieModel()->movieAt(row);
        moved.append(movie.premiereDate.date().addDays(3));
        QCOMPARE(patchPremiere(http, server, movie.id, moved.last()), 200);
    }
    QVERIFY(server.server()->changeLogPruner()->prune() > 0);

    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Connected, ClientTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(session.feedModel()->entryAt(0).message,
             QStringLiteral("The server could not replay the missed changes; the table reloads"));

    // The reloaded table shows every change.
    QTRY_VERIFY_WITH_TIMEOUT(session.movieModel()->rowCount() >= 4 && !session.movieModel()->isLoading(),
                             ClientTimeoutMs);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(session.movieModel()->movieAt(row).premiereDate.date(), moved.at(row));
}

void tst_ClientCore::movedPremiereKeepsPaging()
{
    TestServer server;
    TestClient http;
    BoxSession session;
    QVERIFY(startAndConnect(server, session));
    MovieTableModel *movies = session.movieModel();
    QVERIFY(sortByPremiere(*movies));

    // The earliest premiere moves past every other one. The server's next page now starts
    // one movie earlier, and the table must neither skip that movie nor repeat one.
    const Movie first = movies->movieAt(0);
    const TestReply firstOfNextPage = http.get(
            server.url(QStringLiteral("/movies/v1/premieres/movies?sort=premiereDate&offset=100&limit=1")));
    const QString nextId = firstOfNextPage.json.value(QStringLiteral("movieList")).toObject()
                                   .value(QStringLiteral("movie")).toArray().at(0).toObject()
                                   .value(QStringLiteral("id")).toString();
    QVERIFY(!nextId.isEmpty());
    QCOMPARE(patchPremiere(http, server, first.id, QDate(2099, 12, 31)), 200);
    QTRY_COMPARE_WITH_TIMEOUT(movies->rowCount(), MovieTableModel::PageSize - 1, ClientTimeoutMs);

    for (int page = 0; page < 20 && movies->canFetchMore(QModelIndex()); ++page) {
        movies->fetchMore(QModelIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!movies->isLoading(), ClientTimeoutMs);
    }

    QCOMPARE(movies->rowCount(), movies->totalCount());
    QCOMPARE(movies->rowCount(), 1153);
    QSet<QString> ids;
    for (int row = 0; row < movies->rowCount(); ++row) {
        ids.insert(movies->movieAt(row).id);
        if (row > 0)
            QVERIFY(movies->movieAt(row - 1).premiereDate.toMSecsSinceEpoch()
                    <= movies->movieAt(row).premiereDate.toMSecsSinceEpoch());
    }
    QCOMPARE(ids.size(), 1153);
    QVERIFY(ids.contains(nextId));
    QCOMPARE(movies->movieAt(movies->rowCount() - 1).id, first.id);
}

void tst_ClientCore::ownEditMovesRow()
{
    TestServer server;
    BoxSession session;
    QVERIFY(startAndConnect(server, session));
    MovieTableModel *movies = session.movieModel();
    QVERIFY(sortByPremiere(*movies));

    // The earliest premiere moves between the 50th and the 51st loaded row.
    const Movie first = movies->movieAt(0);
    const QDate target = movies->movieAt(50).premiereDate.date();
    QVERIFY(movies->setData(movies->index(0, MovieTableModel::PremiereColumn), target));
    QTRY_VERIFY_WITH_TIMEOUT(movies->rowOfMovie(first.id) > 0, ClientTimeoutMs);

    const int row = movies->rowOfMovie(first.id);
    QCOMPARE(movies->movieAt(row).premiereDate.date(), target);
    for (int i = 1; i < movies->rowCount(); ++i)
        QVERIFY(movies->movieAt(i - 1).premiereDate.toMSecsSinceEpoch()
                <= movies->movieAt(i).premiereDate.toMSecsSinceEpoch());
    QCOMPARE(movies->rowCount(), MovieTableModel::PageSize);
}

void tst_ClientCore::countFollowsCreateAndDelete()
{
    TestServer server;
    TestClient http;
    BoxSession session;
    QVERIFY(startAndConnect(server, session));
    MovieTableModel *movies = session.movieModel();
    QCOMPARE(movies->totalCount(), 1153);

    // A new title that sorts first appears at the top, and the count follows.
    const QJsonObject created{{QStringLiteral("movie"),
                               QJsonObject{{QStringLiteral("title"), QStringLiteral("0 Night Harbour")},
                                           {QStringLiteral("premiereDate"), QStringLiteral("2024-11-08")}}}};
    const TestReply reply = http.send("POST", server.url(QStringLiteral("/movies/v1/premieres/movies")),
                                      QJsonDocument(created).toJson());
    QCOMPARE(reply.status, 201);
    const QString id = reply.json.value(QStringLiteral("movie")).toObject().value(QStringLiteral("id")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(movies->rowOfMovie(id), 0, ClientTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(movies->totalCount(), 1154, ClientTimeoutMs);
    QCOMPARE(movies->rowCount(), MovieTableModel::PageSize + 1);
    QTRY_COMPARE_WITH_TIMEOUT(session.feedModel()->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(session.feedModel()->entryAt(0).message,
             QStringLiteral("0 Night Harbour was added, premiering 2024-11-08"));

    // A movie removed outside the loaded rows lowers the count too.
    const TestReply lastPage = http.get(
            server.url(QStringLiteral("/movies/v1/premieres/movies?offset=1153&limit=1")));
    const QString lastId = lastPage.json.value(QStringLiteral("movieList")).toObject()
                                   .value(QStringLiteral("movie")).toArray().at(0).toObject()
                                   .value(QStringLiteral("id")).toString();
    QVERIFY(!lastId.isEmpty());
    QCOMPARE(movies->rowOfMovie(lastId), -1);
    QCOMPARE(http.send("DELETE", server.url(QStringLiteral("/movies/v1/premieres/movies/") + lastId)).status, 204);
    QCOMPARE(http.send("DELETE", server.url(QStringLiteral("/movies/v1/premieres/movies/") + id)).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(movies->totalCount(), 1152, ClientTimeoutMs);
    QCOMPARE(movies->rowOfMovie(id), -1);
    QCOMPARE(movies->rowCount(), MovieTableModel::PageSize);
}

void tst_ClientCore::bearerTokenSentNotLogged()
{
    const QString token = QStringLiteral("tok-6f1c9e2a");

    // The token travels in the Authorization header.
    HttpReceiver receiver({503});
    ApiClient api;
    api.setServerUrl(receiver.url().adjusted(QUrl::RemovePath));
    api.setBearerToken(token);
    ApiReply *reply = api.get(api.boxesUrl());
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(finished.wait(ClientTimeoutMs));
    QCOMPARE(receiver.heads().size(), 1);
    QVERIFY2(receiver.heads().at(0).contains("\r\nAuthorization: Bearer tok-6f1c9e2a\r\n"),
             receiver.heads().at(0).constData());

    // A whole session with every client category at debug level never logs it.
    TestServer server;
    QVERIFY(server.start());
    TestClient http;
    capturedMessages.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("marquee.client.*.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    {
        BoxSession session;
        ClientSettings settings = clientSettingsFor(server);
        settings.bearerToken = token;
        session.connectToServer(settings);
        const bool ready = waitUntilReady(session);
        const Movie movie = session.movieModel()->movieAt(0);
        patchPremiere(http, server, movie.id, movie.premiereDate.date().addDays(1));
        const bool delivered = QTest::qWaitFor(
                [&session] { return session.feedModel()->rowCount() == 1; }, ClientTimeoutMs);
        session.disconnectFromServer();
        QTest::qWait(200);
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(ready);
        QVERIFY(delivered);
    }

    QVERIFY(capturedMessages.size() > 5);
    for (const QString &message : std::as_const(capturedMessages))
        QVERIFY2(!message.contains(token), qPrintable(message));
}

void tst_ClientCore::unknownBoxIsReportedAndStops()
{
    TestServer server;
    QVERIFY(server.start());

    BoxSession session;
    QSignalSpy errors(&session, &BoxSession::errorOccurred);
    ClientSettings settings = clientSettingsFor(server);
    settings.boxId = QStringLiteral("no-such-box");
    session.connectToServer(settings);

    QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), State::Disconnected, ClientTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), ClientTimeoutMs);
    bool named = false;
    for (const QList<QVariant> &error : std::as_const(errors))
        named = named || error.at(0).toString().contains(QStringLiteral("The server has no box \"no-such-box\"; it has premieres"));
    QVERIFY2(named, qPrintable(errors.first().at(0).toString()));
}

QTEST_MAIN(tst_ClientCore)
#include "tst_clientcore.moc"
