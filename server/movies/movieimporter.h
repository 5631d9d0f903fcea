#pragma once

#include "movie.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

namespace Marquee {

class MovieRepository;

// Imports movies from a JSON array in the shape of the public movie dataset: objects with
// title, year, cast, genres and extract (or description), plus optional id and
// premiereDate. Invalid entries are reported with their position and skipped; valid ones
// are saved in one transaction.
class MovieImporter
{
public:
    struct Report
    {
        int entries = 0;
        // Movies created or changed; an entry equal to the stored movie counts as unchanged.
        int changed = 0;
        int unchanged = 0;
        QStringList problems;
        // Set when the whole import failed (unreadable file, not a JSON array, SQL error).
        QString error;

        int skipped() const { return static_cast<int>(problems.size()); }
    };

    explicit MovieImporter(MovieRepository *movies);

    Report importFile(const QString &path, const QString &boxId);
    Report importJson(const QByteArray &json, const QString &boxId);

    // The premiere date chosen for an entry without one: a day of its year picked by the
    // 32-bit FNV-1a hash of the UTF-8 title, so the same title and year always get the
    // same date.
    static QDate derivedPremiereDate(const QString &title, int year);
    // A readable id from the title and year, such as "the-grudge-2020".
    static QString slugId(const QString &title, int year);

private:
    MovieRepository *m_movies;
};

} // namespace Marquee
