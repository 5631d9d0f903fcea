#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Marquee {

// One SQL connection, opened and migrated. SQLite runs in WAL mode with a busy timeout
// and foreign keys on. The connection belongs to the thread that opened it.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating if needed) the SQLite file at path and applies every pending
    // migration. Returns nullptr and sets errorMessage on failure.
    static std::unique_ptr<Database> openSqlite(const QString &path, QString *errorMessage);

    QSqlDatabase connection() const;

    // Random id of this database, created with it. Restart tokens carry it, so a token
    // from another database is recognised.
    QString epoch() const { return m_epoch; }

    // Schema version after migration: the number of the latest applied migration.
    int schemaVersion() const { return m_schemaVersion; }

private:
    explicit Database(QString connectionName);

    bool configure(QString *errorMessage);
    bool migrate(QString *errorMessage);
    bool loadEpoch(QString *errorMessage);

    QString m_connectionName;
    QString m_epoch;
    int m_schemaVersion = 0;
};

// Runs a write transaction that rolls back unless commit() succeeds, so an early return or
// a failed statement leaves nothing half-written. On SQLite it begins with BEGIN IMMEDIATE:
// it takes the write lock at once, waiting up to the busy timeout for another writer such
// as an --import process. A deferred BEGIN that reads first fails at once with "database
// is locked" when another connection wrote in between.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    QSqlDatabase m_database;
    bool m_active = false;
};

} // namespace Marquee
