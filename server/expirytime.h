#pragma once

#include <QtGlobal>

namespace Marquee::ExpiryTime {

// Milliseconds since the Unix epoch, the unit of every stored expiry time.
qint64 nowMs();

// Whole seconds left until expiresAtMs, rounded up so that a live resource never shows 0,
// and 0 once it has passed.
qint64 remainingSeconds(qint64 expiresAtMs);

} // namespace Marquee::ExpiryTime
