#include "premieredate.h"

#include <QRegularExpression>

namespace Marquee {

PremiereDate::PremiereDate(QDate date) : m_date(date) { }

std::optional<PremiereDate> PremiereDate::parse(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
            "^(\\d{4})-(\\d{2})-(\\d{2})"
            "(?:T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?(Z|([+-])(\\d{2}):(\\d{2})))?$"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch())
        return std::nullopt;

    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    if (!match.hasCaptured(4))
        return PremiereDate(date);

    const int hour = match.captured(4).toInt();
    const int minute = match.captured(5).toInt();
    const int second = match.captured(6).toInt();
    // "5" means 500 ms and "05" means 50 ms, so the fraction is padded on the right.
    const int millisecond = match.captured(7).leftJustified(3, QLatin1Char('0')).toInt();
    if (hour > 23 || minute > 59 || second > 59)
        return std::nullopt;

    int offsetSeconds = 0;
    if (match.captured(8) != QLatin1String("Z")) {
        const int offsetHours = match.captured(10).toInt();
        const int offsetMinutes = match.captured(11).toInt();
        if (offsetHours > 23 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60)
                * (match.captured(9) == QLatin1String("-") ? -1 : 1);
    }

    // The wall-clock time minus its offset is the UTC instant.
    const QDateTime utc = QDateTime(date, QTime(hour, minute, second, millisecond), Qt::UTC)
                                  .addSecs(-offsetSeconds);

    PremiereDate premiere;
    premiere.m_date = utc.date();
    premiere.m_hasTime = true;
    premiere.m_millisecondsOfDay = utc.time().msecsSinceStartOfDay();
    return premiere;
}

QString PremiereDate::toString() const
{
    if (!m_hasTime)
        return m_date.toString(Qt::ISODate);

    const QTime time = QTime::fromMSecsSinceStartOfDay(m_millisecondsOfDay);
    const QString format = time.msec() == 0 ? QStringLiteral("HH:mm:ss")
                                            : QStringLiteral("HH:mm:ss.zzz");
    return m_date.toString(Qt::ISODate) + QLatin1Char('T') + time.toString(format)
            + QLatin1Char('Z');
}

qint64 PremiereDate::toMSecsSinceEpoch() const
{
    return QDateTime(m_date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch()
            + m_millisecondsOfDay;
}

} // namespace Marquee
