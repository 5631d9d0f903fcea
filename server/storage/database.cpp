#include "database.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Marquee {

namespace {

constexpr int BusyTimeoutMilliseconds = 5000;
const QString MigrationsFolder = QStringLiteral(":/sql");

bool execute(QSqlQuery &query, const QString &statement, QString *errorMessage)
{
    if (query.exec(statement))
        return true;
    if (errorMessage)
        *errorMessage = QStringLiteral("SQL failed: %1 (%2)")
                                .arg(query.lastError().text(), statement.left(120));
    return false;
}

// Splits a migration file into statements at each ';' that ends a line. Migrations keep
// to that layout and never put a ';' at the end of a line inside a literal.
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QStringLiteral("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            statements.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

} // namespace

Database::Database(QString connectionName) : m_connectionName(std::move(connectionName)) { }

Database::~Database()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

std::unique_ptr<Database> Database::openSqlite(const QString &path, QString *errorMessage)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot create the folder %1").arg(info.absolutePath());
        return nullptr;
    }

    // Each Database has its own named connection, so several servers can run in one
    // process, as the tests do.
    const QString name = QStringLiteral("marquee-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<Database> database(new Database(name));

    QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    connection.setDatabaseName(path);
    connection.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMilliseconds));
    if (!connection.open()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot open the SQLite database %1: %2")
                                    .arg(path, connection.lastError().text());
        return nullptr;
    }

    if (!database->configure(errorMessage) || !database->migrate(errorMessage)
        || !database->loadEpoch(errorMessage)) {
        return nullptr;
    }

    qCInfo(lcDatabase) << "Opened SQLite database" << path << "at schema version"
                       << database->m_schemaVersion;
    return database;
}

bool Database::configure(QString *errorMessage)
{
    QSqlQuery query(connection());

    // WAL lets readers run while a writer commits; NORMAL sync is durable in WAL mode
    // except for the last transactions before a power loss.
    return execute(query, QStringLiteral("PRAGMA journal_mode=WAL"), errorMessage)
            && execute(query, QStringLiteral("PRAGMA synchronous=NORMAL"), errorMessage)
            && execute(query, QStringLiteral("PRAGMA foreign_keys=ON"), errorMessage)
            && execute(query, QStringLiteral("PRAGMA busy_timeout=%1").arg(BusyTimeoutMilliseconds),
                       errorMessage);
}

bool Database::migrate(QString *errorMessage)
{
    QSqlQuery query(connection());
    if (!execute(query,
                 QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"),
                 errorMessage)) {
        return false;
    }

    if (!execute(query, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
                 errorMessage)) {
        return false;
    }
    query.next();
    m_schemaVersion = query.value(0).toInt();

    // Migration files are named NNN_description.sql and applied in number order.
    const QStringList files = QDir(MigrationsFolder).entryList({QStringLiteral("*.sql")},
                                                               QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const int version = fileName.section(QLatin1Char('_'), 0, 0).toInt();
        if (version <= m_schemaVersion)
            continue;

        QFile file(MigrationsFolder + QLatin1Char('/') + fileName);
        if (!file.open(QIODevice::ReadOnly)) {
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot read migration %1").arg(fileName);
            return false;
        }

        Transaction transaction(connection());
        if (!transaction.isActive()) {
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot begin the transaction for migration %1")
                                        .arg(fileName);
            return false;
        }
        for (const QString &statement : splitStatements(QString::fromUtf8(file.readAll()))) {
            if (!execute(query, statement, errorMessage))
                return false;
        }
        query.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) "
                                     "VALUES (?, strftime('%s','now') * 1000)"));
        query.addBindValue(version);
        if (!query.exec() || !transaction.commit()) {
            if (errorMessage)
                *errorMessage = QStringLiteral("Cannot record migration %1: %2")
                                        .arg(fileName, query.lastError().text());
            return false;
        }

        qCInfo(lcDatabase) << "Applied migration" << fileName;
        m_schemaVersion = version;
    }
    return true;
}

bool Database::loadEpoch(QString *errorMessage)
{
    QSqlQuery query(connection());
    if (!execute(query, QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"), errorMessage))
        return false;
    if (query.next()) {
        m_epoch = query.value(0).toString();
        return true;
    }

    const quint64 random = QRandomGenerator::system()->generate64();
    m_epoch = QString::number(random, 36);
    query.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('epoch', ?)"));
    query.addBindValue(m_epoch);
    if (!query.exec()) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot store the database epoch: %1")
                                    .arg(query.lastError().text());
        return false;
    }
    return true;
}

Transaction::Transaction(QSqlDatabase database) : m_database(std::move(database))
{
    const bool isSqlite = m_database.driverName() == QLatin1String("QSQLITE");
    QSqlQuery query(m_database);
    m_active = query.exec(isSqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    if (!m_active)
        qCWarning(lcDatabase) << "Cannot begin a transaction:" << query.lastError().text();
}

Transaction::~Transaction()
{
    if (!m_active)
        return;

    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcDatabase) << "Rollback failed:" << query.lastError().text();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;

    QSqlQuery query(m_database);
    if (query.exec(QStringLiteral("COMMIT")))
        return true;

    qCWarning(lcDatabase) << "Commit failed:" << query.lastError().text();
    QSqlQuery rollback(m_database);
    rollback.exec(QStringLiteral("ROLLBACK"));
    return false;
}

} // namespace Marquee
