#include "omaxml.h"

#include "omaxmlvocabulary.h"
#include "requesterror.h"

#include <QJsonArray>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace Marquee::OmaXml {

namespace {

bool isXmlText(const QString &text);

// Replaces what XML 1.0 cannot carry with U+FFFD, so a stray control character in stored
// data cannot make a whole document unreadable.
QString sanitizedText(const QString &text)
{
    if (isXmlText(text))
        return text;

    QString result;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            result += c;
            result += text.at(++i);
            continue;
        }
        result += isXmlText(QString(c)) ? c : QChar(QChar::ReplacementCharacter);
    }
    return result;
}

QString xmlText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // Integers up to 2^53 are exact in a double; write them without a fraction.
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::fabs(number) < 9007199254740992.0)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String:
        return sanitizedText(value.toString());
    default:
        return {};
    }
}

void writeValue(QXmlStreamWriter &writer, const QString &parentName, const QString &name,
                const QJsonValue &value, const QJsonObject &parent);

void writeMembers(QXmlStreamWriter &writer, const QString &element, const QJsonObject &object)
{
    // Attributes, then listed children, in schema order; any others after them, in JSON
    // order.
    const QStringList order = OmaXmlVocabulary::childOrder(element);
    for (const QString &name : order) {
        if (object.contains(name) && OmaXmlVocabulary::isAttribute(element, name))
            writer.writeAttribute(name, xmlText(object.value(name)));
    }
    for (const QString &name : order) {
        if (object.contains(name) && !OmaXmlVocabulary::isAttribute(element, name))
            writeValue(writer, element, name, object.value(name), object);
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!order.contains(it.key()) && !OmaXmlVocabulary::isAttribute(element, it.key()))
            writeValue(writer, element, it.key(), it.value(), object);
    }
}

void writeValue(QXmlStreamWriter &writer, const QString &parentName, const QString &name,
                const QJsonValue &value, const QJsonObject &parent)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            writeValue(writer, parentName, name, item, parent);
        return;
    }

    // An extension element in a type of another schema carries its own namespace.
    if (const auto extension = OmaXmlVocabulary::extensionElement(parentName, name)) {
        writer.writeNamespace(extension->namespaceUri, extension->prefix);
        writer.writeStartElement(extension->namespaceUri, name);
    } else {
        writer.writeStartElement(name);
    }
    const QString xsiType = OmaXmlVocabulary::xsiTypeOf(name, parent);
    if (!xsiType.isEmpty())
        writer.writeAttribute(OmaXmlVocabulary::SchemaInstanceNamespace.toString(),
                              QStringLiteral("type"), xsiType);
    if (value.isObject())
        writeMembers(writer, name, value.toObject());
    else if (!value.isNull())
        writer.writeCharacters(xmlText(value));
    writer.writeEndElement();
}

// Reads the element at the reader's position, up to and including its end tag.
Result<QJsonValue> readElement(QXmlStreamReader &reader, int depth)
{
    if (depth > MaxDepth) {
        return RequestError::malformedBody(
                QStringLiteral("XML"),
                QStringLiteral("elements are nested deeper than %1 levels").arg(MaxDepth));
    }

    QJsonObject members;
    bool nil = false;
    for (const QXmlStreamAttribute &attribute : reader.attributes()) {
        if (attribute.namespaceUri() == OmaXmlVocabulary::SchemaInstanceNamespace) {
            nil = nil || (attribute.name() == u"nil" && attribute.value() == u"true");
            continue;
        }
        members.insert(attribute.name().toString(), attribute.value().toString());
    }

    QString text;
    bool hasChildren = false;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            const QString name = reader.name().toString();
            const Result<QJsonValue> child = readElement(reader, depth + 1);
            if (!child)
                return child.error();
            hasChildren = true;

            // A repeated element becomes an array, in document order.
            const QJsonValue existing = members.value(name);
            if (existing.isUndefined()) {
                members.insert(name, child.value());
            } else {
                QJsonArray items = existing.isArray() ? existing.toArray() : QJsonArray{existing};
                items.append(child.value());
                members.insert(name, items);
            }
            break;
        }
        case QXmlStreamReader::Characters:
            if (!reader.isWhitespace())
                text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            if (hasChildren && !text.trimmed().isEmpty()) {
                return RequestError::malformedBody(
                        QStringLiteral("XML"),
                        QStringLiteral("element %1 mixes text and elements")
                                .arg(reader.name().toString()));
            }
            if (nil)
                return QJsonValue(QJsonValue::Null);
            // Text wins over attributes on a leaf: OMA leaves carry no attributes.
            if (!text.trimmed().isEmpty())
                return QJsonValue(text.trimmed());
            if (members.isEmpty())
                return QJsonValue(QJsonValue::Null);
            return QJsonValue(members);
        case QXmlStreamReader::DTD:
            return RequestError::malformedBody(
                    QStringLiteral("XML"),
                    QStringLiteral("document type declarations are not accepted"));
        default:
            break;
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

void writeDocumentElement(QXmlStreamWriter &writer, const QJsonObject &document)
{
    if (document.isEmpty())
        return;

    const QString name = document.constBegin().key();
    const QJsonValue value = document.constBegin().value();
    const std::optional<OmaXmlVocabulary::RootElement> root = OmaXmlVocabulary::rootElement(name);
    if (root) {
        // Declared before the start tag, so they land on it under the customary prefixes.
        writer.writeNamespace(root->namespaceUri, root->prefix);
        if (root->namespaceUri == OmaXmlVocabulary::NotificationChannelNamespace)
            writer.writeNamespace(OmaXmlVocabulary::SchemaInstanceNamespace.toString(),
                                  QStringLiteral("xsi"));
        writer.writeStartElement(root->namespaceUri, name);
    } else {
        writer.writeStartElement(name);
    }

    if (value.isObject()) {
        writeMembers(writer, name, value.toObject());
    } else if (value.isArray()) {
        // A root holding a bare array, such as a notificationList of notifications:
        // each item is itself a document with its own root member.
        for (const QJsonValue &item : value.toArray())
            writeDocumentElement(writer, item.toObject());
    } else {
        writer.writeCharacters(xmlText(value));
    }
    writer.writeEndElement();
}

QByteArray fromJson(const QJsonObject &document)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writeDocumentElement(writer, document);
    writer.writeEndDocument();
    return xml;
}

Result<QJsonObject> toJson(const QByteArray &xml, RootNamespace check)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::DTD) {
            return RequestError::malformedBody(
                    QStringLiteral("XML"),
                    QStringLiteral("document type declarations are not accepted"));
        }
        if (token != QXmlStreamReader::StartElement)
            continue;

        const QString name = reader.name().toString();
        const QString namespaceUri = reader.namespaceUri().toString();
        const std::optional<OmaXmlVocabulary::RootElement> root =
                OmaXmlVocabulary::rootElement(name);
        if (check == RootNamespace::Checked && root && root->namespaceUri != namespaceUri) {
            return RequestError::malformedBody(
                    QStringLiteral("XML"),
                    QStringLiteral("the root element %1 must be in the namespace %2, not in %3")
                            .arg(name, root->namespaceUri,
                                 namespaceUri.isEmpty() ? QStringLiteral("no namespace")
                                                        : namespaceUri));
        }

        const Result<QJsonValue> value = readElement(reader, 1);
        if (!value)
            return value.error();
        if (reader.hasError())
            return readerError(reader);

        // Anything after the root element other than comments and whitespace is an error
        // the reader reports as it reads on.
        while (!reader.atEnd())
            reader.readNext();
        if (reader.hasError() && reader.error() != QXmlStreamReader::PrematureEndOfDocumentError)
            return readerError(reader);
        return QJsonObject{{name, value.value()}};
    }

    if (reader.hasError() && !xml.trimmed().isEmpty())
        return readerError(reader);
    return RequestError::malformedBody(QStringLiteral("XML"),
                                       QStringLiteral("the body has no root element"));
}

namespace {

QJsonValue exactValue(const QString &parent, const QString &name, const QJsonValue &value);

QJsonObject exactMembers(const QString &element, const QJsonObject &object)
{
    const QStringList children = OmaXmlVocabulary::childOrder(element);
    QJsonObject result;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        // An empty leaf the schema lists reads back as the empty string it was written from.
        const bool emptyLeaf = it.value().isNull() && children.contains(it.key())
                && OmaXmlVocabulary::childOrder(it.key()).isEmpty()
                && !OmaXmlVocabulary::isNumber(it.key())
                && !OmaXmlVocabulary::isRepeated(element, it.key());
        result.insert(it.key(), emptyLeaf ? QJsonValue(QString())
                                          : exactValue(element, it.key(), it.value()));
    }

    // An empty list leaves no element in XML, so it comes back as an empty array.
    for (const QString &child : children) {
        if (OmaXmlVocabulary::isRepeated(element, child) && !result.contains(child))
            result.insert(child, QJsonArray());
    }
    return result;
}

QJsonValue exactItem(const QString &name, const QJsonValue &value)
{
    if (value.isObject())
        return exactMembers(name, value.toObject());

    if (value.isString() && OmaXmlVocabulary::isNumber(name)) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        if (ok)
            return QJsonValue(number);
    }

    // An empty element whose type contains lists, such as flags, is an object of empty lists.
    if (value.isNull() && !OmaXmlVocabulary::childOrder(name).isEmpty())
        return exactMembers(name, QJsonObject());
    return value;
}

QJsonValue exactValue(const QString &parent, const QString &name, const QJsonValue &value)
{
    if (!OmaXmlVocabulary::isRepeated(parent, name)) {
        if (value.isArray()) {
            QJsonArray items;
            for (const QJsonValue &item : value.toArray())
                items.append(exactItem(name, item));
            return items;
        }
        return exactItem(name, value);
    }

    QJsonArray items;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            items.append(exactItem(name, item));
    } else if (!value.isNull()) {
        items.append(exactItem(name, value));
    }
    return items;
}

bool isXmlName(const QString &name)
{
    if (name.isEmpty() || !(name.front().isLetter() || name.front() == u'_'))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c.isMark() || c == u'_' || c == u'-' || c == u'.';
    });
}

// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except the
// surrogate code units on their own and U+FFFE, U+FFFF.
bool isXmlText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        const char16_t unit = c.unicode();
        const bool allowed = unit == 0x9 || unit == 0xA || unit == 0xD
                || (unit >= 0x20 && !c.isSurrogate() && unit != 0xFFFE && unit != 0xFFFF);
        if (!allowed)
            return false;
    }
    return true;
}

Result<void> checkValue(const QString &path, const QJsonValue &value)
{
    if (value.isString() && !isXmlText(value.toString())) {
        return RequestError::invalidValue(path, QStringLiteral("a string"),
                                          QStringLiteral("contains a character XML cannot carry"));
    }
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (const Result<void> checked = checkValue(path, item); !checked)
                return checked;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString member = path.isEmpty() ? it.key() : path + u'.' + it.key();
            if (!isXmlName(it.key())) {
                return RequestError::invalidValue(member, it.key(),
                                                  QStringLiteral("a member name must also be "
                                                                 "a valid XML element name"));
            }
            if (const Result<void> checked = checkValue(member, it.value()); !checked)
                return checked;
        }
    }
    return {};
}

} // namespace

Result<QJsonObject> toExactJson(const QByteArray &xml)
{
    const Result<QJsonObject> liberal = toJson(xml, RootNamespace::Any);
    if (!liberal)
        return liberal;
    return exactMembers(QString(), liberal.value());
}

Result<void> checkXmlCompatible(const QJsonObject &document)
{
    return checkValue(QString(), document);
}

RequestError readerError(const QXmlStreamReader &reader)
{
    return RequestError::malformedBody(QStringLiteral("XML"),
                                       QStringLiteral("%1 at line %2, column %3")
                                               .arg(reader.errorString())
                                               .arg(reader.lineNumber())
                                               .arg(reader.columnNumber()));
}

} // namespace Marquee::OmaXml
