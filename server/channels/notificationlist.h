#pragma once

#include "bodyformat.h"
#include "result.h"
#include "storage/channelrepository.h"

#include <QByteArray>
#include <QList>

namespace Marquee::NotificationList {

// Splits a body POSTed to a callbackURL into the notifications it carries, each with one
// root element in the body's format. A notificationList yields its entries in order; any
// other root element is one notification. Invalid bodies are 400 (SVC0001 when they do not
// parse, SVC0002 when their structure is wrong).
Result<QList<QueuedNotification>> split(const QByteArray &body, BodyFormat format);

// Encodes notifications of one format as one notificationList in that format. An empty
// list is {"notificationList":[]} in JSON, because clients parse the member as an array.
QByteArray encode(const QList<QByteArray> &payloads, BodyFormat format);

} // namespace Marquee::NotificationList
