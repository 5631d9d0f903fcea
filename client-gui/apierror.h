#pragma once

#include <QByteArray>
#include <QString>

namespace Marquee {

// The error of a failed REST call, in words a person can read. When the server responded
// with an OMA requestError, message is the server's text with its variables filled in.
// Otherwise message describes the failure (no connection, timeout, unexpected status).
struct ApiError
{
    // 0 when no HTTP response arrived.
    int httpStatus = 0;
    // The OMA messageId (SVC0002, POL1023, ...) when the server sent a requestError.
    QString messageId;
    QString message;

    // Builds the error of a response with status httpStatus and the given body.
    static ApiError fromResponse(int httpStatus, const QByteArray &body);
    // Builds the error of a request that got no HTTP response.
    static ApiError fromNetworkError(const QString &networkErrorString);
};

} // namespace Marquee
