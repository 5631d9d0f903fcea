#include "storage/database.h"
#include "storage/movierepository.h"
#include "testserver.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Marquee;
using namespace MarqueeTest;

class tst_Storage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeWaitsForAnotherWriter();
    void migrationsAreIdempotent();
    void epochIsStable();
};

void tst_Storage::writeWaitsForAnotherWriter()
{
    TestServer server;
    QVERIFY(server.start());
    const QString path = server.config().databasePath;

    // Another process, played by a thread with its own connection, holds the write lock
    // and commits a change after a short while.
    std::atomic<bool> locked = false;
    std::atomic<bool> committed = false;
    std::thread otherWriter([&] {
        {
            QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                                QStringLiteral("other-writer"));
            connection.setDatabaseName(path);
            if (connection.open()) {
                QSqlQuery query(connection);
                query.exec(QStringLiteral("BEGIN IMMEDIATE"));
                query.exec(QStringLiteral("UPDATE boxes SET mod_seq = mod_seq + 1 WHERE id = 'premieres'"));
                locked = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                committed = query.exec(QStringLiteral("COMMIT"));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other-writer"));
    });
    QTRY_VERIFY_WITH_TIMEOUT(locked.load(), 5000);

    // The write waits for the lock instead of failing with "database is locked".
    MovieRepository *movies = server.server()->movieRepository();
    auto movie = movies->find(QStringLiteral("premieres"), QLatin1String(SeededMovieId));
    QVERIFY(movie.has_value());
    movie->premiereDate = QDate(2020, 12, 1);
    const std::optional<Movie> saved = movies->save(QStringLiteral("premieres"), *movie);
    otherWriter.join();

    QVERIFY(committed.load());
    QVERIFY(saved.has_value());
    // 1,153 seeded changes, one by the other writer, then this one.
    QCOMPARE(saved->lastModSeq, 1155);
}

void tst_Storage::migrationsAreIdempotent()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("twice.sqlite"));
    QString error;

    int version = 0;
    {
        const auto first = Database::openSqlite(path, &error);
        QVERIFY2(first, qPrintable(error));
        version = first->schemaVersion();
        QVERIFY(version >= 1);
    }
    const auto second = Database::openSqlite(path, &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(second->schemaVersion(), version);

    QSqlQuery query(second->connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
}

void tst_Storage::epochIsStable()
{
    QTemporaryDir folder;
    QString error;
    QString epoch;
    {
        const auto first = Database::openSqlite(folder.filePath(QStringLiteral("a.sqlite")), &error);
        QVERIFY(first);
        epoch = first->epoch();
        QVERIFY(!epoch.isEmpty());
    }
    const auto reopened = Database::openSqlite(folder.filePath(QStringLiteral("a.sqlite")), &error);
    QCOMPARE(reopened->epoch(), epoch);

    const auto other = Database::openSqlite(folder.filePath(QStringLiteral("b.sqlite")), &error);
    QVERIFY(other->epoch() != epoch);
}

QTEST_GUILESS_MAIN(tst_Storage)
#include "tst_storage.moc"
