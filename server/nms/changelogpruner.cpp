#include "changelogpruner.h"

#include "expirytime.h"
#include "logging.h"

namespace Marquee {

ChangeLogPruner::ChangeLogPruner(BoxRepository *boxes, ChangeLogRetention retention,
                                 int interval, QObject *parent)
    : QObject(parent), m_boxes(boxes), m_retention(retention)
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &ChangeLogPruner::prune);
    m_timer.start();
}

qint64 ChangeLogPruner::prune()
{
    const std::optional<qint64> removed = m_boxes->pruneChanges(m_retention, ExpiryTime::nowMs());
    if (!removed) {
        qCWarning(lcNms) << "Pruning the box change logs failed; retrying in"
                         << m_timer.interval() << "ms";
        return -1;
    }
    return *removed;
}

} // namespace Marquee
