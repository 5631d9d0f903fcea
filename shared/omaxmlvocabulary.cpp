#include "omaxmlvocabulary.h"

#include <QHash>

namespace Marquee::OmaXmlVocabulary {

namespace {

QHash<QString, RootElement> makeRootElements()
{
    QHash<QString, RootElement> roots;
    const RootElement nc{NotificationChannelNamespace.toString(), QStringLiteral("nc")};
    for (const char *name : {"notificationChannel", "notificationChannelList",
                             "notificationChannelLifetime", "notificationList",
                             "longPollingRequestParameters", "largePollingNotification",
                             "connCheck", "connAck"}) {
        roots.insert(QString::fromLatin1(name), nc);
    }

    const RootElement nms{NmsNamespace.toString(), QStringLiteral("nms")};
    for (const char *name : {"nmsSubscription", "nmsSubscriptionList", "nmsSubscriptionUpdate",
                             "nmsEventList", "folder", "object", "objectList", "flagList"}) {
        roots.insert(QString::fromLatin1(name), nms);
    }

    const RootElement common{CommonNamespace.toString(), QStringLiteral("common")};
    roots.insert(QStringLiteral("requestError"), common);
    roots.insert(QStringLiteral("resourceReference"), common);

    const RootElement movies{MoviesNamespace.toString(), QStringLiteral("mq")};
    for (const char *name : {"movie", "movieList", "boxList"})
        roots.insert(QString::fromLatin1(name), movies);
    return roots;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QString::fromLatin1(name));
    return result;
}

// Child order per element name. Where two OMA types share an element name (subscription
// in a list is an NmsSubscription, as nmsSubscription is), they share the entry.
QHash<QString, QStringList> makeChildOrders()
{
    const QStringList subscription =
            names({"callbackReference", "duration", "filter", "clientCorrelator", "resourceURL",
                   "index", "restartToken"});
    const QStringList exception = names({"messageId", "text", "variables"});

    return {
        {QStringLiteral("notificationChannel"),
         names({"clientCorrelator", "applicationTag", "channelType", "channelData",
                "channelLifetime", "callbackURL", "resourceURL"})},
        {QStringLiteral("notificationChannelList"), names({"notificationChannel", "resourceURL"})},
        {QStringLiteral("channelData"),
         names({"channelURL", "appId", "channelSubType", "registrationToken",
                "channelSubTypeVersion", "maxNotifications", "maxWaitTime", "largeDataPolling"})},
        {QStringLiteral("connCheck"), names({"checkInterval", "newChannelLifetime"})},
        {QStringLiteral("largePollingNotification"), names({"channelURL", "channelExpiry"})},
        {QStringLiteral("nmsSubscription"), subscription},
        {QStringLiteral("subscription"), subscription},
        {QStringLiteral("nmsSubscriptionList"), names({"subscription", "resourceURL"})},
        {QStringLiteral("nmsSubscriptionUpdate"), names({"duration", "restartToken"})},
        {QStringLiteral("callbackReference"),
         names({"notifyURL", "callbackData", "notificationFormat"})},
        {QStringLiteral("filter"), names({"criterion", "operator"})},
        {QStringLiteral("criterion"), names({"type", "name", "value"})},
        {QStringLiteral("nmsEventList"),
         names({"nmsEvent", "callbackData", "index", "restartToken", "link"})},
        {QStringLiteral("changedObject"),
         names({"parentFolder", "flags", "resourceURL", "lastModSeq", "correlationId",
                "correlationTag", "movie"})},
        {QStringLiteral("deletedObject"),
         names({"resourceURL", "lastModSeq", "correlationId", "correlationTag"})},
        {QStringLiteral("flags"), names({"flag", "resourceURL"})},
        {QStringLiteral("flagList"), names({"flag", "resourceURL"})},
        {QStringLiteral("link"), names({"rel", "href"})},
        {QStringLiteral("requestError"), names({"link", "serviceException", "policyException"})},
        {QStringLiteral("serviceException"), exception},
        {QStringLiteral("policyException"), exception},
        {QStringLiteral("movie"),
         names({"id", "title", "year", "premiereDate", "genres", "cast", "description",
                "resourceURL", "lastModSeq"})},
        {QStringLiteral("movieList"), names({"movie", "totalCount", "resourceURL", "nextURL"})},
        {QStringLiteral("boxList"), names({"box", "resourceURL"})},
        {QStringLiteral("box"),
         names({"storeName", "boxId", "owner", "resourceURL", "subscriptionsURL", "lastModSeq"})},
    };
}

} // namespace

std::optional<RootElement> rootElement(QStringView name)
{
    static const QHash<QString, RootElement> roots = makeRootElements();
    const auto found = roots.constFind(name.toString());
    if (found == roots.constEnd())
        return std::nullopt;
    return *found;
}

std::optional<RootElement> extensionElement(QStringView parent, QStringView element)
{
    if (parent == u"changedObject" && element == u"movie")
        return rootElement(element);
    return std::nullopt;
}

QStringList childOrder(QStringView element)
{
    static const QHash<QString, QStringList> orders = makeChildOrders();
    return orders.value(element.toString());
}

bool isRepeated(QStringView parent, QStringView element)
{
    // The items of the list documents repeat only in their list.
    if (element == u"notificationChannel")
        return parent == u"notificationChannelList";
    if (element == u"subscription")
        return parent == u"nmsSubscriptionList";
    if (element == u"movie")
        return parent == u"movieList";
    if (element == u"box")
        return parent == u"boxList";

    static const QStringList repeated = names(
            {"nmsEvent", "link", "flag", "variables", "criterion", "owner", "genres", "cast"});
    return repeated.contains(element);
}

bool isNumber(QStringView element)
{
    static const QStringList numbers =
            names({"channelLifetime", "maxNotifications", "maxWaitTime", "checkInterval",
                   "newChannelLifetime", "duration", "index", "lastModSeq", "totalCount",
                   "year"});
    return numbers.contains(element);
}

bool isAttribute(QStringView element, QStringView member)
{
    return element == u"link" && (member == u"rel" || member == u"href");
}

QString xsiTypeOf(QStringView element, const QJsonObject &parent)
{
    if (element != u"channelData")
        return {};

    const QString channelType = parent.value(QStringLiteral("channelType")).toString();
    if (channelType.isEmpty())
        return {};
    return QStringLiteral("nc:%1Data").arg(channelType);
}

} // namespace Marquee::OmaXmlVocabulary
