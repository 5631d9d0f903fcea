#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Marquee {

// An OMA REST NetAPI Common requestError: exactly one serviceException or
// policyException with a messageId, a text with %1, %2 placeholders and the variables
// that fill them, plus the HTTP status it travels with.
struct RequestError
{
    enum class Kind { Service, Policy };

    Kind kind = Kind::Service;
    QString messageId;
    QString text;
    QStringList variables;
    int httpStatus = 400;

    // The text with every %N replaced by its variable, for logs and client messages.
    QString message() const;

    // {"requestError":{"serviceException":{...}}} or the policyException form.
    QJsonObject toJson() const;
    static std::optional<RequestError> fromJson(const QJsonObject &root);

    // SVC0001, 400: the body could not be parsed at all.
    static RequestError malformedBody(const QString &format, const QString &detail);
    // SVC0002, 400: a message part has an invalid value; reason explains the problem.
    static RequestError invalidValue(const QString &part, const QString &value,
                                     const QString &reason);
    // SVC0003, 400: a message part has a value this server does not support; the variables
    // name the part, the value and the supported values.
    static RequestError unsupportedValue(const QString &part, const QString &value,
                                         const QStringList &supportedValues);
    // SVC0002, 400: a mandatory message part is missing.
    static RequestError missingValue(const QString &part);
    // SVC0004, 404: the resource named by the request URI does not exist.
    static RequestError notFound(const QString &resourceType, const QString &id);
    // POL1023, 403: the requested channel type is not supported.
    static RequestError unsupportedChannelType(const QString &channelType,
                                               const QStringList &supportedTypes);
    // SVC1012, 409: a second long poll on the same channel ended this one.
    static RequestError simultaneousChannelRequests();
    // SVC0001, 405: the method is not defined on the resource.
    static RequestError methodNotAllowed(const QString &method, const QStringList &allowed);
    // SVC0001, 415: the request body has a content type the resource does not take.
    static RequestError unsupportedMediaType(const QString &contentType,
                                             const QStringList &supportedTypes);
    // SVC0001, 406: no acceptable response type.
    static RequestError notAcceptable(const QString &accept, const QStringList &supportedTypes);
    // SVC0001, 409: the resource named by the request already exists.
    static RequestError conflict(const QString &resourceType, const QString &id,
                                 const QString &hint);
    // SVC0001, 412: a precondition such as If-Match does not hold for the resource's
    // current state.
    static RequestError preconditionFailed(const QString &header, const QString &value,
                                           const QString &currentTag);
    // SVC0001, 500: the server failed; detail is safe to show to the client.
    static RequestError internalError(const QString &detail);
};

} // namespace Marquee
