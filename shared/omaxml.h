#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>

class QXmlStreamReader;
class QXmlStreamWriter;

namespace Marquee {

// Converts between OMA documents in JSON form (an object with one root member, as the
// OMA JSON convention has it) and their XML form. The root element is qualified with the
// namespace of its API, and its children are unqualified, as in the OMA schemas.
//
// JSON to XML is exact for the documents the server writes: arrays become repeated
// elements, numbers keep their integer form, null becomes an empty element, link gets
// its rel and href as attributes, and channelData gets its xsi:type.
//
// XML to JSON is liberal, for decoding requests: every leaf value becomes a string, a
// repeated element becomes an array and a single one stays an object, and an empty
// element becomes null. The JSON decoders accept all of these shapes, so one decoder
// serves both formats.
namespace OmaXml {

// Limits of an XML request body. Deeper nesting is rejected rather than followed.
inline constexpr int MaxDepth = 32;

QByteArray fromJson(const QJsonObject &document);

// Writes the root member of a document as an element, with its namespace declared on
// it, into a writer that may already hold an enclosing element.
void writeDocumentElement(QXmlStreamWriter &writer, const QJsonObject &document);

// Returns the SVC0001 error for a reader that stopped at malformed XML, with its position.
RequestError readerError(const QXmlStreamReader &reader);

// Whether toJson() requires a known root element to be in its API's namespace: yes for
// request bodies the server decodes, no for notifications it only passes on.
enum class RootNamespace { Checked, Any };

// Decodes an XML document. A document type declaration, malformed XML, nesting beyond
// MaxDepth, mixed text and elements, and (when checked) a known root element in a
// namespace other than its API's are rejected with SVC0001.
Result<QJsonObject> toJson(const QByteArray &xml, RootNamespace check = RootNamespace::Checked);

// Decodes an XML notification for a JSON client as exactly as the vocabulary allows:
// repeatable elements become arrays, numeric elements numbers, and an empty element that
// contains lists becomes an object of empty lists ({"flag":[]}). Elements the vocabulary
// does not know stay as toJson() reads them.
Result<QJsonObject> toExactJson(const QByteArray &xml);

// Checks that a JSON document can be written as XML: every member name is an XML name
// without a colon and every string contains only characters XML allows. Fails with SVC0002
// naming the member.
Result<void> checkXmlCompatible(const QJsonObject &document);

} // namespace OmaXml

} // namespace Marquee
