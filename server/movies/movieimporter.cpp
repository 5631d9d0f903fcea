#include "movieimporter.h"

#include "jsonvalues.h"
#include "logging.h"
#include "storage/movierepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace Marquee {

namespace {

constexpr qsizetype MaxSlugLength = 80;

quint32 fnv1a(const QByteArray &bytes)
{
    quint32 hash = 2166136261u;
    for (const char byte : bytes) {
        hash ^= static_cast<quint8>(byte);
        hash *= 16777619u;
    }
    return hash;
}

// Builds the writable members of a movie from one dataset entry, or returns the reason it
// is invalid.
Result<Movie> movieFromEntry(const QJsonValue &entry)
{
    if (!entry.isObject())
        return RequestError::invalidValue(QStringLiteral("entry"), JsonValues::describe(entry),
                                          QStringLiteral("expected an object"));
    const QJsonObject fields = entry.toObject();

    QJsonObject members;
    members.insert(QStringLiteral("title"), fields.value(QStringLiteral("title")));

    const QJsonValue year = fields.value(QStringLiteral("year"));
    if (year.isUndefined() || year.isNull())
        return RequestError::missingValue(QStringLiteral("year"));
    members.insert(QStringLiteral("year"), year);

    const QJsonValue premiereDate = fields.value(QStringLiteral("premiereDate"));
    if (!premiereDate.isUndefined()) {
        members.insert(QStringLiteral("premiereDate"), premiereDate);
    } else if (fields.value(QStringLiteral("title")).isString()) {
        const auto yearValue = JsonValues::optionalInteger(fields, QStringLiteral("year"),
                                                           QString(), Movie::MinYear,
                                                           Movie::MaxYear);
        if (!yearValue)
            return yearValue.error();
        const QDate date = MovieImporter::derivedPremiereDate(
                fields.value(QStringLiteral("title")).toString().trimmed(),
                static_cast<int>(yearValue.value().value_or(Movie::MinYear)));
        members.insert(QStringLiteral("premiereDate"), date.toString(Qt::ISODate));
    }

    for (const QString &key : {QStringLiteral("genres"), QStringLiteral("cast"),
                               QStringLiteral("id")}) {
        if (fields.contains(key))
            members.insert(key, fields.value(key));
    }
    const QJsonValue description = fields.contains(QStringLiteral("description"))
            ? fields.value(QStringLiteral("description"))
            : fields.value(QStringLiteral("extract"));
    if (description.isString())
        members.insert(QStringLiteral("description"),
                       description.toString().left(Movie::MaxDescriptionLength));

    return Movie::fromWritableMembers(members);
}

} // namespace

MovieImporter::MovieImporter(MovieRepository *movies) : m_movies(movies) { }

QDate MovieImporter::derivedPremiereDate(const QString &title, int year)
{
    const QDate first(year, 1, 1);
    const quint32 day = fnv1a(title.toUtf8()) % static_cast<quint32>(first.daysInYear());
    return first.addDays(day);
}

QString MovieImporter::slugId(const QString &title, int year)
{
    QString slug;
    bool pendingDash = false;
    for (const QChar character : title.normalized(QString::NormalizationForm_KD)) {
        if (character.isMark())
            continue;
        if (character.isLetterOrNumber() && character.unicode() < 128) {
            if (pendingDash && !slug.isEmpty())
                slug += QLatin1Char('-');
            slug += character.toLower();
            pendingDash = false;
        } else {
            pendingDash = true;
        }
    }
    slug = slug.left(MaxSlugLength);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    if (slug.isEmpty())
        slug = QStringLiteral("movie-%1").arg(fnv1a(title.toUtf8()), 8, 16, QLatin1Char('0'));
    return slug + QLatin1Char('-') + QString::number(year);
}

MovieImporter::Report MovieImporter::importFile(const QString &path, const QString &boxId)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Report report;
        report.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return report;
    }
    return importJson(file.readAll(), boxId);
}

MovieImporter::Report MovieImporter::importJson(const QByteArray &json, const QString &boxId)
{
    Report report;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        report.error = QStringLiteral("The file is not valid JSON: %1 at offset %2")
                               .arg(parseError.errorString())
                               .arg(parseError.offset);
        return report;
    }
    if (!document.isArray()) {
        report.error = QStringLiteral("The file must contain a JSON array of movies");
        return report;
    }

    const QJsonArray entries = document.array();
    report.entries = static_cast<int>(entries.size());

    QList<Movie> movies;
    QSet<QString> usedIds;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        Result<Movie> movie = movieFromEntry(entries.at(i));
        if (!movie) {
            // Positions count from 1, as a person reading the file would.
            report.problems.append(QStringLiteral("entry %1: %2").arg(i + 1).arg(movie.error().message()));
            continue;
        }

        Movie &value = movie.value();
        if (value.id.isEmpty()) {
            const QString base = slugId(value.title, value.year);
            value.id = base;
            for (int suffix = 2; usedIds.contains(value.id); ++suffix)
                value.id = base + QLatin1Char('-') + QString::number(suffix);
        } else if (usedIds.contains(value.id) || value.id.size() > Movie::MaxIdLength) {
            report.problems.append(QStringLiteral("entry %1: the id '%2' is repeated or too long")
                                           .arg(i + 1)
                                           .arg(value.id.left(40)));
            continue;
        }
        usedIds.insert(value.id);
        movies.append(value);
    }

    const std::optional<int> changed = m_movies->saveAll(boxId, movies);
    if (!changed) {
        report.error = QStringLiteral("Saving the movies into box %1 failed").arg(boxId);
        return report;
    }
    report.changed = *changed;
    report.unchanged = static_cast<int>(movies.size()) - *changed;

    qCInfo(lcMovies) << "Imported" << report.changed << "changed and" << report.unchanged
                     << "unchanged movies into box" << boxId << "and skipped" << report.skipped()
                     << "invalid entries";
    return report;
}

} // namespace Marquee
