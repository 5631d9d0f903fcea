#pragma once

#include <QString>

#include <optional>

namespace Marquee {

// The position in a box's change stream that a restartToken stands for. Clients see the
// token as opaque text; it carries the database epoch, so a token from another database
// is recognised as stale.
struct RestartToken
{
    QString epoch;
    qint64 modSeq = 0;

    QString toString() const;
    // Returns std::nullopt when text is not a token this server issued.
    static std::optional<RestartToken> parse(const QString &text);
};

} // namespace Marquee
