#include "httpreceiver.h"
#include "nms/changelogpruner.h"
#include "nms/restarttoken.h"
#include "storage/movierepository.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace MarqueeTest;

namespace {

const QString SubscriptionsPath = QStringLiteral("/nms/v1/moviestore/premieres/subscriptions");
const QString MoviesPath = QStringLiteral("/movies/v1/premieres/movies");
const QString SeededPath = MoviesPath + QLatin1Char('/') + QLatin1String(SeededMovieId);
constexpr int WaitMs = 10000;

QJsonObject subscriptionOf(const TestReply &reply)
{
    return reply.json.value(QStringLiteral("nmsSubscription")).toObject();
}

// The nmsEventList of every notification the receiver got, in order.
QList<QJsonObject> eventListsOf(const HttpReceiver &receiver)
{
    QList<QJsonObject> lists;
    for (const QByteArray &body : receiver.bodies())
        lists.append(QJsonDocument::fromJson(body).object().value(QStringLiteral("nmsEventList")).toObject());
    return lists;
}

// Every nmsEvent the receiver got, in order.
QList<QJsonObject> eventsOf(const HttpReceiver &receiver)
{
    QList<QJsonObject> events;
    for (const QJsonObject &list : eventListsOf(receiver)) {
        for (const QJsonValue &event : list.value(QStringLiteral("nmsEvent")).toArray())
            events.append(event.toObject());
    }
    return events;
}

qint64 lastModSeqOf(const QJsonObject &event)
{
    const QJsonObject body = event.begin().value().toObject();
    return body.value(QStringLiteral("lastModSeq")).toInteger();
}

} // namespace

// NMS subscriptions end to end: create, list, update, delete, restartToken replay and
// resets, filters, index continuity and delivery to real HTTP receivers on loopback.
class tst_SubscriptionApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createListGetDelete();
    void repeatedCorrelatorReturnsExisting();
    void durationDefaultAndClamp();
    void methodsNotAllowed();
    void createdMovieYieldsChangedObject();
    void deletedMovieYieldsDeletedObject();
    void noOpWriteSendsNothing();
    void twoSubscribersBothReceive();
    void replayAfterThousandChanges();
    void replayIncludesDeletion();
    void foreignTokenYieldsOneResetBox();
    void prunedTokenYieldsOneResetBox();
    void laggingCursorAfterPruneYieldsResetBox();
    void updateExtendsDuration();
    void indexContinuesAcrossUpdate();
    void updateWithStaleTokenResets();
    void filterByObjectIds();
    void filterByPremiereRange();
    void filterVanishedObjects();
    void filterEchoedInResponses();
    void retriesAfterTwo503s();
    void retriesAfterTimeout();
    void clientErrorEndsSubscription();
    void expiryEndsSubscriptionSilently();
    void notificationsKeepOrderPerSubscription();
    void xmlSubscriptionGetsXmlNotifications();

private:
    TestReply subscribe(const QUrl &notifyURL, const QJsonObject &extra = {});
    TestReply update(const QJsonObject &subscription, const QJsonObject &fields);
    TestReply patchSeeded(const QString &premiereDate);
    // Applies count premiere changes to the seeded movie through the repository.
    void changeSeededMovie(int count);

    std::unique_ptr<TestServer> m_server;
    TestClient m_client;
};

void tst_SubscriptionApi::init()
{
    m_server = std::make_unique<TestServer>();
    m_server->config().notifyFirstRetryDelay = 50;
    m_server->config().notifyRequestTimeout = 500;
    QVERIFY(m_server->start());
}

void tst_SubscriptionApi::cleanup()
{
    m_server.reset();
}

TestReply tst_SubscriptionApi::subscribe(const QUrl &notifyURL, const QJsonObject &extra)
{
    QJsonObject fields = extra;
    QJsonObject reference = fields.value(QStringLiteral("callbackReference")).toObject();
    reference.insert(QStringLiteral("notifyURL"), notifyURL.toString());
    fields.insert(QStringLiteral("callbackReference"), reference);
    return m_client.postJson(m_server->url(SubscriptionsPath),
                             {{QStringLiteral("nmsSubscription"), fields}});
}

TestReply tst_SubscriptionApi::update(const QJsonObject &subscription, const QJsonObject &fields)
{
    return m_client.postJson(QUrl(subscription.value(QStringLiteral("resourceURL")).toString()),
                             {{QStringLiteral("nmsSubscriptionUpdate"), fields}});
}

TestReply tst_SubscriptionApi::patchSeeded(const QString &premiereDate)
{
    return m_client.send("PATCH", m_server->url(SeededPath),
                         QJsonDocument(QJsonObject{{QStringLiteral("premiereDate"), premiereDate}}).toJson(),
                         "application/merge-patch+json");
}

void tst_SubscriptionApi::changeSeededMovie(int count)
{
    Marquee::MovieRepository *movies = m_server->server()->movieRepository();
    for (int i = 0; i < count; ++i) {
        const auto written = movies->edit(
                QStringLiteral("premieres"), QLatin1String(SeededMovieId),
                [](const std::optional<Marquee::Movie> &current) -> Marquee::Result<Marquee::Movie> {
                    Marquee::Movie next = *current;
                    next.premiereDate = current->premiereDate.date().addDays(1);
                    return next;
                });
        QVERIFY(written.hasValue());
        QVERIFY(written->changed);
    }
}

void tst_SubscriptionApi::createListGetDelete()
{
    HttpReceiver receiver;
    const TestReply created = subscribe(receiver.url(), {{QStringLiteral("duration"), 600},
                                                         {QStringLiteral("clientCorrelator"), QStringLiteral("c1")}});
    QCOMPARE(created.status, 201);
    const QJsonObject subscription = subscriptionOf(created);
    const QString resourceURL = subscription.value(QStringLiteral("resourceURL")).toString();
    QCOMPARE(created.header("Location"), resourceURL.toUtf8());
    QCOMPARE(subscription.value(QStringLiteral("index")).toInteger(), 1);
    QCOMPARE(subscription.value(QStringLiteral("duration")).toInteger(), 600);
    QVERIFY(!subscription.value(QStringLiteral("restartToken")).toString().isEmpty());
    QCOMPARE(subscription.value(QStringLiteral("callbackReference")).toObject()
                     .value(QStringLiteral("notificationFormat")).toString(), QStringLiteral("JSON"));

    const TestReply list = m_client.get(m_server->url(SubscriptionsPath));
    QCOMPARE(list.status, 200);
    const QJsonObject subscriptionList = list.json.value(QStringLiteral("nmsSubscriptionList")).toObject();
    const QJsonArray items = subscriptionList.value(QStringLiteral("subscription")).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value(QStringLiteral("resourceURL")).toString(), resourceURL);
    QVERIFY(subscriptionList.value(QStringLiteral("resourceURL")).toString().endsWith(SubscriptionsPath));

    const TestReply read = m_client.get(QUrl(resourceURL));
    QCOMPARE(read.status, 200);
    QCOMPARE(subscriptionOf(read).value(QStringLiteral("clientCorrelator")).toString(), QStringLiteral("c1"));

    const TestReply deleted = m_client.send("DELETE", QUrl(resourceURL));
    QCOMPARE(deleted.status, 204);
    QCOMPARE(m_client.get(QUrl(resourceURL)).status, 404);
    QCOMPARE(m_client.get(m_server->url(SubscriptionsPath)).json.value(QStringLiteral("nmsSubscriptionList"))
                     .toObject().value(QStringLiteral("subscription")).toArray().size(), 0);
}

void tst_SubscriptionApi::repeatedCorrelatorReturnsExisting()
{
    HttpReceiver receiver;
    const QJsonObject extra{{QStringLiteral("clientCorrelator"), QStringLiteral("again")}};
    const TestReply first = subscribe(receiver.url(), extra);
    const TestReply second = subscribe(receiver.url(), extra);
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QCOMPARE(second.header("Location"), first.header("Location"));
    QCOMPARE(m_client.get(m_server->url(SubscriptionsPath)).json.value(QStringLiteral("nmsSubscriptionList"))
                     .toObject().value(QStringLiteral("subscription")).toArray().size(), 1);
}

void tst_SubscriptionApi::durationDefaultAndClamp()
{
    HttpReceiver receiver;
    QCOMPARE(subscriptionOf(subscribe(receiver.url())).value(QStringLiteral("duration")).toInteger(), 86400);
    QCOMPARE(subscriptionOf(subscribe(receiver.url(), {{QStringLiteral("duration"), 0}}))
                     .value(QStringLiteral("duration")).toInteger(), 86400);
    QCOMPARE(subscriptionOf(subscribe(receiver.url(), {{QStringLiteral("duration"), QStringLiteral("4000000000")}}))
                     .value(QStringLiteral("duration")).toInteger(), 30 * 86400);
}

void tst_SubscriptionApi::methodsNotAllowed()
{
    HttpReceiver receiver;
    const QUrl single(subscriptionOf(subscribe(receiver.url())).value(QStringLiteral("resourceURL")).toString());

    const TestReply putList = m_client.send("PUT", m_server->url(SubscriptionsPath), "{}");
    QCOMPARE(putList.status, 405);
    QCOMPARE(putList.header("Allow"), QByteArray("GET, POST"));
    const TestReply deleteList = m_client.send("DELETE", m_server->url(SubscriptionsPath));
    QCOMPARE(deleteList.header("Allow"), QByteArray("GET, POST"));

    const TestReply putOne = m_client.send("PUT", single, "{}");
    QCOMPARE(putOne.status, 405);
    QCOMPARE(putOne.header("Allow"), QByteArray("GET, POST, DELETE"));
    QCOMPARE(m_client.send("PATCH", single, "{}").header("Allow"), QByteArray("GET, POST, DELETE"));
}

void tst_SubscriptionApi::createdMovieYieldsChangedObject()
{
    HttpReceiver receiver;
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url(), {
            {QStringLiteral("callbackReference"), QJsonObject{{QStringLiteral("callbackData"), QStringLiteral("cb")}}}}));

    const TestReply created = m_client.send("POST", m_server->url(MoviesPath),
                                            R"({"movie":{"title":"Fresh","premiereDate":"2026-01-02"}})");
    QCOMPARE(created.status, 201);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QVERIFY(receiver.heads().at(0).toLower().contains("content-type: application/json"));
    const QJsonObject list = eventListsOf(receiver).at(0);
    QCOMPARE(list.value(QStringLiteral("callbackData")).toString(), QStringLiteral("cb"));
    QCOMPARE(list.value(QStringLiteral("index")).toInteger(), 1);
    QCOMPARE(list.value(QStringLiteral("link")).toArray().at(0).toObject().value(QStringLiteral("href")).toString(),
             subscription.value(QStringLiteral("resourceURL")).toString());

    const QJsonObject changed = eventsOf(receiver).at(0).value(QStringLiteral("changedObject")).toObject();
    QCOMPARE(changed.value(QStringLiteral("resourceURL")).toString(), QString::fromUtf8(created.header("Location")));
    QCOMPARE(changed.value(QStringLiteral("lastModSeq")).toInteger(), 1154);
    QVERIFY(changed.value(QStringLiteral("parentFolder")).toString().endsWith(
            QStringLiteral("/nms/v1/moviestore/premieres/folders/root")));
    QCOMPARE(changed.value(QStringLiteral("flags")).toObject(),
             QJsonObject({{QStringLiteral("flag"), QJsonArray()}}));
    QCOMPARE(changed.value(QStringLiteral("movie")).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("Fresh"));
}

void tst_SubscriptionApi::deletedMovieYieldsDeletedObject()
{
    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url()).status, 201);

    QCOMPARE(m_client.send("DELETE", m_server->url(SeededPath)).status, 204);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    const QList<QJsonObject> events = eventsOf(receiver);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).keys(), QStringList{QStringLiteral("deletedObject")});
    const QJsonObject deleted = events.at(0).value(QStringLiteral("deletedObject")).toObject();
    QVERIFY(deleted.value(QStringLiteral("resourceURL")).toString().endsWith(SeededPath));
    QCOMPARE(deleted.value(QStringLiteral("lastModSeq")).toInteger(), 1154);
    QVERIFY(!deleted.contains(QStringLiteral("parentFolder")));
}

void tst_SubscriptionApi::noOpWriteSendsNothing()
{
    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url()).status, 201);

    const QString premiere = m_client.get(m_server->url(SeededPath)).json.value(QStringLiteral("movie"))
                                     .toObject().value(QStringLiteral("premiereDate")).toString();
    QCOMPARE(patchSeeded(premiere).status, 200);
    QTest::qWait(300);
    QCOMPARE(receiver.bodies().size(), 0);

    QCOMPARE(patchSeeded(QStringLiteral("2020-12-12")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QCOMPARE(lastModSeqOf(eventsOf(receiver).at(0)), 1154);
}

void tst_SubscriptionApi::twoSubscribersBothReceive()
{
    HttpReceiver first;
    HttpReceiver second;
    QCOMPARE(subscribe(first.url()).status, 201);
    QCOMPARE(subscribe(second.url()).status, 201);

    QCOMPARE(patchSeeded(QStringLiteral("2020-11-11")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(first.bodies().size(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(second.bodies().size(), 1, WaitMs);
    QCOMPARE(eventsOf(first), eventsOf(second));
    QCOMPARE(eventListsOf(second).at(0).value(QStringLiteral("index")).toInteger(), 1);
}

void tst_SubscriptionApi::replayAfterThousandChanges()
{
    // 500 changes, then a token, then 500 more: a subscription created with that token
    // receives exactly the last 500, in order, in lists of at most 100 events.
    changeSeededMovie(500);
    HttpReceiver probe;
    const TestReply middle = subscribe(probe.url());
    QCOMPARE(middle.status, 201);
    const QString token = subscriptionOf(middle).value(QStringLiteral("restartToken")).toString();
    QCOMPARE(m_client.send("DELETE", QUrl(subscriptionOf(middle).value(QStringLiteral("resourceURL")).toString())).status, 204);
    changeSeededMovie(500);

    HttpReceiver receiver;
    const TestReply replaying = subscribe(receiver.url(), {{QStringLiteral("restartToken"), token}});
    QCOMPARE(replaying.status, 201);
    QCOMPARE(subscriptionOf(replaying).value(QStringLiteral("restartToken")).toString(), token);
    QCOMPARE(subscriptionOf(replaying).value(QStringLiteral("index")).toInteger(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(receiver).size(), 500, WaitMs);
    QTest::qWait(200);
    const QList<QJsonObject> events = eventsOf(receiver);
    QCOMPARE(events.size(), 500);
    for (qsizetype i = 0; i < events.size(); ++i)
        QCOMPARE(lastModSeqOf(events.at(i)), 1153 + 500 + 1 + i);

    const QList<QJsonObject> lists = eventListsOf(receiver);
    QCOMPARE(lists.size(), 5);
    for (qsizetype i = 0; i < lists.size(); ++i) {
        QCOMPARE(lists.at(i).value(QStringLiteral("index")).toInteger(), i + 1);
        QCOMPARE(lists.at(i).value(QStringLiteral("nmsEvent")).toArray().size(), 100);
    }
    QVERIFY(lists.last().value(QStringLiteral("restartToken")).toString() != token);
}

void tst_SubscriptionApi::replayIncludesDeletion()
{
    HttpReceiver probe;
    const QString token = subscriptionOf(subscribe(probe.url())).value(QStringLiteral("restartToken")).toString();
    QCOMPARE(patchSeeded(QStringLiteral("2020-10-10")).status, 200);
    QCOMPARE(m_client.send("DELETE", m_server->url(SeededPath)).status, 204);

    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url(), {{QStringLiteral("restartToken"), token}}).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(receiver).size(), 2, WaitMs);
    const QList<QJsonObject> events = eventsOf(receiver);
    QVERIFY(events.at(0).contains(QStringLiteral("changedObject")));
    QVERIFY(events.at(1).contains(QStringLiteral("deletedObject")));
    QCOMPARE(lastModSeqOf(events.at(1)), 1155);
}

void tst_SubscriptionApi::foreignTokenYieldsOneResetBox()
{
    const QString foreign = Marquee::RestartToken{QStringLiteral("otherdatabase"), 5}.toString();
    HttpReceiver receiver;
    const TestReply created = subscribe(receiver.url(), {{QStringLiteral("restartToken"), foreign}});
    QCOMPARE(created.status, 201);
    QCOMPARE(subscriptionOf(created).value(QStringLiteral("restartToken")).toString(), foreign);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QTest::qWait(300);
    QCOMPARE(receiver.bodies().size(), 1);
    const QList<QJsonObject> events = eventsOf(receiver);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).keys(), QStringList{QStringLiteral("resetBox")});

    // After the reset, changes flow with the next index.
    QCOMPARE(patchSeeded(QStringLiteral("2020-09-09")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 2, WaitMs);
    QCOMPARE(eventListsOf(receiver).at(1).value(QStringLiteral("index")).toInteger(), 2);
    QCOMPARE(lastModSeqOf(eventsOf(receiver).at(1)), 1154);
}

void tst_SubscriptionApi::prunedTokenYieldsOneResetBox()
{
    // Keep at most 10 entries: the 20 changes after the token push it out of the log.
    m_server->config().changeLogMaxEntries = 10;
    QVERIFY(m_server->start());

    HttpReceiver probe;
    const TestReply first = subscribe(probe.url());
    const QString token = subscriptionOf(first).value(QStringLiteral("restartToken")).toString();
    QCOMPARE(m_client.send("DELETE", QUrl(subscriptionOf(first).value(QStringLiteral("resourceURL")).toString())).status, 204);
    changeSeededMovie(20);
    QCOMPARE(m_server->server()->changeLogPruner()->prune(), 20);

    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url(), {{QStringLiteral("restartToken"), token}}).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QTest::qWait(300);
    QCOMPARE(eventsOf(receiver).size(), 1);
    QCOMPARE(eventsOf(receiver).at(0).keys(), QStringList{QStringLiteral("resetBox")});

    // A token inside the retained log still replays.
    const QString recent = eventListsOf(receiver).at(0).value(QStringLiteral("restartToken")).toString();
    changeSeededMovie(3);
    HttpReceiver replay;
    QCOMPARE(subscribe(replay.url(), {{QStringLiteral("restartToken"), recent}}).status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(replay).size(), 3, WaitMs);
    QVERIFY(eventsOf(replay).at(0).contains(QStringLiteral("changedObject")));
}

void tst_SubscriptionApi::laggingCursorAfterPruneYieldsResetBox()
{
    // A long request timeout, so that even on a loaded machine the ten changes and the
    // pruning below happen while the first attempt still hangs.
    m_server->config().changeLogMaxEntries = 5;
    m_server->config().notifyRequestTimeout = 4000;
    QVERIFY(m_server->start());

    // The first attempt hangs until its timeout, which keeps the cursor behind while ten
    // more changes arrive and pruning removes the ones it has not reached.
    HttpReceiver receiver({0});
    QCOMPARE(subscribe(receiver.url()).status, 201);
    changeSeededMovie(1);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 1, WaitMs);
    changeSeededMovie(10);
    QCOMPARE(m_server->server()->changeLogPruner()->prune(), 11);

    // The retry delivers the notification built before pruning; then the cursor lies in
    // the pruned part, so the next notification is a resetBox.
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 3, WaitMs);
    QCOMPARE(receiver.statuses(), (QList<int>{0, 204, 204}));
    const QList<QJsonObject> lists = eventListsOf(receiver);
    QCOMPARE(lastModSeqOf(lists.at(1).value(QStringLiteral("nmsEvent")).toArray().at(0).toObject()), 1154);
    QCOMPARE(lists.at(2).value(QStringLiteral("index")).toInteger(), 2);
    QCOMPARE(lists.at(2).value(QStringLiteral("nmsEvent")).toArray().at(0).toObject().keys(),
             QStringList{QStringLiteral("resetBox")});
    QTest::qWait(300);
    QCOMPARE(receiver.statuses().size(), 3);
}

void tst_SubscriptionApi::updateExtendsDuration()
{
    HttpReceiver receiver;
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url(), {{QStringLiteral("duration"), 60}}));

    const TestReply extended = update(subscription, {{QStringLiteral("duration"), 3600}});
    QCOMPARE(extended.status, 200);
    QCOMPARE(subscriptionOf(extended).value(QStringLiteral("duration")).toInteger(), 3600);
    QCOMPARE(subscriptionOf(extended).value(QStringLiteral("resourceURL")),
             subscription.value(QStringLiteral("resourceURL")));

    // Without a duration the expiry stays; 0 means the default.
    const TestReply unchanged = update(subscription, {});
    QVERIFY(subscriptionOf(unchanged).value(QStringLiteral("duration")).toInteger() > 3590);
    QVERIFY(subscriptionOf(unchanged).value(QStringLiteral("duration")).toInteger() <= 3600);
    QCOMPARE(subscriptionOf(update(subscription, {{QStringLiteral("duration"), 0}}))
                     .value(QStringLiteral("duration")).toInteger(), 86400);
}

void tst_SubscriptionApi::indexContinuesAcrossUpdate()
{
    HttpReceiver receiver;
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url()));

    QCOMPARE(patchSeeded(QStringLiteral("2020-08-01")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QCOMPARE(patchSeeded(QStringLiteral("2020-08-02")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 2, WaitMs);
    const QString afterFirst = eventListsOf(receiver).at(0).value(QStringLiteral("restartToken")).toString();

    // Rewind to just after the first change: the response echoes the token and names the
    // next index, 3, which the replay of the second change then carries.
    const TestReply rewound = update(subscription, {{QStringLiteral("restartToken"), afterFirst}});
    QCOMPARE(rewound.status, 200);
    QCOMPARE(subscriptionOf(rewound).value(QStringLiteral("restartToken")).toString(), afterFirst);
    QCOMPARE(subscriptionOf(rewound).value(QStringLiteral("index")).toInteger(), 3);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 3, WaitMs);
    const QJsonObject replayed = eventListsOf(receiver).at(2);
    QCOMPARE(replayed.value(QStringLiteral("index")).toInteger(), 3);
    QCOMPARE(replayed.value(QStringLiteral("nmsEvent")).toArray().size(), 1);
    QCOMPARE(lastModSeqOf(replayed.value(QStringLiteral("nmsEvent")).toArray().at(0).toObject()), 1155);

    QCOMPARE(subscriptionOf(m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString())))
                     .value(QStringLiteral("index")).toInteger(), 4);
}

void tst_SubscriptionApi::updateWithStaleTokenResets()
{
    HttpReceiver receiver;
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url()));
    const QString foreign = Marquee::RestartToken{QStringLiteral("elsewhere"), 1}.toString();

    const TestReply updated = update(subscription, {{QStringLiteral("restartToken"), foreign}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(subscriptionOf(updated).value(QStringLiteral("index")).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QCOMPARE(eventsOf(receiver).at(0).keys(), QStringList{QStringLiteral("resetBox")});

    // The reset survives a restart until it is delivered.
    HttpReceiver later({0});
    const QJsonObject second = subscriptionOf(subscribe(later.url()));
    QCOMPARE(update(second, {{QStringLiteral("restartToken"), foreign}}).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(later.bodies().size(), 1, WaitMs);
    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(later.bodies().size(), 2, WaitMs);
    QCOMPARE(eventsOf(later).at(1).keys(), QStringList{QStringLiteral("resetBox")});
}

void tst_SubscriptionApi::filterByObjectIds()
{
    const QString otherId = m_client.get(m_server->url(MoviesPath + QStringLiteral("?limit=1")))
                                    .json.value(QStringLiteral("movieList")).toObject()
                                    .value(QStringLiteral("movie")).toArray().at(0).toObject()
                                    .value(QStringLiteral("id")).toString();
    const QJsonObject filter{
            {QStringLiteral("criterion"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Attribute")},
                                    {QStringLiteral("name"), QStringLiteral("id")},
                                    {QStringLiteral("value"), otherId}},
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("Attribute")},
                                    {QStringLiteral("name"), QStringLiteral("id")},
                                    {QStringLiteral("value"), QStringLiteral("no-such-movie")}}}},
            {QStringLiteral("operator"), QStringLiteral("Or")}};
    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url(), {{QStringLiteral("filter"), filter}}).status, 201);

    // A change of another movie is skipped and uses no index.
    QCOMPARE(patchSeeded(QStringLiteral("2020-07-07")).status, 200);
    QTest::qWait(300);
    QCOMPARE(receiver.bodies().size(), 0);

    QCOMPARE(m_client.send("PATCH", m_server->url(MoviesPath + QLatin1Char('/') + otherId),
                           R"({"description":"Filtered in."})", "application/merge-patch+json").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    const QJsonObject list = eventListsOf(receiver).at(0);
    QCOMPARE(list.value(QStringLiteral("index")).toInteger(), 1);
    QCOMPARE(list.value(QStringLiteral("nmsEvent")).toArray().size(), 1);
    QCOMPARE(lastModSeqOf(list.value(QStringLiteral("nmsEvent")).toArray().at(0).toObject()), 1155);
}

void tst_SubscriptionApi::filterByPremiereRange()
{
    const QJsonObject filter{{QStringLiteral("criterion"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("Date")},
                                          {QStringLiteral("name"), QStringLiteral("premiereDate")},
                                          {QStringLiteral("value"),
                                           QStringLiteral("minDate=2030-01-01&maxDate=2031-01-01T00:00:00Z")}}}};
    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url(), {{QStringLiteral("filter"), filter}}).status, 201);

    QCOMPARE(patchSeeded(QStringLiteral("2029-12-31T23:59:59Z")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2030-06-01")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2031-01-01")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2030-12-31T23:00:00-02:00")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2030-01-01T00:00:00Z")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(receiver).size(), 2, WaitMs);
    QTest::qWait(300);
    const QList<QJsonObject> events = eventsOf(receiver);
    QCOMPARE(events.size(), 2);
    QCOMPARE(lastModSeqOf(events.at(0)), 1155);
    QCOMPARE(lastModSeqOf(events.at(1)), 1158);
}

void tst_SubscriptionApi::filterVanishedObjects()
{
    const QJsonObject filter{{QStringLiteral("criterion"),
                              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("VanishedObjects")},
                                                     {QStringLiteral("value"), QString()}}}}};
    HttpReceiver receiver;
    QCOMPARE(subscribe(receiver.url(), {{QStringLiteral("filter"), filter}}).status, 201);

    QCOMPARE(patchSeeded(QStringLiteral("2020-05-05")).status, 200);
    QCOMPARE(m_client.send("DELETE", m_server->url(SeededPath)).status, 204);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QTest::qWait(200);
    QCOMPARE(eventsOf(receiver).size(), 1);
    QVERIFY(eventsOf(receiver).at(0).contains(QStringLiteral("deletedObject")));
}

void tst_SubscriptionApi::filterEchoedInResponses()
{
    const QJsonObject filter{{QStringLiteral("criterion"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("Date")},
                                          {QStringLiteral("value"), QStringLiteral("maxDate=2021-01-01")}}}};
    HttpReceiver receiver;
    const TestReply created = subscribe(receiver.url(), {{QStringLiteral("filter"), filter}});
    QCOMPARE(created.status, 201);

    const QJsonObject expected{
            {QStringLiteral("criterion"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Date")},
                                    {QStringLiteral("value"), QStringLiteral("maxDate=2021-01-01")}}}},
            {QStringLiteral("operator"), QStringLiteral("And")}};
    QCOMPARE(subscriptionOf(created).value(QStringLiteral("filter")).toObject(), expected);

    // The stored filter outlives a restart.
    QVERIFY(m_server->start());
    const TestReply read = m_client.get(QUrl(subscriptionOf(created).value(QStringLiteral("resourceURL")).toString()));
    QCOMPARE(subscriptionOf(read).value(QStringLiteral("filter")).toObject(), expected);
}

void tst_SubscriptionApi::retriesAfterTwo503s()
{
    HttpReceiver receiver({503, 503});
    QCOMPARE(subscribe(receiver.url()).status, 201);
    QCOMPARE(patchSeeded(QStringLiteral("2020-04-04")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 3, WaitMs);
    QCOMPARE(receiver.statuses(), (QList<int>{503, 503, 204}));
    // Every attempt carries the same notification.
    QCOMPARE(receiver.bodies().at(0), receiver.bodies().at(2));
    QCOMPARE(eventListsOf(receiver).at(2).value(QStringLiteral("index")).toInteger(), 1);

    // The cursor moved: the next change is index 2.
    QCOMPARE(patchSeeded(QStringLiteral("2020-04-05")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 4, WaitMs);
    QCOMPARE(eventListsOf(receiver).at(3).value(QStringLiteral("index")).toInteger(), 2);
}

void tst_SubscriptionApi::retriesAfterTimeout()
{
    // The first request gets no response; the 500 ms timeout ends that attempt.
    HttpReceiver receiver({0});
    QCOMPARE(subscribe(receiver.url()).status, 201);
    QCOMPARE(patchSeeded(QStringLiteral("2020-03-03")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 2, WaitMs);
    QCOMPARE(receiver.statuses(), (QList<int>{0, 204}));
    QCOMPARE(receiver.bodies().at(0), receiver.bodies().at(1));
}

void tst_SubscriptionApi::clientErrorEndsSubscription()
{
    HttpReceiver receiver({410});
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url()));
    QCOMPARE(patchSeeded(QStringLiteral("2020-02-02")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(receiver.statuses().size(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString())).status,
                              404, WaitMs);
    QCOMPARE(patchSeeded(QStringLiteral("2020-02-03")).status, 200);
    QTest::qWait(300);
    QCOMPARE(receiver.statuses().size(), 1);
}

void tst_SubscriptionApi::expiryEndsSubscriptionSilently()
{
    HttpReceiver receiver;
    const QJsonObject subscription = subscriptionOf(subscribe(receiver.url(), {{QStringLiteral("duration"), 1}}));
    QCOMPARE(subscription.value(QStringLiteral("duration")).toInteger(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(m_client.get(QUrl(subscription.value(QStringLiteral("resourceURL")).toString())).status,
                              404, WaitMs);
    QCOMPARE(update(subscription, {{QStringLiteral("duration"), 60}}).status, 404);
    QCOMPARE(patchSeeded(QStringLiteral("2020-01-31")).status, 200);
    QTest::qWait(300);
    // NMS 1.0 has no notification for the end of a subscription.
    QCOMPARE(receiver.bodies().size(), 0);
}

void tst_SubscriptionApi::notificationsKeepOrderPerSubscription()
{
    // A receiver that fails the first attempt of the first notification must still get
    // the notifications in index order.
    HttpReceiver receiver({503});
    QCOMPARE(subscribe(receiver.url()).status, 201);
    QCOMPARE(patchSeeded(QStringLiteral("2020-01-10")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2020-01-11")).status, 200);
    QCOMPARE(patchSeeded(QStringLiteral("2020-01-12")).status, 200);

    QTRY_COMPARE_WITH_TIMEOUT(eventsOf(receiver).size() - 1, 3, WaitMs);
    QList<qint64> seen;
    const QList<QJsonObject> lists = eventListsOf(receiver);
    for (qsizetype i = 1; i < lists.size(); ++i) {
        QCOMPARE(lists.at(i).value(QStringLiteral("index")).toInteger(), i);
        for (const QJsonValue &event : lists.at(i).value(QStringLiteral("nmsEvent")).toArray())
            seen.append(lastModSeqOf(event.toObject()));
    }
    QCOMPARE(seen, (QList<qint64>{1154, 1155, 1156}));
}

void tst_SubscriptionApi::xmlSubscriptionGetsXmlNotifications()
{
    // The subscription itself is created with an XML body, including a filter.
    HttpReceiver receiver;
    const QByteArray xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<nms:nmsSubscription xmlns:nms=\"urn:oma:xml:rest:netapi:nms:1\">"
            "<callbackReference><notifyURL>" + receiver.url().toEncoded() + "</notifyURL>"
            "<callbackData>x1</callbackData><notificationFormat>XML</notificationFormat>"
            "</callbackReference><duration>600</duration>"
            "<filter><criterion><type>Attribute</type><name>id</name><value>the-grudge-2020</value>"
            "</criterion></filter></nms:nmsSubscription>";
    const TestReply created = m_client.send("POST", m_server->url(SubscriptionsPath), xml, "application/xml");
    QCOMPARE(created.status, 201);

    QCOMPARE(patchSeeded(QStringLiteral("2020-06-06")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.bodies().size(), 1, WaitMs);
    QVERIFY(receiver.heads().at(0).toLower().contains("content-type: application/xml"));

    const QByteArray body = receiver.bodies().at(0);
    QVERIFY2(body.contains("urn:oma:xml:rest:netapi:nms:1"), body.constData());
    QVERIFY(body.contains("nmsEventList"));
    QVERIFY(body.contains("<callbackData>x1</callbackData>"));
    QVERIFY(body.contains("<index>1</index>"));
    // XSD order inside changedObject: parentFolder, flags, resourceURL, lastModSeq.
    const qsizetype parentFolder = body.indexOf("<parentFolder>");
    const qsizetype flags = body.indexOf("<flags");
    const qsizetype resourceURL = body.indexOf("<resourceURL>");
    const qsizetype lastModSeq = body.indexOf("<lastModSeq>1154</lastModSeq>");
    QVERIFY(parentFolder > 0);
    QVERIFY(parentFolder < flags);
    QVERIFY(flags < resourceURL);
    QVERIFY(resourceURL < lastModSeq);
    QVERIFY(body.contains("<premiereDate>2020-06-06</premiereDate>"));
}

QTEST_GUILESS_MAIN(tst_SubscriptionApi)
#include "tst_subscriptionapi.moc"
