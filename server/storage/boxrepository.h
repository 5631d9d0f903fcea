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
    QStringList owners;
};

// SQL for boxes, their owners and their change log.
class BoxRepository
{
public:
    explicit BoxRepository(QSqlDatabase database);

    // Creates the box if it is missing and adds the owners. Returns false on SQL failure.
    bool ensureBox(const QString &boxId, const QString &storeName, const QStringList &owners);

    std::optional<Box> find(const QString &boxId) const;
    bool isEmpty() const;

    // Up to limit changes with mod_seq > afterModSeq, oldest first.
    QList<BoxChange> changesAfter(const QString &boxId, qint64 afterModSeq, int limit) const;
    // The lowest mod_seq still in the change log, or std::nullopt when the log is empty.
    std::optional<qint64> oldestRetainedModSeq(const QString &boxId) const;

private:
    QSqlDatabase m_database;
};

} // namespace Marquee
