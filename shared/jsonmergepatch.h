#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace Marquee {

// Applies a JSON Merge Patch (RFC 7396) to target and returns the result: members of an
// object patch replace those of the target, null members remove them, and objects merge
// recursively. A patch that is not an object replaces the target as a whole.
QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch);

} // namespace Marquee
