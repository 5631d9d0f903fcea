#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace Marquee {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Returns the value of the first header with this name, compared case-insensitively, or
// an empty array.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

} // namespace Marquee
