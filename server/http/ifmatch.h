#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>

namespace Marquee {

// An If-Match request header (RFC 9110, section 13.1.1): "*" or a list of entity tags.
// Matching uses the strong comparison, so a weak tag (W/"...") never matches.
class IfMatch
{
public:
    // An absent header, which every state satisfies.
    IfMatch() = default;

    // Parses the header value; an empty value is an absent header. A malformed value is
    // 400 SVC0002 naming If-Match.
    static Result<IfMatch> parse(const QByteArray &value);

    bool isPresent() const { return m_present; }
    // Whether a resource that exists with currentTag (a quoted strong entity tag) satisfies
    // the header.
    bool matches(const QByteArray &currentTag) const;
    QByteArray text() const { return m_text; }

private:
    bool m_present = false;
    bool m_any = false;
    QList<QByteArray> m_strongTags;
    QByteArray m_text;
};

} // namespace Marquee
