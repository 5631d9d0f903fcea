#include "formbody.h"

#include "requesterror.h"

#include <QSet>
#include <QStringDecoder>

#include <optional>

namespace Marquee {

namespace {

std::optional<QString> decodeComponent(QByteArray component)
{
    component.replace('+', ' ');
    const QByteArray bytes = QByteArray::fromPercentEncoding(component.trimmed()).trimmed();

    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QJsonObject withValue(QJsonObject object, QStringList path, const QString &value)
{
    const QString key = path.takeFirst();
    if (path.isEmpty()) {
        object.insert(key, value);
        return object;
    }
    object.insert(key, withValue(object.value(key).toObject(), path, value));
    return object;
}

} // namespace

Result<QJsonObject> formToJson(const QByteArray &body, const QString &root,
                               const QList<FormField> &fields)
{
    QJsonObject members;
    QSet<QString> seen;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.trimmed().isEmpty())
            continue;

        const qsizetype equals = pair.indexOf('=');
        const std::optional<QString> name = decodeComponent(equals < 0 ? pair : pair.left(equals));
        const std::optional<QString> value =
                decodeComponent(equals < 0 ? QByteArray() : pair.mid(equals + 1));
        if (!name || !value) {
            return RequestError::malformedBody(
                    QStringLiteral("form"),
                    QStringLiteral("a field is not UTF-8 after percent-decoding"));
        }

        if (seen.contains(*name)) {
            return RequestError::invalidValue(*name, *value,
                                              QStringLiteral("the field appears more than once"));
        }
        seen.insert(*name);

        const auto field = std::find_if(fields.cbegin(), fields.cend(),
                                        [&name](const FormField &f) { return f.name == *name; });
        if (field != fields.cend())
            members = withValue(members, field->path, *value);
    }

    if (members.isEmpty())
        return QJsonObject{{root, QJsonValue(QJsonValue::Null)}};
    return QJsonObject{{root, members}};
}

} // namespace Marquee
