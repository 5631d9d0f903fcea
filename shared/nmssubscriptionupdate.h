#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Marquee {

// The NmsSubscriptionUpdate request of OMA REST NetAPI NMS 1.0 (root element
// nmsSubscriptionUpdate), POSTed to an individual subscription to extend its life or to
// restart its notification stream.
struct NmsSubscriptionUpdate
{
    // Seconds. 0 means the server default; absent keeps the current expiry.
    std::optional<qint64> duration;
    // Empty when absent.
    QString restartToken;

    // Decodes a request; unknown members are ignored.
    static Result<NmsSubscriptionUpdate> fromJson(const QJsonObject &document);
    QJsonObject toJson() const;
};

} // namespace Marquee
