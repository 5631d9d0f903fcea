#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Marquee {

// One entry of a box's change log: the state of one object after a change.
struct BoxChange
{
    enum class Kind { Changed, Deleted };

    QString boxId;
    // Box-wide modification sequence of this change; the object's lastModSeq after it.
    qint64 modSeq = 0;
    QString objectId;
    Kind kind = Kind::Changed;
    // The object's members after the change (as Movie::writableMembers() plus id); for a
    // deletion, its last state before it. Deletions logged before schema version 2 have
    // an empty snapshot.
    QJsonObject snapshot;
};

} // namespace Marquee

Q_DECLARE_METATYPE(Marquee::BoxChange)
