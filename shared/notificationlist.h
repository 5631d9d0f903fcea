#pragma once

#include "bodyformat.h"
#include "result.h"

#include <QByteArray>
#include <QList>

namespace Marquee {

// One notification as a client or an enabler sent it: a complete document with one root
// element (nmsEventList, presenceNotification, ...) in JSON or XML.
struct EncodedNotification
{
    BodyFormat format = BodyFormat::Json;
    QByteArray body;

    friend bool operator==(const EncodedNotification &, const EncodedNotification &) = default;
};

// Splits notification bodies into single notifications and joins them into the
// notificationList a channel delivers. A notification keeps its own format until a list
// is written, so an XML notification reaches an XML client exactly as it was posted.
namespace NotificationList {

// Splits a body posted to a callbackURL: a notificationList gives its items in order, and
// any other root element is one notification. Malformed bodies, an empty list item and a
// JSON item that is not an object with one root member are rejected with a requestError.
Result<QList<EncodedNotification>> split(const QByteArray &body, BodyFormat format);

// Writes a notificationList of the notifications in the given format. An item in the other
// format is converted: JSON to XML exactly, XML to JSON liberally (leaf values become
// strings). In JSON the list is always an array, also when it contains one notification or
// none.
QByteArray encode(const QList<EncodedNotification> &notifications, BodyFormat format);

} // namespace NotificationList

} // namespace Marquee
