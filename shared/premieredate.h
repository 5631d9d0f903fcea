#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Marquee {

// A movie's premiere: either a calendar date ("2020-03-13") or an instant that the client
// gave as an ISO 8601 date-time with an offset ("2020-03-13T20:00:00+02:00"). An instant is
// kept in UTC and written back as "2020-03-13T18:00:00Z"; the offset the client used is
// not kept. A date stays a date.
class PremiereDate
{
public:
    PremiereDate() = default;
    // A date-only premiere; implicit so that code and tests can assign a QDate.
    PremiereDate(QDate date);

    // Parses "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)". Rejects
    // impossible dates such as 2023-02-30, a date-time without an offset, more than
    // millisecond precision, and leap seconds. Returns std::nullopt for anything else.
    static std::optional<PremiereDate> parse(const QString &text);

    bool isValid() const { return m_date.isValid(); }
    bool hasTime() const { return m_hasTime; }
    // The UTC calendar date.
    QDate date() const { return m_date; }
    // "YYYY-MM-DD" for a date, "YYYY-MM-DDThh:mm:ssZ" (with ".fff" when the milliseconds
    // are not zero) for an instant.
    QString toString() const;
    // Milliseconds since the Unix epoch; a date counts as 00:00 UTC of that day. Range
    // filters and sorting compare these values.
    qint64 toMSecsSinceEpoch() const;

    friend bool operator==(const PremiereDate &a, const PremiereDate &b)
    {
        return a.m_date == b.m_date && a.m_hasTime == b.m_hasTime
                && a.m_millisecondsOfDay == b.m_millisecondsOfDay;
    }
    friend bool operator!=(const PremiereDate &a, const PremiereDate &b) { return !(a == b); }

private:
    QDate m_date;
    bool m_hasTime = false;
    // Milliseconds after 00:00 UTC of m_date; 0 for a date.
    int m_millisecondsOfDay = 0;
};

} // namespace Marquee
