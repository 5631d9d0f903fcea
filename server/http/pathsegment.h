#pragma once

#include <QString>

#include <optional>

namespace Marquee {

// Percent-decodes one path segment. Returns std::nullopt when the decoded bytes are not
// valid UTF-8, because they would become U+FFFD and different ids would name one resource.
std::optional<QString> decodePathSegment(const QString &encodedSegment);

} // namespace Marquee
