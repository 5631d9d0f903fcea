#include "jsonvalues.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Marquee::JsonValues {

namespace {

constexpr qsizetype MaxDescribedLength = 80;

QString joinPart(const QString &part, const QString &key)
{
    return part.isEmpty() ? key : part + QLatin1Char('.') + key;
}

} // namespace

QString describe(const QJsonValue &value)
{
    QString text;
    switch (value.type()) {
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    default:
        text = value.toVariant().toString();
        if (value.isNull())
            text = QStringLiteral("null");
        break;
    }

    if (text.size() > MaxDescribedLength)
        text = text.left(MaxDescribedLength) + QStringLiteral("...");
    return text;
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("%1 at offset %2")
                                                   .arg(parseError.errorString())
                                                   .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("the body must be a JSON object with "
                                                          "one root element"));
    }
    return document.object();
}

Result<QJsonObject> rootElement(const QJsonObject &document, const QString &rootName)
{
    if (!document.contains(rootName))
        return RequestError::missingValue(rootName);

    const QJsonValue root = document.value(rootName);
    if (root.isNull())
        return QJsonObject();
    if (!root.isObject())
        return RequestError::invalidValue(rootName, describe(root),
                                          QStringLiteral("expected an object"));
    return root.toObject();
}

std::optional<qint64> toInteger(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double raw = value.toDouble();
        // The range check comes first because converting a double beyond qint64 is
        // undefined. Doubles represent every integer exactly within it.
        if (raw > -9.0e15 && raw < 9.0e15 && raw == std::trunc(raw))
            return static_cast<qint64>(raw);
        return std::nullopt;
    }

    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return parsed;
    }
    return std::nullopt;
}

Result<std::optional<qint64>> optionalInteger(const QJsonObject &object, const QString &key,
                                              const QString &part, qint64 minimum,
                                              qint64 maximum)
{
    const QJsonValue value = object.value(key);
    const QString path = joinPart(part, key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();

    const std::optional<qint64> number = toInteger(value);
    if (!number)
        return RequestError::invalidValue(path, describe(value),
                                          QStringLiteral("expected an integer"));
    if (*number < minimum || *number > maximum) {
        return RequestError::invalidValue(
                path, describe(value),
                QStringLiteral("expected an integer from %1 to %2").arg(minimum).arg(maximum));
    }
    return number;
}

Result<std::optional<QString>> optionalString(const QJsonObject &object, const QString &key,
                                              const QString &part)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (value.isString())
        return std::optional<QString>(value.toString());
    if (value.isDouble())
        return std::optional<QString>(describe(value));
    return RequestError::invalidValue(joinPart(part, key), describe(value),
                                      QStringLiteral("expected a string"));
}

Result<QString> optionalBoundedString(const QJsonObject &object, const QString &key,
                                      const QString &part, qsizetype maxLength)
{
    const auto text = optionalString(object, key, part);
    if (!text)
        return text.error();

    const QString value = text.value().value_or(QString());
    if (value.size() > maxLength) {
        return RequestError::invalidValue(joinPart(part, key),
                                          value.left(40) + QStringLiteral("..."),
                                          QStringLiteral("longer than %1 characters")
                                                  .arg(maxLength));
    }
    return value;
}

Result<std::optional<QJsonObject>> optionalObject(const QJsonObject &object,
                                                  const QString &key, const QString &part)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::optional<QJsonObject>();
    if (value.isNull())
        return std::optional<QJsonObject>(QJsonObject());
    if (value.isObject())
        return std::optional<QJsonObject>(value.toObject());
    return RequestError::invalidValue(joinPart(part, key), describe(value),
                                      QStringLiteral("expected an object"));
}

QJsonArray list(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QJsonArray();
    if (value.isArray())
        return value.toArray();
    return QJsonArray{value};
}

} // namespace Marquee::JsonValues
