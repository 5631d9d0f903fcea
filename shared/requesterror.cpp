#include "requesterror.h"

#include <QJsonArray>

namespace Marquee {

namespace {

QString exceptionKey(RequestError::Kind kind)
{
    return kind == RequestError::Kind::Policy ? QStringLiteral("policyException")
                                               : QStringLiteral("serviceException");
}

RequestError serviceError(const QString &messageId, const QString &text,
                          const QStringList &variables, int httpStatus)
{
    return RequestError{RequestError::Kind::Service, messageId, text, variables, httpStatus};
}

} // namespace

QString RequestError::message() const
{
    QString result = text;

    // Replace from the highest placeholder down, so that %1 does not eat the start of %10.
    for (qsizetype i = variables.size(); i > 0; --i)
        result.replace(QLatin1Char('%') + QString::number(i), variables.at(i - 1));

    return result;
}

QJsonObject RequestError::toJson() const
{
    QJsonObject exception{
        {QStringLiteral("messageId"), messageId},
        {QStringLiteral("text"), text},
    };
    if (!variables.isEmpty())
        exception.insert(QStringLiteral("variables"), QJsonArray::fromStringList(variables));

    return QJsonObject{
        {QStringLiteral("requestError"), QJsonObject{{exceptionKey(kind), exception}}}};
}

std::optional<RequestError> RequestError::fromJson(const QJsonObject &root)
{
    const QJsonObject body = root.value(QStringLiteral("requestError")).toObject();

    for (Kind kind : {Kind::Service, Kind::Policy}) {
        const QJsonValue exception = body.value(exceptionKey(kind));
        if (!exception.isObject())
            continue;

        const QJsonObject fields = exception.toObject();
        RequestError error;
        error.kind = kind;
        error.messageId = fields.value(QStringLiteral("messageId")).toString();
        error.text = fields.value(QStringLiteral("text")).toString();
        const QJsonValue variables = fields.value(QStringLiteral("variables"));
        if (variables.isArray()) {
            for (const QJsonValue &variable : variables.toArray())
                error.variables.append(variable.toString());
        } else if (variables.isString()) {
            error.variables.append(variables.toString());
        }
        return error;
    }

    return std::nullopt;
}

RequestError RequestError::malformedBody(const QString &format, const QString &detail)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: the request "
                                       "body is not valid %2 (%3)"),
                        {QStringLiteral("400"), format, detail}, 400);
}

RequestError RequestError::invalidValue(const QString &part, const QString &value,
                                        const QString &reason)
{
    return serviceError(QStringLiteral("SVC0002"),
                        QStringLiteral("Invalid input value for message part %1: '%2' (%3)"),
                        {part, value, reason}, 400);
}

RequestError RequestError::unsupportedValue(const QString &part, const QString &value,
                                            const QStringList &supportedValues)
{
    return serviceError(QStringLiteral("SVC0003"),
                        QStringLiteral("Invalid input value for message part %1: '%2' is not "
                                       "supported; valid values are %3"),
                        {part, value, supportedValues.join(QStringLiteral(", "))}, 400);
}

RequestError RequestError::missingValue(const QString &part)
{
    return serviceError(QStringLiteral("SVC0002"),
                        QStringLiteral("Invalid input value for message part %1: the mandatory "
                                       "element is missing"),
                        {part}, 400);
}

RequestError RequestError::notFound(const QString &resourceType, const QString &id)
{
    return serviceError(QStringLiteral("SVC0004"),
                        QStringLiteral("No valid addresses provided in message part %1: %2 '%3' "
                                       "not found"),
                        {QStringLiteral("Request-URI"), resourceType, id}, 404);
}

RequestError RequestError::unsupportedChannelType(const QString &channelType,
                                                  const QStringList &supportedTypes)
{
    return RequestError{Kind::Policy, QStringLiteral("POL1023"),
                        QStringLiteral("Notification channel type %1 not supported. Supported "
                                       "types: %2."),
                        {channelType, supportedTypes.join(QStringLiteral(", "))}, 403};
}

RequestError RequestError::simultaneousChannelRequests()
{
    return serviceError(QStringLiteral("SVC1012"),
                        QStringLiteral("Simultaneous channel requests not supported"), {}, 409);
}

RequestError RequestError::methodNotAllowed(const QString &method, const QStringList &allowed)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: method %2 is "
                                       "not allowed on this resource, allowed: %3"),
                        {QStringLiteral("405"), method, allowed.join(QStringLiteral(", "))}, 405);
}

RequestError RequestError::unsupportedMediaType(const QString &contentType,
                                                const QStringList &supportedTypes)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: content type "
                                       "'%2' is not supported, use %3"),
                        {QStringLiteral("415"), contentType,
                         supportedTypes.join(QStringLiteral(" or "))},
                        415);
}

RequestError RequestError::notAcceptable(const QString &accept,
                                         const QStringList &supportedTypes)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: none of the "
                                       "accepted types '%2' can be produced, use %3"),
                        {QStringLiteral("406"), accept, supportedTypes.join(QStringLiteral(" or "))},
                        406);
}

RequestError RequestError::conflict(const QString &resourceType, const QString &id,
                                    const QString &hint)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: %2 '%3' "
                                       "already exists; %4"),
                        {QStringLiteral("409"), resourceType, id, hint}, 409);
}

RequestError RequestError::preconditionFailed(const QString &header, const QString &value,
                                              const QString &currentTag)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: %2 %3 does "
                                       "not match the current entity tag %4; read the resource "
                                       "again and retry"),
                        {QStringLiteral("412"), header, value, currentTag}, 412);
}

RequestError RequestError::internalError(const QString &detail)
{
    return serviceError(QStringLiteral("SVC0001"),
                        QStringLiteral("A service error occurred. Error code is %1: %2"),
                        {QStringLiteral("500"), detail}, 500);
}

} // namespace Marquee
