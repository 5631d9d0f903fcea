#include "ifmatch.h"

namespace Marquee {

namespace {

// An entity-tag's opaque part: any visible character but '"' (RFC 9110 etagc).
bool isValidOpaqueTag(QByteArrayView tag)
{
    if (tag.size() < 2 || !tag.startsWith('"') || !tag.endsWith('"'))
        return false;
    for (const char character : tag.sliced(1, tag.size() - 2)) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte == '"' || byte <= 0x20 || byte == 0x7f)
            return false;
    }
    return true;
}

} // namespace

Result<IfMatch> IfMatch::parse(const QByteArray &value)
{
    IfMatch condition;
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return condition;

    condition.m_present = true;
    condition.m_text = trimmed;
    if (trimmed == "*") {
        condition.m_any = true;
        return condition;
    }

    for (const QByteArray &item : trimmed.split(',')) {
        const QByteArray tag = item.trimmed();
        const bool weak = tag.startsWith("W/");
        const QByteArray opaque = weak ? tag.mid(2) : tag;
        if (!isValidOpaqueTag(opaque)) {
            return RequestError::invalidValue(QStringLiteral("If-Match"),
                                              QString::fromLatin1(trimmed),
                                              QStringLiteral("expected * or a list of entity "
                                                             "tags such as \"42\""));
        }
        if (!weak)
            condition.m_strongTags.append(opaque);
    }
    return condition;
}

bool IfMatch::matches(const QByteArray &currentTag) const
{
    return !m_present || m_any || m_strongTags.contains(currentTag);
}

} // namespace Marquee
