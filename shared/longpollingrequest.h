#pragma once

#include "result.h"

#include <QJsonObject>

#include <optional>

namespace Marquee {

// The body of a long poll, root element longPollingRequestParameters. The type is empty in
// Notification Channel 1.0; Marquee also reads an optional maxWaitTime here that overrides
// the channel's for this one poll.
struct LongPollingRequest
{
    // Seconds; std::nullopt: the channel's maxWaitTime applies.
    std::optional<qint64> maxWaitTime;

    // Largest maxWaitTime accepted, in seconds. A larger one is rejected, not clamped,
    // because it is more likely a unit mistake than a wish.
    static constexpr qint64 MaxWaitTimeLimit = 86400;

    // Decodes a poll body. An empty body, {}, and {"longPollingRequestParameters": null}
    // are all the empty element. Any other root element is invalid.
    static Result<LongPollingRequest> fromJson(const QJsonObject &document);
};

} // namespace Marquee
