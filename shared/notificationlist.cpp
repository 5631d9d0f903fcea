#include "notificationlist.h"

#include "jsonvalues.h"
#include "omaxml.h"
#include "omaxmlvocabulary.h"
#include "requesterror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace Marquee::NotificationList {

namespace {

const QString ListElement = QStringLiteral("notificationList");

Result<QList<EncodedNotification>> splitJson(const QByteArray &body)
{
    const Result<QJsonObject> parsed = JsonValues::parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject root = parsed.value();
    if (root.size() != 1) {
        return RequestError::invalidValue(QStringLiteral("body"), JsonValues::describe(root),
                                          QStringLiteral("expected exactly one root element, "
                                                         "such as nmsEventList or "
                                                         "notificationList"));
    }

    QJsonArray items;
    if (root.contains(ListElement))
        items = JsonValues::list(root.value(ListElement));
    else
        items.append(root);

    QList<EncodedNotification> notifications;
    for (const QJsonValue &item : std::as_const(items)) {
        const QJsonObject notification = item.toObject();
        if (!item.isObject() || notification.size() != 1) {
            return RequestError::invalidValue(ListElement, JsonValues::describe(item),
                                              QStringLiteral("each notification must be an "
                                                             "object with one root element"));
        }
        // The channel's client may read XML, so the notification must be writable as XML.
        if (const Result<void> compatible = OmaXml::checkXmlCompatible(notification); !compatible)
            return compatible.error();
        notifications.append({BodyFormat::Json,
                              QJsonDocument(notification).toJson(QJsonDocument::Compact)});
    }
    return notifications;
}

// Copies the element at the reader's position, with its subtree, into the writer. Each
// element states its own namespace, so the copy stays correct outside the document the
// element came from.
void copyElement(QXmlStreamReader &reader, QXmlStreamWriter &writer)
{
    int depth = 0;
    do {
        switch (reader.tokenType()) {
        case QXmlStreamReader::StartElement:
        {
            bool declaresOwnPrefix = false;
            for (const QXmlStreamNamespaceDeclaration &declaration :
                 reader.namespaceDeclarations()) {
                writer.writeNamespace(declaration.namespaceUri().toString(),
                                      declaration.prefix().toString());
                declaresOwnPrefix = declaresOwnPrefix || declaration.prefix() == reader.prefix();
            }
            // The outermost element may use a prefix its old parent declared.
            if (depth == 0 && !reader.prefix().isEmpty() && !declaresOwnPrefix)
                writer.writeNamespace(reader.namespaceUri().toString(), reader.prefix().toString());
            writer.writeStartElement(reader.namespaceUri().toString(), reader.name().toString());
            writer.writeAttributes(reader.attributes());
            ++depth;
            break;
        }
        case QXmlStreamReader::EndElement:
            writer.writeEndElement();
            --depth;
            break;
        case QXmlStreamReader::Characters:
            writer.writeCharacters(reader.text().toString());
            break;
        default:
            break;
        }
        if (depth > 0)
            reader.readNext();
    } while (depth > 0 && !reader.atEnd());
}

QByteArray standaloneElement(QXmlStreamReader &reader)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    copyElement(reader, writer);
    writer.writeEndDocument();
    return xml;
}

Result<QList<EncodedNotification>> splitXml(const QByteArray &body)
{
    // The converter checks well-formedness and nesting depth, so the copy below reads a
    // document known to be sound. Any enabler's notification may arrive, in any namespace,
    // but a notificationList must be the Notification Channel's own.
    const Result<QJsonObject> checked = OmaXml::toJson(body, OmaXml::RootNamespace::Any);
    if (!checked)
        return checked.error();
    if (!checked->contains(ListElement))
        return QList<EncodedNotification>{{BodyFormat::Xml, body}};
    if (const Result<QJsonObject> list = OmaXml::toJson(body); !list)
        return list.error();

    QXmlStreamReader reader(body);
    while (!reader.atEnd() && reader.readNext() != QXmlStreamReader::StartElement) { }

    QList<EncodedNotification> notifications;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            // Each item must read on its own, as a JSON client's list converts it alone.
            const QByteArray item = standaloneElement(reader);
            if (const Result<QJsonObject> alone = OmaXml::toJson(item, OmaXml::RootNamespace::Any);
                !alone) {
                return alone.error();
            }
            notifications.append({BodyFormat::Xml, item});
        }
        else if (token == QXmlStreamReader::EndElement)
            break;
    }
    if (reader.hasError())
        return OmaXml::readerError(reader);
    return notifications;
}

// Positions the reader on the root element of a stored XML notification.
bool readToRoot(QXmlStreamReader &reader)
{
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement)
            return true;
    }
    return false;
}

QByteArray encodeXml(const QList<EncodedNotification> &notifications)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeNamespace(OmaXmlVocabulary::NotificationChannelNamespace.toString(),
                          QStringLiteral("nc"));
    writer.writeStartElement(OmaXmlVocabulary::NotificationChannelNamespace.toString(),
                             ListElement);
    for (const EncodedNotification &notification : notifications) {
        if (notification.format == BodyFormat::Json) {
            OmaXml::writeDocumentElement(writer,
                                         QJsonDocument::fromJson(notification.body).object());
            continue;
        }
        QXmlStreamReader reader(notification.body);
        if (readToRoot(reader))
            copyElement(reader, writer);
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

QByteArray encodeJson(const QList<EncodedNotification> &notifications)
{
    QJsonArray items;
    for (const EncodedNotification &notification : notifications) {
        if (notification.format == BodyFormat::Json) {
            items.append(QJsonDocument::fromJson(notification.body).object());
            continue;
        }
        // The outbox takes only what split() returned, and split() converted each XML item
        // once, so an item that reaches this point converts.
        const Result<QJsonObject> converted = OmaXml::toExactJson(notification.body);
        if (converted)
            items.append(converted.value());
    }
    return QJsonDocument(QJsonObject{{ListElement, items}}).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QList<EncodedNotification>> split(const QByteArray &body, BodyFormat format)
{
    if (body.trimmed().isEmpty()) {
        return RequestError::malformedBody(format == BodyFormat::Xml ? QStringLiteral("XML")
                                                                     : QStringLiteral("JSON"),
                                           QStringLiteral("the request body is empty"));
    }
    return format == BodyFormat::Xml ? splitXml(body) : splitJson(body);
}

QByteArray encode(const QList<EncodedNotification> &notifications, BodyFormat format)
{
    return format == BodyFormat::Xml ? encodeXml(notifications) : encodeJson(notifications);
}

} // namespace Marquee::NotificationList
