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
    query.prepare(QStringLiteral("SELECT store FROM boxes WHERE id = ?"));
    query.addBindValue(boxId);
    if (query.exec() && query.next() && query.value(0).toString() != storeName) {
        qCWarning(lcDatabase) << "Box" << boxId << "stays in store" << query.value(0).toString()
                              << "where it was created, not in" << storeName;
    }

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

QStringList BoxRepository::owners(const QString &boxId) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT user_id FROM box_owners WHERE box_id = ? ORDER BY user_id"));
    query.addBindValue(boxId);

    QStringList result;
    if (!query.exec()) {
        qCWarning(lcDatabase) << "Cannot read the owners of box" << boxId
                              << query.lastError().text();
        return result;
    }
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

std::optional<Box> BoxRepository::find(const QString &boxId) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT store, mod_seq, pruned_mod_seq FROM boxes WHERE id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || !query.next())
        return std::nullopt;

    Box box;
    box.id = boxId;
    box.storeName = query.value(0).toString();
    box.modSeq = query.value(1).toLongLong();
    box.prunedModSeq = query.value(2).toLongLong();
    box.owners = owners(boxId);
    return box;
}

std::optional<QList<Box>> BoxRepository::list() const
{
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SELECT id, store, mod_seq, pruned_mod_seq FROM boxes "
                                   "ORDER BY store, id"))) {
        qCWarning(lcDatabase) << "Cannot list boxes:" << query.lastError().text();
        return std::nullopt;
    }

    QList<Box> boxes;
    while (query.next()) {
        Box box;
        box.id = query.value(0).toString();
        box.storeName = query.value(1).toString();
        box.modSeq = query.value(2).toLongLong();
        box.prunedModSeq = query.value(3).toLongLong();
        boxes.append(box);
    }
    for (Box &box : boxes)
        box.owners = owners(box.id);
    return boxes;
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

std::optional<qint64> BoxRepository::pruneChanges(const ChangeLogRetention &retention,
                                                  qint64 nowMs)
{
    const std::optional<QList<Box>> boxes = list();
    if (!boxes)
        return std::nullopt;

    qint64 removed = 0;
    for (const Box &box : *boxes) {
        const std::optional<qint64> count = pruneBox(box.id, retention, nowMs);
        if (!count)
            return std::nullopt;
        removed += *count;
    }
    return removed;
}

std::optional<qint64> BoxRepository::pruneBox(const QString &boxId,
                                              const ChangeLogRetention &retention, qint64 nowMs)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return std::nullopt;

    auto fail = [&boxId](const QSqlQuery &query) {
        qCWarning(lcDatabase) << "Pruning the change log of box" << boxId
                              << "failed:" << query.lastError().text();
        return std::optional<qint64>();
    };

    // Pruning removes a prefix of the log: everything up to the newest entry that is too
    // old, and everything older than the maxEntries newest.
    qint64 horizon = 0;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT MAX(mod_seq) FROM box_changes "
                                 "WHERE box_id = ? AND changed_at < ?"));
    query.addBindValue(boxId);
    query.addBindValue(nowMs - retention.maxAgeMs);
    if (!query.exec())
        return fail(query);
    if (query.next() && !query.value(0).isNull())
        horizon = query.value(0).toLongLong();

    query.prepare(QStringLiteral("SELECT mod_seq FROM box_changes WHERE box_id = ? "
                                 "ORDER BY mod_seq DESC LIMIT 1 OFFSET ?"));
    query.addBindValue(boxId);
    query.addBindValue(retention.maxEntries);
    if (!query.exec())
        return fail(query);
    if (query.next())
        horizon = std::max(horizon, query.value(0).toLongLong());

    if (horizon == 0)
        return qint64(0);

    query.prepare(QStringLiteral("DELETE FROM box_changes WHERE box_id = ? AND mod_seq <= ?"));
    query.addBindValue(boxId);
    query.addBindValue(horizon);
    if (!query.exec())
        return fail(query);
    const qint64 removed = query.numRowsAffected();

    query.prepare(QStringLiteral("UPDATE boxes SET pruned_mod_seq = MAX(pruned_mod_seq, ?) "
                                 "WHERE id = ?"));
    query.addBindValue(horizon);
    query.addBindValue(boxId);
    if (!query.exec())
        return fail(query);

    if (!transaction.commit())
        return std::nullopt;
    if (removed > 0)
        qCInfo(lcDatabase) << "Pruned" << removed << "change-log entries of box" << boxId
                           << "up to lastModSeq" << horizon;
    return removed;
}

} // namespace Marquee
