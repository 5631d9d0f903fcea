#include "subscriptionfilter.h"

#include "jsonvalues.h"
#include "movie.h"

#include <QJsonArray>

namespace Marquee {

namespace {

const QStringList SupportedTypes{QStringLiteral("Attribute"), QStringLiteral("Date"),
                                 QStringLiteral("VanishedObjects")};
const QStringList Operators{QStringLiteral("And"), QStringLiteral("Or"), QStringLiteral("Not")};

Result<void> rejectUnknownMembers(const QJsonObject &object, const QString &part,
                                  const QStringList &known)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return RequestError::invalidValue(part + QLatin1Char('.') + it.key(),
                                              JsonValues::describe(it.value()),
                                              QStringLiteral("unknown member; expected %1")
                                                      .arg(known.join(QStringLiteral(", "))));
        }
    }
    return {};
}

// Parses "minDate=X", "maxDate=Y" or both joined by '&' into milliseconds since the epoch.
Result<void> parseDateRange(const QString &text, const QString &part,
                            std::optional<qint64> *minimum, std::optional<qint64> *maximum)
{
    const QString reason = QStringLiteral("expected minDate=X, maxDate=Y or minDate=X&maxDate=Y "
                                          "with dates or date-times with an offset");
    const QStringList terms = text.split(QLatin1Char('&'));
    if (text.isEmpty() || terms.size() > 2)
        return RequestError::invalidValue(part, text, reason);

    for (const QString &term : terms) {
        const QString key = term.section(QLatin1Char('='), 0, 0);
        const QString bound = term.section(QLatin1Char('='), 1);
        std::optional<qint64> *target = key == QLatin1String("minDate")   ? minimum
                : key == QLatin1String("maxDate")                         ? maximum
                                                                          : nullptr;
        const std::optional<PremiereDate> instant = Movie::parsePremiereDate(bound);
        if (!target || target->has_value() || !instant)
            return RequestError::invalidValue(part, text, reason);
        *target = instant->toMSecsSinceEpoch();
    }

    if (*minimum && *maximum && **minimum >= **maximum) {
        return RequestError::invalidValue(part, text,
                                          QStringLiteral("minDate must be before maxDate"));
    }
    return {};
}

} // namespace

Result<SubscriptionFilter::Criterion> SubscriptionFilter::criterionFromJson(const QJsonValue &value,
                                                                            const QString &part)
{
    if (!value.isObject()) {
        return RequestError::invalidValue(part, JsonValues::describe(value),
                                          QStringLiteral("expected an object with type, name "
                                                         "and value"));
    }
    const QJsonObject fields = value.toObject();
    if (const Result<void> known = rejectUnknownMembers(
                fields, part, {QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("value")});
        !known) {
        return known.error();
    }

    const auto type = JsonValues::optionalString(fields, QStringLiteral("type"), part);
    if (!type)
        return type.error();
    if (!type.value())
        return RequestError::missingValue(part + QStringLiteral(".type"));
    const auto name = JsonValues::optionalString(fields, QStringLiteral("name"), part);
    if (!name)
        return name.error();
    const auto text = JsonValues::optionalString(fields, QStringLiteral("value"), part);
    if (!text)
        return text.error();

    Criterion criterion;
    criterion.json = QJsonObject{{QStringLiteral("type"), *type.value()},
                                 {QStringLiteral("value"), text.value().value_or(QString())}};
    if (name.value())
        criterion.json.insert(QStringLiteral("name"), *name.value());

    if (*type.value() == QLatin1String("VanishedObjects")) {
        criterion.type = Criterion::Type::VanishedObjects;
        return criterion;
    }

    if (*type.value() == QLatin1String("Attribute")) {
        if (!name.value())
            return RequestError::missingValue(part + QStringLiteral(".name"));
        if (*name.value() != QLatin1String("id")) {
            return RequestError::unsupportedValue(part + QStringLiteral(".name"), *name.value(),
                                                  {QStringLiteral("id")});
        }
        if (!text.value() || text.value()->isEmpty())
            return RequestError::missingValue(part + QStringLiteral(".value"));
        criterion.type = Criterion::Type::ObjectId;
        criterion.objectId = *text.value();
        return criterion;
    }

    if (*type.value() == QLatin1String("Date")) {
        if (name.value() && *name.value() != QLatin1String("premiereDate")) {
            return RequestError::unsupportedValue(part + QStringLiteral(".name"), *name.value(),
                                                  {QStringLiteral("premiereDate")});
        }
        if (!text.value())
            return RequestError::missingValue(part + QStringLiteral(".value"));
        criterion.type = Criterion::Type::PremiereDate;
        if (const Result<void> range = parseDateRange(*text.value(), part + QStringLiteral(".value"),
                                                      &criterion.minPremiereAt,
                                                      &criterion.maxPremiereAt);
            !range) {
            return range.error();
        }
        return criterion;
    }

    return RequestError::unsupportedValue(part + QStringLiteral(".type"), *type.value(),
                                          SupportedTypes);
}

Result<SubscriptionFilter> SubscriptionFilter::fromJson(const QJsonObject &filter,
                                                        const QString &part)
{
    if (const Result<void> known = rejectUnknownMembers(
                filter, part, {QStringLiteral("criterion"), QStringLiteral("operator")});
        !known) {
        return known.error();
    }

    SubscriptionFilter result;

    const auto operatorName = JsonValues::optionalString(filter, QStringLiteral("operator"), part);
    if (!operatorName)
        return operatorName.error();
    const QString op = operatorName.value().value_or(QStringLiteral("And"));
    if (!Operators.contains(op))
        return RequestError::unsupportedValue(part + QStringLiteral(".operator"), op, Operators);
    result.m_operator = static_cast<Operator>(Operators.indexOf(op));

    const QJsonArray items = JsonValues::list(filter.value(QStringLiteral("criterion")));
    if (items.isEmpty())
        return RequestError::missingValue(part + QStringLiteral(".criterion"));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPart = part + QStringLiteral(".criterion[%1]").arg(i);
        Result<Criterion> criterion = criterionFromJson(items.at(i), itemPart);
        if (!criterion)
            return criterion.error();
        result.m_criteria.append(criterion.value());
    }

    // NMS defines VanishedObjects as a criterion of its own that cannot be negated.
    const bool vanished = std::any_of(result.m_criteria.cbegin(), result.m_criteria.cend(),
                                      [](const Criterion &criterion) {
                                          return criterion.type == Criterion::Type::VanishedObjects;
                                      });
    if (vanished && (result.m_criteria.size() > 1 || result.m_operator == Operator::Not)) {
        return RequestError::invalidValue(part + QStringLiteral(".criterion"),
                                          QStringLiteral("VanishedObjects"),
                                          QStringLiteral("VanishedObjects cannot be negated or "
                                                         "combined with other criteria"));
    }
    return result;
}

bool SubscriptionFilter::Criterion::matches(const BoxChange &change) const
{
    switch (type) {
    case Type::VanishedObjects:
        return change.kind == BoxChange::Kind::Deleted;

    case Type::ObjectId:
        return change.objectId == objectId;

    case Type::PremiereDate: {
        const std::optional<PremiereDate> premiere = PremiereDate::parse(
                change.snapshot.value(QStringLiteral("premiereDate")).toString());
        if (!premiere)
            return false;
        const qint64 at = premiere->toMSecsSinceEpoch();
        return (!minPremiereAt || at >= *minPremiereAt) && (!maxPremiereAt || at < *maxPremiereAt);
    }
    }
    return false;
}

bool SubscriptionFilter::matches(const BoxChange &change) const
{
    auto matchesChange = [&change](const Criterion &criterion) { return criterion.matches(change); };

    switch (m_operator) {
    case Operator::Or:
        return std::any_of(m_criteria.cbegin(), m_criteria.cend(), matchesChange);
    case Operator::Not:
        return !std::all_of(m_criteria.cbegin(), m_criteria.cend(), matchesChange);
    case Operator::And:
        break;
    }
    return std::all_of(m_criteria.cbegin(), m_criteria.cend(), matchesChange);
}

QJsonObject SubscriptionFilter::toJson() const
{
    QJsonArray criteria;
    for (const Criterion &criterion : m_criteria)
        criteria.append(criterion.json);
    return QJsonObject{{QStringLiteral("criterion"), criteria},
                       {QStringLiteral("operator"), Operators.at(static_cast<int>(m_operator))}};
}

} // namespace Marquee
