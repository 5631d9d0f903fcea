#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace Marquee {

// The Common CallbackReference: where and how the server delivers notifications.
struct CallbackReference
{
    QUrl notifyURL;
    QString callbackData;
    // "JSON" or "XML"; empty when the client did not choose.
    QString notificationFormat;
};

// The NmsSubscription resource of OMA REST NetAPI NMS 1.0 (root element nmsSubscription).
struct NmsSubscription
{
    static constexpr qsizetype MaxTagLength = 256;

    CallbackReference callbackReference;
    // Seconds. In a request: the duration asked for (0 or absent: the server default); in
    // a response: the time remaining.
    std::optional<qint64> duration;
    QString clientCorrelator;
    QString restartToken;
    // The filter element as sent; the server decides what it supports.
    std::optional<QJsonObject> filter;
    // Response only: the index of the next nmsEventList the server will send.
    std::optional<qint64> index;
    QUrl resourceURL;

    // Decodes a create request; unknown members are ignored.
    static Result<NmsSubscription> fromJson(const QJsonObject &document);

    QJsonObject toJson() const;
    QJsonObject toJsonMembers() const;
};

} // namespace Marquee
