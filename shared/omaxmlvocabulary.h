#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Marquee {

// What the XML codec needs to know about the OMA schemas beyond the JSON tree: the
// namespace of each root element, the order of child elements that the XSD sequences
// prescribe, which members are XML attributes, and the xsi:type of channelData.
// Elements that are not listed are written in the order of the JSON object.
namespace OmaXmlVocabulary {

inline constexpr QStringView NotificationChannelNamespace =
        u"urn:oma:xml:rest:netapi:notificationchannel:1";
inline constexpr QStringView NmsNamespace = u"urn:oma:xml:rest:netapi:nms:1";
inline constexpr QStringView CommonNamespace = u"urn:oma:xml:rest:netapi:common:1";
// The namespace of Marquee's own documents (movies and boxes), which no OMA schema covers.
inline constexpr QStringView MoviesNamespace = u"urn:marquee:xml:movies:1";
inline constexpr QStringView SchemaInstanceNamespace = u"http://www.w3.org/2001/XMLSchema-instance";

struct RootElement
{
    QString namespaceUri;
    QString prefix;
};

// The namespace and customary prefix of a known root element, such as
// notificationChannel (nc) or nmsEventList (nms).
std::optional<RootElement> rootElement(QStringView name);

// The namespace of an element that Marquee adds to a type of an OMA schema, such as the
// movie inside an NMS changedObject, or std::nullopt for an element of the type itself.
std::optional<RootElement> extensionElement(QStringView parent, QStringView element);

// The XSD order of the child elements of an element, or an empty list when the element
// is not listed.
QStringList childOrder(QStringView element);

// Whether an element may repeat inside its parent, so that its JSON form is always an
// array. A movie repeats in a movieList but is single in a changedObject.
bool isRepeated(QStringView parent, QStringView element);

// Whether an element's value is an integer, so that its JSON form is a number.
bool isNumber(QStringView element);

// Whether a member of an element is written as an XML attribute (rel and href of link).
bool isAttribute(QStringView element, QStringView member);

// The xsi:type value of an element, or an empty string when it has none. channelData
// gets the data type of its channel's channelType, for example nc:WebSocketsData.
QString xsiTypeOf(QStringView element, const QJsonObject &parent);

} // namespace OmaXmlVocabulary

} // namespace Marquee
