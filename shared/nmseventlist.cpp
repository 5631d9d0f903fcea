#include "nmseventlist.h"

#include "jsonvalues.h"

#include <QJsonArray>

namespace Marquee {

namespace {

QString encoded(const QUrl &url)
{
    return QString::fromUtf8(url.toEncoded());
}

QUrl urlOf(const QJsonValue &value)
{
    return QUrl(value.toString(), QUrl::StrictMode);
}

qint64 integerOf(const QJsonValue &value)
{
    return JsonValues::toInteger(value).value_or(0);
}

Result<NmsEvent> eventFromJson(const QJsonObject &object, const QString &part)
{
    NmsEvent event;

    if (object.contains(QStringLiteral("resetBox"))) {
        event.kind = NmsEvent::Kind::ResetBox;
        return event;
    }

    if (object.value(QStringLiteral("deletedObject")).isObject()) {
        const QJsonObject deleted = object.value(QStringLiteral("deletedObject")).toObject();
        event.kind = NmsEvent::Kind::DeletedObject;
        event.resourceURL = urlOf(deleted.value(QStringLiteral("resourceURL")));
        event.lastModSeq = integerOf(deleted.value(QStringLiteral("lastModSeq")));
        return event;
    }

    if (!object.value(QStringLiteral("changedObject")).isObject())
        return RequestError::invalidValue(part, JsonValues::describe(object),
                                          QStringLiteral("expected changedObject, "
                                                         "deletedObject or resetBox"));

    QJsonObject changed = object.value(QStringLiteral("changedObject")).toObject();
    event.kind = NmsEvent::Kind::ChangedObject;
    event.parentFolder = urlOf(changed.take(QStringLiteral("parentFolder")));
    event.resourceURL = urlOf(changed.take(QStringLiteral("resourceURL")));
    event.lastModSeq = integerOf(changed.take(QStringLiteral("lastModSeq")));
    const QJsonValue flags = changed.take(QStringLiteral("flags"));
    for (const QJsonValue &flag : JsonValues::list(flags.toObject().value(QStringLiteral("flag"))))
        event.flags.append(flag.toString());
    event.extension = changed;
    return event;
}

} // namespace

QJsonObject Link::toJson() const
{
    return QJsonObject{{QStringLiteral("rel"), rel}, {QStringLiteral("href"), encoded(href)}};
}

QJsonObject NmsEvent::toJson() const
{
    switch (kind) {
    case Kind::ResetBox:
        return QJsonObject{{QStringLiteral("resetBox"), QJsonObject()}};

    case Kind::DeletedObject:
        return QJsonObject{{QStringLiteral("deletedObject"),
                            QJsonObject{{QStringLiteral("resourceURL"), encoded(resourceURL)},
                                        {QStringLiteral("lastModSeq"), lastModSeq}}}};

    case Kind::ChangedObject:
        break;
    }

    QJsonObject changed = extension;
    changed.insert(QStringLiteral("parentFolder"), encoded(parentFolder));
    changed.insert(QStringLiteral("flags"),
                   QJsonObject{{QStringLiteral("flag"), QJsonArray::fromStringList(flags)}});
    changed.insert(QStringLiteral("resourceURL"), encoded(resourceURL));
    changed.insert(QStringLiteral("lastModSeq"), lastModSeq);
    return QJsonObject{{QStringLiteral("changedObject"), changed}};
}

QJsonObject NmsEventList::toJson() const
{
    QJsonArray eventArray;
    for (const NmsEvent &event : events)
        eventArray.append(event.toJson());

    QJsonObject fields{{QStringLiteral("nmsEvent"), eventArray}};
    if (!callbackData.isEmpty())
        fields.insert(QStringLiteral("callbackData"), callbackData);
    fields.insert(QStringLiteral("index"), index);
    fields.insert(QStringLiteral("restartToken"), restartToken);

    QJsonArray linkArray;
    for (const Link &link : links)
        linkArray.append(link.toJson());
    if (!linkArray.isEmpty())
        fields.insert(QStringLiteral("link"), linkArray);

    return QJsonObject{{QStringLiteral("nmsEventList"), fields}};
}

Result<NmsEventList> NmsEventList::fromJson(const QJsonObject &document)
{
    const Result<QJsonObject> root = JsonValues::rootElement(document, QStringLiteral("nmsEventList"));
    if (!root)
        return root.error();

    NmsEventList list;
    const QJsonArray events = JsonValues::list(root->value(QStringLiteral("nmsEvent")));
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString part = QStringLiteral("nmsEventList.nmsEvent[%1]").arg(i);
        if (!events.at(i).isObject())
            return RequestError::invalidValue(part, JsonValues::describe(events.at(i)),
                                              QStringLiteral("expected an object"));
        const QJsonObject event = events.at(i).toObject();
        if (!event.contains(QStringLiteral("changedObject"))
            && !event.contains(QStringLiteral("deletedObject"))
            && !event.contains(QStringLiteral("resetBox"))) {
            continue;
        }
        Result<NmsEvent> decoded = eventFromJson(event, part);
        if (!decoded)
            return decoded.error();
        list.events.append(std::move(decoded).value());
    }

    list.callbackData = root->value(QStringLiteral("callbackData")).toString();
    list.index = integerOf(root->value(QStringLiteral("index")));
    list.restartToken = root->value(QStringLiteral("restartToken")).toString();
    for (const QJsonValue &value : JsonValues::list(root->value(QStringLiteral("link")))) {
        const QJsonObject link = value.toObject();
        list.links.append(Link{link.value(QStringLiteral("rel")).toString(),
                               urlOf(link.value(QStringLiteral("href")))});
    }
    return list;
}

} // namespace Marquee
