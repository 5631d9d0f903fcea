#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Marquee {

// The Common Link: a relation name and the URL it points to.
struct Link
{
    QString rel;
    QUrl href;

    QJsonObject toJson() const;
};

// One NmsEvent: exactly one of changedObject, deletedObject or resetBox.
struct NmsEvent
{
    enum class Kind { ChangedObject, DeletedObject, ResetBox };

    Kind kind = Kind::ChangedObject;
    // Mandatory in changedObject: the URL of the folder that contains the object.
    QUrl parentFolder;
    // Mandatory in changedObject; empty means {"flag":[]}.
    QStringList flags;
    QUrl resourceURL;
    qint64 lastModSeq = 0;
    // Extension elements of changedObject, such as {"movie":{...}}, inserted as they are.
    QJsonObject extension;

    QJsonObject toJson() const;
};

// The nmsEventList notification body (root element nmsEventList).
struct NmsEventList
{
    QList<NmsEvent> events;
    QString callbackData;
    qint64 index = 0;
    QString restartToken;
    QList<Link> links;

    // Encodes {"nmsEventList":{...}}; nmsEvent and link are arrays even with one item.
    QJsonObject toJson() const;

    // Decodes {"nmsEventList":{...}} as a client receives it. A single event or link may
    // be a bare object; extension elements of changedObject land in extension. An event
    // of a kind this code does not know is skipped, so a newer server does not break
    // older clients.
    static Result<NmsEventList> fromJson(const QJsonObject &document);
};

} // namespace Marquee
