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

#include <functional>
#include <optional>

namespace Marquee {

class PendingResponse;

// A complete response, built by a route and written by ApiServer, or the marker of a
// deferred one (see deferred()). Routes hand over an OMA document in its JSON form as
// content. render() turns it into the body in the format the client negotiated, so no
// route deals with JSON or XML text.
struct HttpResponse
{
    // Receives the handle through which the route responds later.
    using DeferredCallback = std::function<void(PendingResponse *pending)>;

    int status = 200;
    HeaderList headers;
    std::optional<QJsonObject> content;
    QByteArray body;
    // Set only on the deferred() marker.
    DeferredCallback deferredCallback;

    static HttpResponse document(int status, const QJsonObject &content);
    // The requestError with its HTTP status.
    static HttpResponse error(const RequestError &error);
    // 405 with the Allow header and a requestError.
    static HttpResponse methodNotAllowed(const QString &method, const QStringList &allowed);
    // 201 with Location.
    static HttpResponse created(const QUrl &location, const QJsonObject &document);
    static HttpResponse noContent();
    // A body that is already encoded, with its media type.
    static HttpResponse encoded(int status, const QByteArray &mediaType, const QByteArray &body);
    // Tells ApiServer that the route responds later: ApiServer creates a PendingResponse for
    // the request and passes it to callback before the next request on the connection is
    // read. The callback may respond at once or keep the handle.
    static HttpResponse deferred(DeferredCallback callback);

    bool isDeferred() const { return static_cast<bool>(deferredCallback); }
    // The standard reason phrase of an HTTP status code.
    static QByteArray reasonPhrase(int status);

    // Writes content, if any, into body in the given format and sets Content-Type.
    void render(BodyFormat format);

    QByteArray header(QByteArrayView name) const;
};

} // namespace Marquee
