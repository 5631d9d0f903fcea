#pragma once

#include "bodyformat.h"

#include <QByteArray>

#include <optional>

namespace Marquee {

// Returns the response format an Accept header requests. Each format takes the quality of the
// most specific media range that matches it (application/json; application/xml or
// text/xml; then application/*, text/* for XML, and */*). The format with the higher
// quality wins; on a tie the one named by the more specific range, then JSON. A missing
// or empty header means JSON. No format, when both have quality 0 or nothing matches.
std::optional<BodyFormat> negotiateResponseFormat(const QByteArray &accept);

} // namespace Marquee
