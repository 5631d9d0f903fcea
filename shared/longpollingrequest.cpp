#include "longpollingrequest.h"

#include "jsonvalues.h"

namespace Marquee {

Result<LongPollingRequest> LongPollingRequest::fromJson(const QJsonObject &document)
{
    const QString rootName = QStringLiteral("longPollingRequestParameters");
    if (document.isEmpty())
        return LongPollingRequest{};

    const auto root = JsonValues::rootElement(document, rootName);
    if (!root)
        return root.error();

    const auto maxWaitTime = JsonValues::optionalInteger(
            root.value(), QStringLiteral("maxWaitTime"), rootName, 0, MaxWaitTimeLimit);
    if (!maxWaitTime)
        return maxWaitTime.error();
    return LongPollingRequest{maxWaitTime.value()};
}

} // namespace Marquee
