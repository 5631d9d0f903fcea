#pragma once

#include "boxchange.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace Marquee {

struct Box
{
    QString id;
    QString storeName;
    qint64 modSeq = 0;
    // The highest mod_seq pruned from the change log; changes up to it cannot be replayed.
    qint64 prunedModSeq = 0;
    QStringList owners;
};

// Limits of a box change log. An entry is pruned when it is older than maxAgeMs or when
// more than maxEntries newer entries of the same box exist.
struct ChangeLogRetention
{
    qint64 maxAgeMs = 7LL * 24 * 3600 * 1000;
    qint64 maxEntries = 100000;
};

// SQL for boxes, their owners and their change log.
class BoxRepository
{
public:
    explicit BoxRepository(QSqlDatabase database);

    // Creates the box if it is missing and adds the owners. An existing box keeps the store
    // it was created in. Returns false on SQL failure.
    bool ensureBox(const QString &boxId, const QString &storeName, const QStringList &owners);

    std::optional<Box> find(const QString &boxId) const;
    // Every box ordered by store and id, or std::nullopt on SQL failure.
    std::optional<QList<Box>> list() const;
    bool isEmpty() const;

    // Up to limit changes with mod_seq > afterModSeq, oldest first.
    QList<BoxChange> changesAfter(const QString &boxId, qint64 afterModSeq, int limit) const;
    // The lowest mod_seq still in the change log, or std::nullopt when the log is empty.
    std::optional<qint64> oldestRetainedModSeq(const QString &boxId) const;

    // Removes the change-log entries of every box that retention no longer keeps, as of
    // nowMs, and raises each box's prunedModSeq. Returns how many entries were removed, or
    // std::nullopt on SQL failure, with nothing removed from the failing box.
    std::optional<qint64> pruneChanges(const ChangeLogRetention &retention, qint64 nowMs);

private:
    std::optional<qint64> pruneBox(const QString &boxId, const ChangeLogRetention &retention,
                                   qint64 nowMs);
    QStringList owners(const QString &boxId) const;

    QSqlDatabase m_database;
};

} // namespace Marquee
