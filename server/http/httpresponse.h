#pragma once

#include "bodyformat.h"
#include "headerlist.h"
#include "requesterror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Marquee {

// A complete response, built by a route and written by ApiServer. Routes hand over an
// OMA document in its JSON form as content. render() turns it into the body in the
// format the client negotiated, so no route deals with JSON or XML text.
struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    std::optional<QJsonObject> content;
    QByteArray body;

    static HttpResponse document(int status, const QJsonObject &content);
    // The requestError with its HTTP status.
    static HttpResponse error(const RequestError &error);
    // 405 with the Allow header and a requestError.
    static HttpResponse methodNotAllowed(const QString &method, const QStringList &allowed);
    // 201 with Location.
    static HttpResponse created(const QUrl &location, const QJsonObject &document);
    static HttpResponse noContent();

    // Writes content, if any, into body in the given format and sets Content-Type.
    void render(BodyFormat format);

    QByteArray header(QByteArrayView name) const;
};

} // namespace Marquee
