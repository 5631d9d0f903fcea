#pragma once

#include "storage/boxrepository.h"

#include <QObject>
#include <QTimer>

namespace Marquee {

// Prunes the box change logs by the retention policy, once when asked and then every
// interval milliseconds. A restartToken from before the pruned part of a log gets a
// resetBox instead of a replay.
class ChangeLogPruner : public QObject
{
    Q_OBJECT

public:
    ChangeLogPruner(BoxRepository *boxes, ChangeLogRetention retention, int interval,
                    QObject *parent = nullptr);

    // Prunes now and returns how many entries were removed, or -1 on SQL failure.
    qint64 prune();

private:
    BoxRepository *m_boxes;
    ChangeLogRetention m_retention;
    QTimer m_timer;
};

} // namespace Marquee
