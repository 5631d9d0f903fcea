#include "restarttoken.h"

#include <QByteArray>
#include <QList>

namespace Marquee {

namespace {

constexpr QByteArrayView Prefix = "mq1.";
constexpr auto Encoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

QString RestartToken::toString() const
{
    const QByteArray plain = epoch.toLatin1() + ':' + QByteArray::number(modSeq);
    return QString::fromLatin1(Prefix.toByteArray() + plain.toBase64(Encoding));
}

std::optional<RestartToken> RestartToken::parse(const QString &text)
{
    const QByteArray bytes = text.toLatin1();
    if (!bytes.startsWith(Prefix))
        return std::nullopt;

    const auto decoded = QByteArray::fromBase64Encoding(bytes.mid(Prefix.size()),
                                                        Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;

    const QList<QByteArray> parts = decoded.decoded.split(':');
    if (parts.size() != 2 || parts.at(0).isEmpty())
        return std::nullopt;

    bool ok = false;
    const qint64 modSeq = parts.at(1).toLongLong(&ok);
    if (!ok || modSeq < 0)
        return std::nullopt;
    return RestartToken{QString::fromLatin1(parts.at(0)), modSeq};
}

} // namespace Marquee
