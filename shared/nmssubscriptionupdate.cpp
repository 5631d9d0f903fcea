#include "nmssubscriptionupdate.h"

#include "jsonvalues.h"
#include "nmssubscription.h"

#include <limits>

namespace Marquee {

namespace {

const QString RootName = QStringLiteral("nmsSubscriptionUpdate");

} // namespace

Result<NmsSubscriptionUpdate> NmsSubscriptionUpdate::fromJson(const QJsonObject &document)
{
    const auto root = JsonValues::rootElement(document, RootName);
    if (!root)
        return root.error();

    NmsSubscriptionUpdate update;

    const auto duration = JsonValues::optionalInteger(root.value(), QStringLiteral("duration"),
                                                      RootName, 0,
                                                      std::numeric_limits<quint32>::max());
    if (!duration)
        return duration.error();
    update.duration = duration.value();

    const auto restartToken = JsonValues::optionalBoundedString(
            root.value(), QStringLiteral("restartToken"), RootName,
            NmsSubscription::MaxTagLength);
    if (!restartToken)
        return restartToken.error();
    update.restartToken = restartToken.value();

    return update;
}

QJsonObject NmsSubscriptionUpdate::toJson() const
{
    QJsonObject fields;
    if (duration)
        fields.insert(QStringLiteral("duration"), *duration);
    if (!restartToken.isEmpty())
        fields.insert(QStringLiteral("restartToken"), restartToken);
    return QJsonObject{{RootName, fields}};
}

} // namespace Marquee
