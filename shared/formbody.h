#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Marquee {

// One field of an application/x-www-form-urlencoded request and where its value goes in
// the JSON tree of the equivalent document, below the root element. For example
// maxNotifications goes to {"channelData","maxNotifications"}.
struct FormField
{
    QString name;
    QStringList path;
};

// Decodes an application/x-www-form-urlencoded body into an OMA document with the given
// root element, so the JSON decoder of that document reads it. Values stay strings, which
// the decoders accept for numbers. '+' stands for a space. Whitespace around names and
// values is dropped, so a body broken over lines still reads. Unknown names are ignored,
// as unknown JSON members are. A name given twice is rejected, and so is a name or value
// that is not UTF-8 after percent-decoding. An empty body gives {root: null}.
Result<QJsonObject> formToJson(const QByteArray &body, const QString &root,
                               const QList<FormField> &fields);

} // namespace Marquee
