#pragma once

#include "httprequest.h"
#include "result.h"

#include <QJsonObject>

namespace Marquee {

// Decodes a JSON request body into an object. The Content-Type must be application/json
// or another +json type; a body without a Content-Type is read as JSON. Anything else
// is 415, and unparseable JSON is 400 SVC0001 with the parser's message and offset.
Result<QJsonObject> readJsonBody(const HttpRequest &request);

// 400 unless the request has no body, for methods that take none.
Result<void> requireEmptyBody(const HttpRequest &request);

} // namespace Marquee
