#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Marquee {

// The two body formats of the OMA RESTful Network APIs. A request or response body, a
// queued notification and a WebSocket frame each have exactly one of them.
enum class BodyFormat { Json, Xml };

// The media type the server writes in Content-Type for a format.
QByteArray mediaTypeOf(BodyFormat format);

// The format of a Content-Type value, parameters ignored: application/json and any
// +json type are JSON; application/xml, text/xml and any +xml type are XML. Anything
// else, including an empty value, has no format.
std::optional<BodyFormat> bodyFormatOfMediaType(QByteArrayView contentType);

// The bare media type of a Content-Type value: lower case, without parameters.
QByteArray bareMediaType(QByteArrayView contentType);

} // namespace Marquee
