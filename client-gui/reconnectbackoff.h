#pragma once

namespace Marquee {

// Delays between reconnection attempts: they double from initialDelayMs up to
// maximumDelayMs, each varied by up to a fifth either way, so that many clients dropped
// by one server restart do not all return in the same instant.
class ReconnectBackoff
{
public:
    explicit ReconnectBackoff(int initialDelayMs = 500, int maximumDelayMs = 30000);

    // The delay before the next attempt, in milliseconds; each call counts one attempt.
    int nextDelayMs();
    int attempts() const { return m_attempts; }
    // Starts over after a successful connection.
    void reset() { m_attempts = 0; }

private:
    int m_initialDelayMs;
    int m_maximumDelayMs;
    int m_attempts = 0;
};

} // namespace Marquee
