#include "notificationlist.h"

#include "jsonvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Marquee::NotificationList {

namespace {

const QString ListRootName = QStringLiteral("notificationList");

Result<QList<QueuedNotification>> splitJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("%1 at offset %2")
                                                   .arg(parseError.errorString())
                                                   .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("the body must be a JSON object with "
                                                          "one root element"));
    }

    const QJsonObject root = document.object();
    if (root.size() != 1) {
        return RequestError::invalidValue(QStringLiteral("body"), JsonValues::describe(root),
                                          QStringLiteral("expected exactly one root element, "
                                                         "such as nmsEventList or "
                                                         "notificationList"));
    }

    // A one-element list may arrive as a bare object and an empty one as null.
    QJsonArray notifications;
    if (root.contains(ListRootName))
        notifications = JsonValues::list(root.value(ListRootName));
    else
        notifications.append(root);

    QList<QueuedNotification> queued;
    for (const QJsonValue &notification : std::as_const(notifications)) {
        const QJsonObject element = notification.toObject();
        if (!notification.isObject() || element.size() != 1) {
            return RequestError::invalidValue(ListRootName, JsonValues::describe(notification),
                                              QStringLiteral("each notification must be an "
                                                             "object with one root element"));
        }
        queued.append({QJsonDocument(element).toJson(QJsonDocument::Compact), BodyFormat::Json});
    }
    return queued;
}

// Removes a leading XML declaration, so a stored notification can sit inside a list.
QByteArray withoutXmlDeclaration(const QByteArray &payload)
{
    const QByteArray trimmed = payload.trimmed();
    if (!trimmed.startsWith("<?xml"))
        return trimmed;
    const qsizetype end = trimmed.indexOf("?>");
    return end < 0 ? trimmed : trimmed.mid(end + 2).trimmed();
}

} // namespace

Result<QList<QueuedNotification>> split(const QByteArray &body, BodyFormat format)
{
    if (body.trimmed().isEmpty()) {
        return RequestError::malformedBody(format == BodyFormat::Xml ? QStringLiteral("XML")
                                                                     : QStringLiteral("JSON"),
                                           QStringLiteral("the request body is empty"));
    }

    if (format == BodyFormat::Json)
        return splitJson(body);

    // TODO: split XML bodies once the shared OMA XML codec is available; until then a
    // callbackURL takes JSON only.
    return RequestError::unsupportedMediaType(QStringLiteral("application/xml"),
                                              {QStringLiteral("application/json")});
}

QByteArray encode(const QList<QByteArray> &payloads, BodyFormat format)
{
    if (format == BodyFormat::Xml) {
        // Every stored XML notification is a complete element with its own namespace
        // declarations, so it can be placed inside the list unchanged.
        QByteArray list = QByteArrayLiteral(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<nc:notificationList xmlns:nc=\"urn:oma:xml:rest:netapi:notificationchannel:1\"");
        if (payloads.isEmpty())
            return list + "/>";
        list += '>';
        for (const QByteArray &payload : payloads)
            list += withoutXmlDeclaration(payload);
        return list + "</nc:notificationList>";
    }

    // Payloads are stored as compact JSON objects, so they are spliced into the list
    // without parsing them again.
    QByteArray list = QByteArrayLiteral("{\"notificationList\":[");
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        if (i > 0)
            list += ',';
        list += payloads.at(i);
    }
    return list + "]}";
}

} // namespace Marquee::NotificationList
