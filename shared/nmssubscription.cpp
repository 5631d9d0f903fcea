#include "nmssubscription.h"

#include "jsonvalues.h"

#include <limits>

namespace Marquee {

namespace {

const QString RootName = QStringLiteral("nmsSubscription");
const QString CallbackPart = QStringLiteral("nmsSubscription.callbackReference");

Result<CallbackReference> callbackReferenceFromJson(const QJsonObject &fields)
{
    CallbackReference reference;

    const auto notifyURL = JsonValues::optionalString(fields, QStringLiteral("notifyURL"),
                                                      CallbackPart);
    if (!notifyURL)
        return notifyURL.error();
    if (!notifyURL.value() || notifyURL.value()->isEmpty())
        return RequestError::missingValue(CallbackPart + QStringLiteral(".notifyURL"));

    reference.notifyURL = QUrl(*notifyURL.value(), QUrl::StrictMode);
    const QString scheme = reference.notifyURL.scheme();
    if (!reference.notifyURL.isValid() || reference.notifyURL.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        return RequestError::invalidValue(CallbackPart + QStringLiteral(".notifyURL"),
                                          *notifyURL.value(),
                                          QStringLiteral("expected an absolute http or https URL"));
    }

    const auto callbackData = JsonValues::optionalBoundedString(fields, QStringLiteral("callbackData"),
                                            CallbackPart, NmsSubscription::MaxTagLength);
    if (!callbackData)
        return callbackData.error();
    reference.callbackData = callbackData.value();

    const auto format = JsonValues::optionalString(fields, QStringLiteral("notificationFormat"),
                                                   CallbackPart);
    if (!format)
        return format.error();
    reference.notificationFormat = format.value().value_or(QString());
    if (!reference.notificationFormat.isEmpty()
        && reference.notificationFormat != QLatin1String("JSON")
        && reference.notificationFormat != QLatin1String("XML")) {
        return RequestError::invalidValue(CallbackPart + QStringLiteral(".notificationFormat"),
                                          reference.notificationFormat,
                                          QStringLiteral("expected JSON or XML"));
    }

    return reference;
}

} // namespace

Result<NmsSubscription> NmsSubscription::fromJson(const QJsonObject &document)
{
    const auto root = JsonValues::rootElement(document, RootName);
    if (!root)
        return root.error();
    const QJsonObject &fields = root.value();

    NmsSubscription subscription;

    const auto callback = JsonValues::optionalObject(fields, QStringLiteral("callbackReference"),
                                                     RootName);
    if (!callback)
        return callback.error();
    if (!callback.value())
        return RequestError::missingValue(CallbackPart);
    const auto reference = callbackReferenceFromJson(*callback.value());
    if (!reference)
        return reference.error();
    subscription.callbackReference = reference.value();

    const auto duration = JsonValues::optionalInteger(fields, QStringLiteral("duration"), RootName,
                                                      0, std::numeric_limits<quint32>::max());
    if (!duration)
        return duration.error();
    subscription.duration = duration.value();

    const auto clientCorrelator = JsonValues::optionalBoundedString(fields, QStringLiteral("clientCorrelator"),
                                                RootName, MaxTagLength);
    if (!clientCorrelator)
        return clientCorrelator.error();
    subscription.clientCorrelator = clientCorrelator.value();

    const auto restartToken = JsonValues::optionalBoundedString(fields, QStringLiteral("restartToken"), RootName,
                                            MaxTagLength);
    if (!restartToken)
        return restartToken.error();
    subscription.restartToken = restartToken.value();

    const auto filter = JsonValues::optionalObject(fields, QStringLiteral("filter"), RootName);
    if (!filter)
        return filter.error();
    subscription.filter = filter.value();

    return subscription;
}

QJsonObject NmsSubscription::toJsonMembers() const
{
    QJsonObject reference{
        {QStringLiteral("notifyURL"), QString::fromUtf8(callbackReference.notifyURL.toEncoded())}};
    if (!callbackReference.callbackData.isEmpty())
        reference.insert(QStringLiteral("callbackData"), callbackReference.callbackData);
    if (!callbackReference.notificationFormat.isEmpty())
        reference.insert(QStringLiteral("notificationFormat"),
                         callbackReference.notificationFormat);

    QJsonObject fields{{QStringLiteral("callbackReference"), reference}};
    if (duration)
        fields.insert(QStringLiteral("duration"), *duration);
    if (filter)
        fields.insert(QStringLiteral("filter"), *filter);
    if (!clientCorrelator.isEmpty())
        fields.insert(QStringLiteral("clientCorrelator"), clientCorrelator);
    if (!resourceURL.isEmpty())
        fields.insert(QStringLiteral("resourceURL"), QString::fromUtf8(resourceURL.toEncoded()));
    if (index)
        fields.insert(QStringLiteral("index"), *index);
    if (!restartToken.isEmpty())
        fields.insert(QStringLiteral("restartToken"), restartToken);
    return fields;
}

QJsonObject NmsSubscription::toJson() const
{
    return QJsonObject{{RootName, toJsonMembers()}};
}

} // namespace Marquee
