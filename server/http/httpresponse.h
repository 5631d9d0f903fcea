#pragma once

#include "headerlist.h"

#include "requesterror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

namespace Marquee {

// A complete response, built by a route and written by ApiServer.
struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    static HttpResponse json(int status, const QJsonObject &document);
    // The requestError in JSON with its HTTP status.
    static HttpResponse error(const RequestError &error);
    // 405 with the Allow header and a requestError.
    static HttpResponse methodNotAllowed(const QString &method, const QStringList &allowed);
    // 201 with Location.
    static HttpResponse created(const QUrl &location, const QJsonObject &document);
    static HttpResponse noContent();

    QByteArray header(QByteArrayView name) const;
};

} // namespace Marquee
