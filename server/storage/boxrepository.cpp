#include "boxrepository.h"

#include "database.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Marquee {

BoxRepository::BoxRepository(QSqlDatabase database) : m_database(std::move(database)) { }

bool BoxRepository::ensureBox(const QString &boxId, const QString &storeName,
                              const QStringList &owners)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return false;

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO boxes (id, store, mod_seq, created_at) "
                                 "VALUES (?, ?, 0, ?) ON CONFLICT (id) DO NOTHING"));
    query.addBindValue(boxId);
    query.addBindValue(storeName);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot create box" << boxId << query.lastError().text();
        return false;
    }

    for (const QString &owner : owners) {
        query.prepare(QStringLiteral("INSERT INTO box_owners (box_id, user_id) VALUES (?, ?) "
                                     "ON CONFLICT DO NOTHING"));
        query.addBindValue(boxId);
        query.addBindValue(owner);
        if (!query.exec()) {
            qCWarning(lcDatabase) << "Cannot add owner" << owner << "to box" << boxId
                                  << query.lastError().text();
            return false;
        }
    }

    return transaction.commit();
}

std::optional<Box> BoxRepository::find(const QString &boxId) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT store, mod_seq FROM boxes WHERE id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || !query.next())
        return std::nullopt;

    Box box;
    box.id = boxId;
    box.storeName = query.value(0).toString();
    box.modSeq = query.value(1).toLongLong();

    query.prepare(QStringLiteral("SELECT user_id FROM box_owners WHERE box_id = ? ORDER BY user_id"));
    query.addBindValue(boxId);
    if (query.exec()) {
        while (query.next())
            box.owners.append(query.value(0).toString());
    }
    return box;
}

bool BoxRepository::isEmpty() const
{
    QSqlQuery query(m_database);
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM boxes")) && query.next()
            && query.value(0).toLongLong() == 0;
}

QList<BoxChange> BoxRepository::changesAfter(const QString &boxId, qint64 afterModSeq,
                                             int limit) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT mod_seq, object_id, kind, snapshot FROM box_changes "
                                 "WHERE box_id = ? AND mod_seq > ? ORDER BY mod_seq LIMIT ?"));
    query.addBindValue(boxId);
    query.addBindValue(afterModSeq);
    query.addBindValue(limit);

    QList<BoxChange> changes;
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot read the change log of box" << boxId
                              << query.lastError().text();
        return changes;
    }

    while (query.next()) {
        BoxChange change;
        change.boxId = boxId;
        change.modSeq = query.value(0).toLongLong();
        change.objectId = query.value(1).toString();
        change.kind = query.value(2).toString() == QLatin1String("deleted")
                ? BoxChange::Kind::Deleted
                : BoxChange::Kind::Changed;
        change.snapshot = QJsonDocument::fromJson(query.value(3).toByteArray()).object();
        changes.append(change);
    }
    return changes;
}

std::optional<qint64> BoxRepository::oldestRetainedModSeq(const QString &boxId) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT MIN(mod_seq) FROM box_changes WHERE box_id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return std::nullopt;
    return query.value(0).toLongLong();
}

} // namespace Marquee
