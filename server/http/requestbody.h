#pragma once

#include "bodyformat.h"
#include "formbody.h"
#include "httprequest.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Marquee {

// The application/x-www-form-urlencoded shape of a request, for the operations that
// accept one: the root element it stands for and where each field goes.
struct FormShape
{
    QString root;
    QList<FormField> fields;
};

// Decodes a request body into an OMA document in its JSON form, whatever format it
// came in, so one decoder reads JSON and XML alike. The Content-Type selects the format.
// JSON is application/json or any +json type, and so is a body without a Content-Type.
// XML is application/xml, text/xml or any +xml type, converted by OmaXml::toJson. With a
// FormShape, application/x-www-form-urlencoded is accepted too. Any other type is 415,
// and a body that does not parse is 400 SVC0001 naming the format and the fault.
Result<QJsonObject> readRequestDocument(const HttpRequest &request);
Result<QJsonObject> readRequestDocument(const HttpRequest &request, const FormShape &form);

// Returns the format of the request body by its Content-Type: JSON or XML as
// readRequestDocument() reads them, and JSON when the header is missing. std::nullopt for
// any other media type, including a form.
std::optional<BodyFormat> requestBodyFormat(const HttpRequest &request);

// Returns whether the request body is application/x-www-form-urlencoded.
bool isFormBody(const HttpRequest &request);

// Returns the 415 error for a request body in none of the supported formats.
RequestError unsupportedBodyFormat(const HttpRequest &request, bool formAccepted = false);

// 400 unless the request has no body, for methods that take none.
Result<void> requireEmptyBody(const HttpRequest &request);

} // namespace Marquee
