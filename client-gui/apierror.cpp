#include "apierror.h"

#include "requesterror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Marquee {

ApiError ApiError::fromResponse(int httpStatus, const QByteArray &body)
{
    ApiError error;
    error.httpStatus = httpStatus;

    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (const std::optional<RequestError> requestError =
                RequestError::fromJson(document.object())) {
        error.messageId = requestError->messageId;
        error.message = requestError->message();
        return error;
    }

    // A body that is not a requestError (a proxy's page, an empty 502) still gets a
    // sentence, with the body's first line when it is short text.
    const QString firstLine = QString::fromUtf8(body).section(QLatin1Char('\n'), 0, 0).trimmed();
    error.message = QStringLiteral("The server returned HTTP status %1").arg(httpStatus);
    if (!firstLine.isEmpty() && firstLine.size() <= 200)
        error.message += QStringLiteral(": ") + firstLine;
    return error;
}

ApiError ApiError::fromNetworkError(const QString &networkErrorString)
{
    ApiError error;
    error.message = QStringLiteral("The server could not be reached: %1").arg(networkErrorString);
    return error;
}

} // namespace Marquee
