#pragma once

#include "bodyformat.h"
#include "headerlist.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

class QHttpServerRequest;

namespace Marquee {

// A copy of everything a route needs from a QHttpServerRequest. Routes see this value
// and never the server's request object, which the connection reuses.
struct HttpRequest
{
    QString method;
    // Path segments as they arrived, still percent-encoded.
    QStringList encodedSegments;
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    QHostAddress remoteAddress;
    // The response format negotiated from Accept; responses written later, such as the
    // response to a parked long poll, use it too.
    BodyFormat responseFormat = BodyFormat::Json;
    // Path variables of the matched route, percent-decoded once.
    QHash<QString, QString> pathVariables;

    static HttpRequest fromServerRequest(const QHttpServerRequest &request);

    // The value of the first header with this name, compared case-insensitively.
    QByteArray header(QByteArrayView name) const;
    QString variable(const QString &name) const { return pathVariables.value(name); }
    QString encodedPath() const;
};

} // namespace Marquee
