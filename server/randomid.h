#pragma once

#include <QString>

namespace Marquee {

// Returns a new random id of 128 bits from the system's secure generator, encoded as 22
// URL-safe base64 characters. Holding such an id is the capability to use the resource.
QString createRandomId();

} // namespace Marquee
