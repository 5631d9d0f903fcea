#include "jsonmergepatch.h"
#include "jsonvalues.h"
#include "movie.h"
#include "nmseventlist.h"
#include "nmssubscription.h"
#include "notificationchannel.h"
#include "requesterror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Marquee;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("Invalid JSON in a test row: %s", json);
    return document.object();
}

} // namespace

class tst_Codecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void channelDecode_data();
    void channelDecode();
    void channelDecodeRejects_data();
    void channelDecodeRejects();
    void channelEncodeUsesNumbers();
    void channelRoundTrip();

    void subscriptionDecode_data();
    void subscriptionDecode();
    void subscriptionDecodeRejects_data();
    void subscriptionDecodeRejects();
    void subscriptionRoundTrip();

    void moviePremiereDate_data();
    void moviePremiereDate();
    void movieDecodeRejects_data();
    void movieDecodeRejects();
    void movieLiberalInput();
    void movieRoundTrip();

    void mergePatch_data();
    void mergePatch();

    void eventListArrays();
    void eventListDeletedAndReset();
    void eventListDecodeRoundTrip();
    void eventListDecodeLiberal();
    void eventListDecodeRejects_data();
    void eventListDecodeRejects();
    void movieFromServerMembers();

    void requestErrorRoundTrip();
    void requestErrorMessage();
    void listAcceptsSingleValue();
};

void tst_Codecs::channelDecode_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("channelType");
    QTest::addColumn<qint64>("maxNotifications");
    QTest::addColumn<qint64>("channelLifetime");
    QTest::addColumn<QString>("clientCorrelator");
    QTest::addColumn<QString>("applicationTag");

    // The create request of the specification's WebSockets example, numbers as strings.
    QTest::newRow("spec websockets example")
            << QByteArray(R"({"notificationChannel":{"applicationTag":"myApp",)"
                          R"("channelData":{"maxNotifications":"5"},"channelLifetime":"7200",)"
                          R"("channelType":"WebSockets","clientCorrelator":"987"}})")
            << "WebSockets" << qint64(5) << qint64(7200) << "987" << "myApp";
    QTest::newRow("numbers as numbers")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets",)"
                          R"("clientCorrelator":"c1","applicationTag":"demo",)"
                          R"("channelData":{"maxNotifications":5},"channelLifetime":3600}})")
            << "WebSockets" << qint64(5) << qint64(3600) << "c1" << "demo";
    QTest::newRow("unknown members ignored")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","colour":"red",)"
                          R"("channelData":{"maxNotifications":2,"extra":[1,2]},"x":{}},"y":1})")
            << "WebSockets" << qint64(2) << qint64(-1) << "" << "";
    QTest::newRow("null channelData")
            << QByteArray(R"({"notificationChannel":{"channelType":"LongPolling","channelData":null}})")
            << "LongPolling" << qint64(-1) << qint64(-1) << "" << "";
    QTest::newRow("empty correlator counts as absent")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","clientCorrelator":""}})")
            << "WebSockets" << qint64(-1) << qint64(-1) << "" << "";
}

void tst_Codecs::channelDecode()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, channelType);
    QFETCH(qint64, maxNotifications);
    QFETCH(qint64, channelLifetime);
    QFETCH(QString, clientCorrelator);
    QFETCH(QString, applicationTag);

    const auto channel = NotificationChannel::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(channel.hasValue(), qPrintable(channel ? QString() : channel.error().message()));
    QCOMPARE(channel->channelType, channelType);
    QCOMPARE(channel->maxNotifications.value_or(-1), maxNotifications);
    QCOMPARE(channel->channelLifetime.value_or(-1), channelLifetime);
    QCOMPARE(channel->clientCorrelator, clientCorrelator);
    QCOMPARE(channel->applicationTag, applicationTag);
}

void tst_Codecs::channelDecodeRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("part");

    QTest::newRow("missing root") << QByteArray(R"({"channel":{}})") << "notificationChannel";
    QTest::newRow("root is an array")
            << QByteArray(R"({"notificationChannel":[]})") << "notificationChannel";
    QTest::newRow("missing channelType")
            << QByteArray(R"({"notificationChannel":{"channelLifetime":10}})")
            << "notificationChannel.channelType";
    QTest::newRow("channelType is an object")
            << QByteArray(R"({"notificationChannel":{"channelType":{}}})")
            << "notificationChannel.channelType";
    QTest::newRow("negative lifetime")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelLifetime":-1}})")
            << "notificationChannel.channelLifetime";
    QTest::newRow("huge lifetime")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelLifetime":1e15}})")
            << "notificationChannel.channelLifetime";
    QTest::newRow("fractional lifetime")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelLifetime":1.5}})")
            << "notificationChannel.channelLifetime";
    QTest::newRow("lifetime not a number")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelLifetime":"soon"}})")
            << "notificationChannel.channelLifetime";
    QTest::newRow("zero maxNotifications")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelData":{"maxNotifications":0}}})")
            << "notificationChannel.channelData.maxNotifications";
    QTest::newRow("channelData a string")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","channelData":"x"}})")
            << "notificationChannel.channelData";
    QTest::newRow("over-long correlator")
            << QByteArray(R"({"notificationChannel":{"channelType":"WebSockets","clientCorrelator":")")
                       + QByteArray(300, 'c') + QByteArray(R"("}})")
            << "notificationChannel.clientCorrelator";
}

void tst_Codecs::channelDecodeRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, part);

    const auto channel = NotificationChannel::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!channel.hasValue());
    QCOMPARE(channel.error().messageId, QStringLiteral("SVC0002"));
    QCOMPARE(channel.error().httpStatus, 400);
    QCOMPARE(channel.error().variables.value(0), part);
}

void tst_Codecs::channelEncodeUsesNumbers()
{
    NotificationChannel channel;
    channel.channelType = QStringLiteral("WebSockets");
    channel.maxNotifications = 5;
    channel.channelLifetime = 3600;
    channel.channelURL = QUrl(QStringLiteral("ws://127.0.0.1:1/notificationchannel/v1/u/channels/c/ws"));

    const QJsonObject fields = channel.toJson().value(QStringLiteral("notificationChannel")).toObject();
    QVERIFY(fields.value(QStringLiteral("channelLifetime")).isDouble());
    const QJsonObject data = fields.value(QStringLiteral("channelData")).toObject();
    QVERIFY(data.value(QStringLiteral("maxNotifications")).isDouble());
    QCOMPARE(data.value(QStringLiteral("channelURL")).toString(), channel.channelURL.toString());
    QVERIFY(!fields.contains(QStringLiteral("clientCorrelator")));
    QVERIFY(!fields.contains(QStringLiteral("applicationTag")));
}

void tst_Codecs::channelRoundTrip()
{
    NotificationChannel channel;
    channel.channelType = QStringLiteral("WebSockets");
    channel.clientCorrelator = QStringLiteral("c1");
    channel.applicationTag = QStringLiteral("demo");
    channel.maxNotifications = 7;
    channel.channelLifetime = 60;

    const auto decoded = NotificationChannel::fromJson(channel.toJson());
    QVERIFY(decoded.hasValue());
    QCOMPARE(decoded->channelType, channel.channelType);
    QCOMPARE(decoded->clientCorrelator, channel.clientCorrelator);
    QCOMPARE(decoded->applicationTag, channel.applicationTag);
    QCOMPARE(decoded->maxNotifications, channel.maxNotifications);
    QCOMPARE(decoded->channelLifetime, channel.channelLifetime);
}

void tst_Codecs::subscriptionDecode_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("notifyURL");
    QTest::addColumn<QString>("callbackData");
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<QString>("clientCorrelator");
    QTest::addColumn<QString>("restartToken");

    // The shape of the specification's create example.
    QTest::newRow("spec create example")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":)"
                          R"("http://application.example.com/notifications/NmsNotification",)"
                          R"("callbackData":"abcd"},"duration":7200,"clientCorrelator":"123"}})")
            << "http://application.example.com/notifications/NmsNotification" << "abcd"
            << qint64(7200) << "123" << "";
    QTest::newRow("duration as string, token given")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"https://h/x"},)"
                          R"("duration":"60","restartToken":"t-1"}})")
            << "https://h/x" << "" << qint64(60) << "" << "t-1";
    QTest::newRow("unknown members ignored")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"http://h/",)"
                          R"("foo":1},"bar":[true]}})")
            << "http://h/" << "" << qint64(-1) << "" << "";
}

void tst_Codecs::subscriptionDecode()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, notifyURL);
    QFETCH(QString, callbackData);
    QFETCH(qint64, duration);
    QFETCH(QString, clientCorrelator);
    QFETCH(QString, restartToken);

    const auto subscription = NmsSubscription::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(subscription.hasValue(),
             qPrintable(subscription ? QString() : subscription.error().message()));
    QCOMPARE(subscription->callbackReference.notifyURL.toString(), notifyURL);
    QCOMPARE(subscription->callbackReference.callbackData, callbackData);
    QCOMPARE(subscription->duration.value_or(-1), duration);
    QCOMPARE(subscription->clientCorrelator, clientCorrelator);
    QCOMPARE(subscription->restartToken, restartToken);
}

void tst_Codecs::subscriptionDecodeRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("part");

    QTest::newRow("missing callbackReference")
            << QByteArray(R"({"nmsSubscription":{"duration":5}})")
            << "nmsSubscription.callbackReference";
    QTest::newRow("missing notifyURL")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"callbackData":"x"}}})")
            << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("relative notifyURL")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"/x"}}})")
            << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("ftp notifyURL")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"ftp://h/x"}}})")
            << "nmsSubscription.callbackReference.notifyURL";
    QTest::newRow("unknown notificationFormat")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"http://h/",)"
                          R"("notificationFormat":"YAML"}}})")
            << "nmsSubscription.callbackReference.notificationFormat";
    QTest::newRow("negative duration")
            << QByteArray(R"({"nmsSubscription":{"callbackReference":{"notifyURL":"http://h/"},"duration":-5}})")
            << "nmsSubscription.duration";
}

void tst_Codecs::subscriptionDecodeRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, part);

    const auto subscription = NmsSubscription::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!subscription.hasValue());
    QCOMPARE(subscription.error().messageId, QStringLiteral("SVC0002"));
    QCOMPARE(subscription.error().variables.value(0), part);
}

void tst_Codecs::subscriptionRoundTrip()
{
    NmsSubscription subscription;
    subscription.callbackReference.notifyURL = QUrl(QStringLiteral("http://127.0.0.1/cb/a%2Fb"));
    subscription.callbackReference.callbackData = QStringLiteral("abc");
    subscription.duration = 3600;
    subscription.clientCorrelator = QStringLiteral("s1");
    subscription.restartToken = QStringLiteral("token");
    subscription.index = 4;
    subscription.resourceURL = QUrl(QStringLiteral("http://127.0.0.1/nms/v1/s/b/subscriptions/x"));

    const QJsonObject encoded = subscription.toJson();
    const QJsonObject fields = encoded.value(QStringLiteral("nmsSubscription")).toObject();
    QVERIFY(fields.value(QStringLiteral("duration")).isDouble());
    QVERIFY(fields.value(QStringLiteral("index")).isDouble());
    QCOMPARE(fields.value(QStringLiteral("resourceURL")).toString(),
             subscription.resourceURL.toString());

    const auto decoded = NmsSubscription::fromJson(encoded);
    QVERIFY(decoded.hasValue());
    QCOMPARE(decoded->callbackReference.notifyURL, subscription.callbackReference.notifyURL);
    QCOMPARE(decoded->callbackReference.callbackData, subscription.callbackReference.callbackData);
    QCOMPARE(decoded->duration, subscription.duration);
    QCOMPARE(decoded->clientCorrelator, subscription.clientCorrelator);
    QCOMPARE(decoded->restartToken, subscription.restartToken);
}

void tst_Codecs::moviePremiereDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("ordinary date") << "2021-10-22" << true;
    QTest::newRow("leap day") << "2024-02-29" << true;
    QTest::newRow("leap day in a common year") << "2023-02-29" << false;
    QTest::newRow("february 30") << "2023-02-30" << false;
    QTest::newRow("month 13") << "2023-13-01" << false;
    QTest::newRow("day 0") << "2023-01-00" << false;
    QTest::newRow("no zero padding") << "2023-2-3" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("words") << "next friday" << false;
    QTest::newRow("trailing space") << "2023-02-03 " << false;
}

void tst_Codecs::moviePremiereDate()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);

    QCOMPARE(Movie::parsePremiereDate(text).has_value(), valid);

    QJsonObject members{{QStringLiteral("title"), QStringLiteral("T")},
                        {QStringLiteral("premiereDate"), text}};
    const auto movie = Movie::fromWritableMembers(members);
    QCOMPARE(movie.hasValue(), valid);
    if (!valid) {
        QCOMPARE(movie.error().variables.value(0), QStringLiteral("movie.premiereDate"));
        QCOMPARE(movie.error().variables.value(1), text);
    }
}

void tst_Codecs::movieDecodeRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("part");

    QTest::newRow("missing title") << QByteArray(R"({"premiereDate":"2021-01-01"})") << "movie.title";
    QTest::newRow("blank title")
            << QByteArray(R"({"title":"  ","premiereDate":"2021-01-01"})") << "movie.title";
    QTest::newRow("missing premiereDate") << QByteArray(R"({"title":"T"})") << "movie.premiereDate";
    QTest::newRow("year too small")
            << QByteArray(R"({"title":"T","premiereDate":"2021-01-01","year":1200})") << "movie.year";
    QTest::newRow("year not a number")
            << QByteArray(R"({"title":"T","premiereDate":"2021-01-01","year":"soon"})") << "movie.year";
    QTest::newRow("genres with a number")
            << QByteArray(R"({"title":"T","premiereDate":"2021-01-01","genres":["Drama",3]})")
            << "movie.genres";
    QTest::newRow("unknown member")
            << QByteArray(R"({"title":"T","premiereDate":"2021-01-01","rating":5})") << "movie.rating";
}

void tst_Codecs::movieDecodeRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, part);

    const auto movie = Movie::fromWritableMembers(QJsonDocument::fromJson(json).object());
    QVERIFY(!movie.hasValue());
    QCOMPARE(movie.error().messageId, QStringLiteral("SVC0002"));
    QCOMPARE(movie.error().variables.value(0), part);
}

void tst_Codecs::movieLiberalInput()
{
    // Year as a string, one genre as a bare string, read-only members sent back as read.
    const auto movie = Movie::fromJson(parse(
            R"({"movie":{"title":"Dune","year":"2021","premiereDate":"2021-10-22",)"
            R"("genres":"Science Fiction","resourceURL":"http://x/","lastModSeq":4}})"));
    QVERIFY(movie.hasValue());
    QCOMPARE(movie->year, 2021);
    QCOMPARE(movie->genres, QStringList{QStringLiteral("Science Fiction")});
    QVERIFY(movie->resourceURL.isEmpty());
    QCOMPARE(movie->lastModSeq, 0);
}

void tst_Codecs::movieRoundTrip()
{
    Movie movie;
    movie.id = QStringLiteral("dune-2021");
    movie.title = QStringLiteral("Dune");
    movie.year = 2021;
    movie.premiereDate = QDate(2021, 10, 22);
    movie.genres = {QStringLiteral("Science Fiction")};
    movie.cast = {QStringLiteral("Timothée Chalamet"), QStringLiteral("Zendaya")};
    movie.description = QStringLiteral("A desert planet.");
    movie.lastModSeq = 17;
    movie.resourceURL = QUrl(QStringLiteral("http://127.0.0.1/movies/v1/premieres/movies/dune-2021"));

    const QJsonObject encoded = movie.toJson();
    const QJsonObject fields = encoded.value(QStringLiteral("movie")).toObject();
    QCOMPARE(fields.value(QStringLiteral("premiereDate")).toString(), QStringLiteral("2021-10-22"));
    QCOMPARE(fields.value(QStringLiteral("lastModSeq")).toInteger(), 17);
    QCOMPARE(fields.value(QStringLiteral("year")).toInteger(), 2021);

    const auto decoded = Movie::fromJson(encoded);
    QVERIFY(decoded.hasValue());
    QVERIFY(decoded->hasSameContent(movie));
}

void tst_Codecs::mergePatch_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("replace member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":"c"})")
                                    << QByteArray(R"({"a":"c"})");
    QTest::newRow("add member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"b":"c"})")
                                << QByteArray(R"({"a":"b","b":"c"})");
    QTest::newRow("null removes") << QByteArray(R"({"a":"b","b":"c"})") << QByteArray(R"({"a":null})")
                                  << QByteArray(R"({"b":"c"})");
    QTest::newRow("arrays replace") << QByteArray(R"({"a":[1,2]})") << QByteArray(R"({"a":[3]})")
                                    << QByteArray(R"({"a":[3]})");
    QTest::newRow("nested merge") << QByteArray(R"({"a":{"b":"c","d":"e"}})")
                                  << QByteArray(R"({"a":{"d":null,"f":"g"}})")
                                  << QByteArray(R"({"a":{"b":"c","f":"g"}})");
    QTest::newRow("object replaces scalar") << QByteArray(R"({"a":"x"})")
                                            << QByteArray(R"({"a":{"b":null,"c":1}})")
                                            << QByteArray(R"({"a":{"c":1}})");
}

void tst_Codecs::mergePatch()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);

    const QJsonValue result = applyMergePatch(QJsonDocument::fromJson(target).object(),
                                              QJsonDocument::fromJson(patch).object());
    QCOMPARE(result.toObject(), QJsonDocument::fromJson(expected).object());
}

void tst_Codecs::eventListArrays()
{
    NmsEvent event;
    event.kind = NmsEvent::Kind::ChangedObject;
    event.parentFolder = QUrl(QStringLiteral("http://h/nms/v1/s/b/folders/root"));
    event.resourceURL = QUrl(QStringLiteral("http://h/movies/v1/b/movies/m"));
    event.lastModSeq = 9;
    event.extension.insert(QStringLiteral("movie"), QJsonObject{{QStringLiteral("id"), QStringLiteral("m")}});

    NmsEventList list;
    list.events = {event};
    list.callbackData = QStringLiteral("abc");
    list.index = 1;
    list.restartToken = QStringLiteral("tok");
    list.links = {Link{QStringLiteral("NmsSubscription"), QUrl(QStringLiteral("http://h/s/1"))}};

    const QJsonObject expected = parse(
            R"({"nmsEventList":{"nmsEvent":[{"changedObject":{"parentFolder":)"
            R"("http://h/nms/v1/s/b/folders/root","flags":{"flag":[]},"resourceURL":)"
            R"("http://h/movies/v1/b/movies/m","lastModSeq":9,"movie":{"id":"m"}}}],)"
            R"("callbackData":"abc","index":1,"restartToken":"tok",)"
            R"("link":[{"rel":"NmsSubscription","href":"http://h/s/1"}]}})");
    QCOMPARE(list.toJson(), expected);
}

void tst_Codecs::eventListDeletedAndReset()
{
    NmsEvent deleted;
    deleted.kind = NmsEvent::Kind::DeletedObject;
    deleted.resourceURL = QUrl(QStringLiteral("http://h/m"));
    deleted.lastModSeq = 3;
    const QJsonObject expectedDeleted =
            parse(R"({"deletedObject":{"resourceURL":"http://h/m","lastModSeq":3}})");
    QCOMPARE(deleted.toJson(), expectedDeleted);

    NmsEvent reset;
    reset.kind = NmsEvent::Kind::ResetBox;
    const QJsonObject expectedReset = parse(R"({"resetBox":{}})");
    QCOMPARE(reset.toJson(), expectedReset);
}

void tst_Codecs::eventListDecodeRoundTrip()
{
    NmsEvent changed;
    changed.kind = NmsEvent::Kind::ChangedObject;
    changed.parentFolder = QUrl(QStringLiteral("http://h/nms/v1/s/b/folders/root"));
    changed.flags = {QStringLiteral("\\Seen")};
    changed.resourceURL = QUrl(QStringLiteral("http://h/movies/v1/b/movies/m"));
    changed.lastModSeq = 9;
    changed.extension.insert(QStringLiteral("movie"), QJsonObject{{QStringLiteral("id"), QStringLiteral("m")}});
    NmsEvent deleted;
    deleted.kind = NmsEvent::Kind::DeletedObject;
    deleted.resourceURL = QUrl(QStringLiteral("http://h/movies/v1/b/movies/n"));
    deleted.lastModSeq = 10;
    NmsEvent reset;
    reset.kind = NmsEvent::Kind::ResetBox;

    NmsEventList list;
    list.events = {changed, deleted, reset};
    list.callbackData = QStringLiteral("abc");
    list.index = 7;
    list.restartToken = QStringLiteral("tok");
    list.links = {Link{QStringLiteral("NmsSubscription"), QUrl(QStringLiteral("http://h/s/1"))}};

    const Result<NmsEventList> decoded = NmsEventList::fromJson(list.toJson());
    QVERIFY(decoded);
    QCOMPARE(decoded->toJson(), list.toJson());
    QCOMPARE(decoded->events.size(), 3);
    QCOMPARE(decoded->events.at(0).kind, NmsEvent::Kind::ChangedObject);
    QCOMPARE(decoded->events.at(0).extension, changed.extension);
    QCOMPARE(decoded->events.at(1).kind, NmsEvent::Kind::DeletedObject);
    QCOMPARE(decoded->events.at(1).lastModSeq, 10);
    QCOMPARE(decoded->events.at(2).kind, NmsEvent::Kind::ResetBox);
    QCOMPARE(decoded->index, 7);
    QCOMPARE(decoded->links.at(0).href, QUrl(QStringLiteral("http://h/s/1")));
}

void tst_Codecs::eventListDecodeLiberal()
{
    // One event as a bare object, numbers as strings, a link without an array, and an
    // event kind from a later NMS version, which is skipped.
    const Result<NmsEventList> decoded = NmsEventList::fromJson(parse(
            R"({"nmsEventList":{"nmsEvent":{"deletedObject":{"resourceURL":"http://h/m",)"
            R"("lastModSeq":"12"}},"index":"3","restartToken":"t",)"
            R"("link":{"rel":"NmsSubscription","href":"http://h/s/2"}}})"));
    QVERIFY(decoded);
    QCOMPARE(decoded->events.size(), 1);
    QCOMPARE(decoded->events.at(0).lastModSeq, 12);
    QCOMPARE(decoded->index, 3);
    QCOMPARE(decoded->links.size(), 1);

    const Result<NmsEventList> withUnknown = NmsEventList::fromJson(parse(
            R"({"nmsEventList":{"nmsEvent":[{"expiredObject":{}},{"resetBox":{}}],"index":1}})"));
    QVERIFY(withUnknown);
    QCOMPARE(withUnknown->events.size(), 1);
    QCOMPARE(withUnknown->events.at(0).kind, NmsEvent::Kind::ResetBox);
}

void tst_Codecs::eventListDecodeRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("part");

    QTest::newRow("no root") << QByteArray(R"({"nmsEvents":{}})") << QStringLiteral("nmsEventList");
    QTest::newRow("root is a string")
            << QByteArray(R"({"nmsEventList":"x"})") << QStringLiteral("nmsEventList");
    QTest::newRow("event is a number")
            << QByteArray(R"({"nmsEventList":{"nmsEvent":[1]}})")
            << QStringLiteral("nmsEventList.nmsEvent[0]");
    QTest::newRow("changedObject is a string")
            << QByteArray(R"({"nmsEventList":{"nmsEvent":[{"resetBox":{}},{"changedObject":"x"}]}})")
            << QStringLiteral("nmsEventList.nmsEvent[1]");
}

void tst_Codecs::eventListDecodeRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, part);

    const Result<NmsEventList> decoded = NmsEventList::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().variables.value(0).startsWith(part),
             qPrintable(decoded.error().message()));
}

void tst_Codecs::movieFromServerMembers()
{
    const Result<Movie> movie = Movie::fromServerMembers(parse(
            R"({"id":"m","title":"T","premiereDate":"2021-10-22","year":2021,)"
            R"("resourceURL":"http://h/movies/v1/b/movies/m","lastModSeq":41})"));
    QVERIFY(movie);
    QCOMPARE(movie->resourceURL, QUrl(QStringLiteral("http://h/movies/v1/b/movies/m")));
    QCOMPARE(movie->lastModSeq, 41);
    QCOMPARE(movie->premiereDate.toString(), QStringLiteral("2021-10-22"));

    const Result<Movie> invalid = Movie::fromServerMembers(parse(R"({"id":"m","title":"T"})"));
    QVERIFY(!invalid);
}

void tst_Codecs::requestErrorRoundTrip()
{
    const RequestError error = RequestError::unsupportedChannelType(
            QStringLiteral("OMAPush"), {QStringLiteral("WebSockets")});
    QCOMPARE(error.httpStatus, 403);

    const QJsonObject json = error.toJson();
    QVERIFY(json.value(QStringLiteral("requestError")).toObject().contains(QStringLiteral("policyException")));

    const std::optional<RequestError> decoded = RequestError::fromJson(json);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->kind, RequestError::Kind::Policy);
    QCOMPARE(decoded->messageId, QStringLiteral("POL1023"));
    QCOMPARE(decoded->variables, (QStringList{QStringLiteral("OMAPush"), QStringLiteral("WebSockets")}));
}

void tst_Codecs::requestErrorMessage()
{
    const RequestError error = RequestError::invalidValue(
            QStringLiteral("movie.premiereDate"), QStringLiteral("2023-02-30"),
            QStringLiteral("not a date"));
    QCOMPARE(error.message(),
             QStringLiteral("Invalid input value for message part movie.premiereDate: "
                            "'2023-02-30' (not a date)"));
}

void tst_Codecs::listAcceptsSingleValue()
{
    QCOMPARE(JsonValues::list(QJsonValue(QStringLiteral("a"))).size(), 1);
    QCOMPARE(JsonValues::list(QJsonValue(QJsonObject{{QStringLiteral("k"), 1}})).size(), 1);
    QCOMPARE(JsonValues::list(QJsonValue(QJsonArray{1, 2})).size(), 2);
    QCOMPARE(JsonValues::list(QJsonValue(QJsonValue::Null)).size(), 0);
    QCOMPARE(JsonValues::list(QJsonValue(QJsonValue::Undefined)).size(), 0);
}

QTEST_GUILESS_MAIN(tst_Codecs)
#include "tst_codecs.moc"
