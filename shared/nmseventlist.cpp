#include "nmseventlist.h"

#include <QJsonArray>

namespace Marquee {

namespace {

QString encoded(const QUrl &url)
{
    return QString::fromUtf8(url.toEncoded());
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

} // namespace Marquee
