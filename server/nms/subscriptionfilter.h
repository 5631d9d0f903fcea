#pragma once

#include "result.h"
#include "storage/boxchange.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Marquee {

// The filter of an NMS subscription, an NMS SearchCriteria: criterion[1..n] combined by
// operator And (the default), Or or Not, where Not means NOT(c1 AND ... AND cn). Of the
// NMS search types this server supports three, applied to movie objects:
//
// - Attribute with name "id": the object whose id equals value.
// - Date, with no name or the name "premiereDate": objects whose premiere lies in the
//   range that value gives as "minDate=X", "maxDate=Y" or "minDate=X&maxDate=Y" (X
//   inclusive, Y exclusive, as in NMS). X and Y are dates or date-times with an offset;
//   a date-only premiere counts as 00:00 UTC of its day.
// - VanishedObjects: deleted objects. It cannot be combined with other criteria.
//
// A change matches on the object's state after it; a deletion matches on the object's
// last state. Every other search type is rejected with SVC0003.
class SubscriptionFilter
{
public:
    enum class Operator { And, Or, Not };

    // A default-constructed filter matches every change.
    SubscriptionFilter() = default;

    // Decodes a filter element; part names it in errors (e.g. "nmsSubscription.filter").
    static Result<SubscriptionFilter> fromJson(const QJsonObject &filter, const QString &part);

    // Whether the change of an object passes the filter.
    bool matches(const BoxChange &change) const;
    // The filter as the client sent it, normalised: criterion is always an array and
    // operator is always present.
    QJsonObject toJson() const;

private:
    struct Criterion
    {
        enum class Type { ObjectId, PremiereDate, VanishedObjects };

        Type type = Type::ObjectId;
        QString objectId;
        // Milliseconds since the Unix epoch.
        std::optional<qint64> minPremiereAt;
        std::optional<qint64> maxPremiereAt;
        QJsonObject json;

        bool matches(const BoxChange &change) const;
    };

    static Result<Criterion> criterionFromJson(const QJsonValue &value, const QString &part);

    QList<Criterion> m_criteria;
    Operator m_operator = Operator::And;
};

} // namespace Marquee
