#include "movies/movieimporter.h"
#include "storage/movierepository.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Marquee;
using namespace MarqueeTest;

class tst_MovieImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void invalidEntriesReportedAndSkipped();
    void reimportChangesNothing();
    void notAnArrayFails();
    void derivedPremiereDateMatchesSeed();
    void slugIds_data();
    void slugIds();
    void seedFillsDemoBox();

private:
    std::unique_ptr<TestServer> m_server;
};

void tst_MovieImporter::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void tst_MovieImporter::cleanup()
{
    m_server.reset();
}

void tst_MovieImporter::invalidEntriesReportedAndSkipped()
{
    const QByteArray json = R"([
        {"title":"First Film","year":2021,"cast":["A"],"genres":["Drama"],"extract":"One."},
        {"title":"","year":2021},
        {"title":"No Year"},
        "not an object",
        {"title":"Bad Date","year":2021,"premiereDate":"2021-02-30"},
        {"title":"First Film","year":2021,"genres":"Comedy"}
    ])";

    MovieRepository *movies = m_server->server()->movieRepository();
    QSignalSpy changes(movies, &MovieRepository::boxChanged);
    MovieImporter importer(movies);
    const MovieImporter::Report report = importer.importJson(json, QStringLiteral("premieres"));

    QVERIFY(report.error.isEmpty());
    QCOMPARE(report.entries, 6);
    QCOMPARE(report.changed, 2);
    QCOMPARE(report.skipped(), 4);
    QVERIFY(report.problems.at(0).startsWith(QStringLiteral("entry 2:")));
    QVERIFY(report.problems.at(0).contains(QStringLiteral("movie.title")));
    QVERIFY(report.problems.at(1).startsWith(QStringLiteral("entry 3:")));
    QVERIFY(report.problems.at(2).startsWith(QStringLiteral("entry 4:")));
    QVERIFY(report.problems.at(3).startsWith(QStringLiteral("entry 5:")));
    QVERIFY(report.problems.at(3).contains(QStringLiteral("2021-02-30")));
    QCOMPARE(changes.size(), 2);

    // Two entries with the same title and year get distinct ids.
    const auto first = movies->find(QStringLiteral("premieres"), QStringLiteral("first-film-2021"));
    QVERIFY(first.has_value());
    QCOMPARE(first->description, QStringLiteral("One."));
    const auto second = movies->find(QStringLiteral("premieres"), QStringLiteral("first-film-2021-2"));
    QVERIFY(second.has_value());
    QCOMPARE(second->genres, QStringList{QStringLiteral("Comedy")});
}

void tst_MovieImporter::reimportChangesNothing()
{
    const QByteArray json = R"([{"title":"Again","year":2022}])";
    MovieImporter importer(m_server->server()->movieRepository());
    QCOMPARE(importer.importJson(json, QStringLiteral("premieres")).changed, 1);

    const MovieImporter::Report again = importer.importJson(json, QStringLiteral("premieres"));
    QCOMPARE(again.changed, 0);
    QCOMPARE(again.unchanged, 1);
}

void tst_MovieImporter::notAnArrayFails()
{
    MovieImporter importer(m_server->server()->movieRepository());
    const QByteArray object = R"({"title":"x"})";
    QVERIFY(!importer.importJson(object, QStringLiteral("premieres")).error.isEmpty());
    QVERIFY(!importer.importJson("[{", QStringLiteral("premieres")).error.isEmpty());
    QVERIFY(!importer.importFile(QStringLiteral("/nonexistent/movies.json"), QStringLiteral("premieres"))
                     .error.isEmpty());
}

void tst_MovieImporter::derivedPremiereDateMatchesSeed()
{
    // The embedded seed was derived with the same rule.
    QCOMPARE(MovieImporter::derivedPremiereDate(QStringLiteral("The Grudge"), 2020), QDate(2020, 1, 9));
    QCOMPARE(MovieImporter::derivedPremiereDate(QStringLiteral("Underwater"), 2020), QDate(2020, 5, 24));

    const auto seeded = m_server->server()->movieRepository()->find(QStringLiteral("premieres"),
                                                                     QLatin1String(SeededMovieId));
    QVERIFY(seeded.has_value());
    QCOMPARE(seeded->premiereDate.date(), QDate(2020, 1, 9));
    QVERIFY(!seeded->premiereDate.hasTime());
}

void tst_MovieImporter::slugIds_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("year");
    QTest::addColumn<QString>("id");

    QTest::newRow("plain") << "The Grudge" << 2020 << "the-grudge-2020";
    QTest::newRow("punctuation") << "Spider-Man: No Way Home" << 2021 << "spider-man-no-way-home-2021";
    QTest::newRow("accents") << "Amélie à Paris" << 2022 << "amelie-a-paris-2022";
    QTest::newRow("no latin letters") << QStringLiteral("東京") << 2023 << "";
}

void tst_MovieImporter::slugIds()
{
    QFETCH(QString, title);
    QFETCH(int, year);
    QFETCH(QString, id);

    const QString slug = MovieImporter::slugId(title, year);
    if (id.isEmpty())
        QVERIFY(slug.startsWith(QStringLiteral("movie-")) && slug.endsWith(QStringLiteral("-2023")));
    else
        QCOMPARE(slug, id);
}

void tst_MovieImporter::seedFillsDemoBox()
{
    Marquee::MovieQuery query;
    query.limit = 1;
    const auto page = m_server->server()->movieRepository()->list(QStringLiteral("premieres"), query);
    QVERIFY(page.has_value());
    QCOMPARE(page->totalCount, 1153);
}

QTEST_GUILESS_MAIN(tst_MovieImporter)
#include "tst_movieimporter.moc"
