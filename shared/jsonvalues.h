#pragma once

#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// Liberal readers for OMA JSON request bodies. Deployed clients send numbers and booleans
// as JSON values or as strings, a one-element list as a bare object, and null for an empty
// element, so each reader accepts all of these. Every error names the message part in
// dotted form (for example "notificationChannel.channelLifetime") and the offending value.
namespace Marquee::JsonValues {

// Returns the content of the root element {"rootName": {...}}. A null root element is an
// empty element and yields an empty object.
// Parses a body that must be one JSON object. A parse error is SVC0001 with the parser's
// message and offset, and so is valid JSON that is not an object.
Result<QJsonObject> parseObject(const QByteArray &body);

Result<QJsonObject> rootElement(const QJsonObject &document, const QString &rootName);

// Converts a JSON number without a fraction, or a string of decimal digits, to an integer.
// Returns std::nullopt for anything else, including numbers beyond the range that a double
// represents exactly.
std::optional<qint64> toInteger(const QJsonValue &value);

// Reads an optional integer in [minimum, maximum]. A missing or null element yields
// std::nullopt.
Result<std::optional<qint64>> optionalInteger(const QJsonObject &object, const QString &key,
                                              const QString &part, qint64 minimum,
                                              qint64 maximum);

// Reads an optional string. A number is taken as its decimal text; an object or an array
// is invalid.
Result<std::optional<QString>> optionalString(const QJsonObject &object, const QString &key,
                                              const QString &part);

// Reads an optional string of at most maxLength characters; a missing or null element
// yields an empty string.
Result<QString> optionalBoundedString(const QJsonObject &object, const QString &key,
                                      const QString &part, qsizetype maxLength);

// Reads an optional element that must be an object; null yields an empty object.
Result<std::optional<QJsonObject>> optionalObject(const QJsonObject &object,
                                                  const QString &key, const QString &part);

// Returns a repeatable element as an array: a missing or null element is empty, and any
// single value becomes a one-element array.
QJsonArray list(const QJsonValue &value);

// Describes a JSON value briefly for error messages, cut to a readable length.
QString describe(const QJsonValue &value);

} // namespace Marquee::JsonValues
