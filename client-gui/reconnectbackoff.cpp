#include "reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Marquee {

ReconnectBackoff::ReconnectBackoff(int initialDelayMs, int maximumDelayMs)
    : m_initialDelayMs(initialDelayMs), m_maximumDelayMs(maximumDelayMs)
{
}

int ReconnectBackoff::nextDelayMs()
{
    // Doubling stops at the cap long before the shift could overflow.
    const int exponent = std::min(m_attempts, 16);
    ++m_attempts;

    const qint64 base = std::min<qint64>(qint64(m_initialDelayMs) << exponent, m_maximumDelayMs);
    const qint64 spread = base / 5;
    const qint64 jitter = spread > 0 ? QRandomGenerator::global()->bounded(-spread, spread + 1) : 0;
    return int(std::clamp<qint64>(base + jitter, 0, m_maximumDelayMs));
}

} // namespace Marquee
