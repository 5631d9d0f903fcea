#include "expirytime.h"

#include <QDateTime>

namespace Marquee::ExpiryTime {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 remainingSeconds(qint64 expiresAtMs)
{
    const qint64 remaining = expiresAtMs - nowMs();
    return remaining <= 0 ? 0 : (remaining + 999) / 1000;
}

} // namespace Marquee::ExpiryTime
