#include "movie.h"

#include "jsonvalues.h"
#include "omaxml.h"

#include <QJsonArray>

namespace Marquee {

namespace {

const QString RootName = QStringLiteral("movie");

QString part(const QString &key)
{
    return RootName + QLatin1Char('.') + key;
}

Result<QStringList> stringList(const QJsonObject &members, const QString &key)
{
    QStringList values;
    const QJsonArray items = JsonValues::list(members.value(key));
    for (const QJsonValue &item : items) {
        if (!item.isString()) {
            return RequestError::invalidValue(part(key), JsonValues::describe(item),
                                              QStringLiteral("expected a list of strings"));
        }
        values.append(item.toString());
    }
    return values;
}

} // namespace

std::optional<PremiereDate> Movie::parsePremiereDate(const QString &text)
{
    const std::optional<PremiereDate> premiere = PremiereDate::parse(text);
    if (!premiere || premiere->date().year() < MinYear || premiere->date().year() > MaxYear)
        return std::nullopt;
    return premiere;
}

Result<Movie> Movie::fromWritableMembers(const QJsonObject &members)
{
    static const QStringList known{
            QStringLiteral("id"),           QStringLiteral("title"),
            QStringLiteral("year"),         QStringLiteral("premiereDate"),
            QStringLiteral("genres"),       QStringLiteral("cast"),
            QStringLiteral("description"),  QStringLiteral("resourceURL"),
            QStringLiteral("lastModSeq"),
    };

    // Movies travel in XML notifications too, so their text must be writable as XML.
    if (const Result<void> writable =
                OmaXml::checkXmlCompatible(QJsonObject{{RootName, members}});
        !writable) {
        return writable.error();
    }
    for (auto it = members.constBegin(); it != members.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return RequestError::invalidValue(part(it.key()), JsonValues::describe(it.value()),
                                              QStringLiteral("unknown member; writable members "
                                                             "are title, year, premiereDate, "
                                                             "genres, cast and description"));
        }
    }

    Movie movie;

    const auto id = JsonValues::optionalString(members, QStringLiteral("id"), RootName);
    if (!id)
        return id.error();
    movie.id = id.value().value_or(QString());

    const auto title = JsonValues::optionalString(members, QStringLiteral("title"), RootName);
    if (!title)
        return title.error();
    if (!title.value())
        return RequestError::missingValue(part(QStringLiteral("title")));
    movie.title = title.value()->trimmed();
    if (movie.title.isEmpty()) {
        return RequestError::invalidValue(part(QStringLiteral("title")), *title.value(),
                                          QStringLiteral("must not be empty"));
    }
    if (movie.title.size() > MaxTitleLength) {
        return RequestError::invalidValue(part(QStringLiteral("title")),
                                          movie.title.left(40) + QStringLiteral("..."),
                                          QStringLiteral("longer than %1 characters")
                                                  .arg(MaxTitleLength));
    }

    const auto premiere = JsonValues::optionalString(members, QStringLiteral("premiereDate"),
                                                     RootName);
    if (!premiere)
        return premiere.error();
    if (!premiere.value())
        return RequestError::missingValue(part(QStringLiteral("premiereDate")));
    const std::optional<PremiereDate> date = parsePremiereDate(*premiere.value());
    if (!date) {
        return RequestError::invalidValue(
                part(QStringLiteral("premiereDate")), *premiere.value(),
                QStringLiteral("expected an existing ISO 8601 calendar date YYYY-MM-DD or a "
                               "date-time with an offset such as 2021-10-22T18:00:00Z, "
                               "in the years %1 to %2")
                        .arg(MinYear)
                        .arg(MaxYear));
    }
    movie.premiereDate = *date;

    const auto year = JsonValues::optionalInteger(members, QStringLiteral("year"), RootName,
                                                  MinYear, MaxYear);
    if (!year)
        return year.error();
    movie.year = static_cast<int>(year.value().value_or(movie.premiereDate.date().year()));

    const auto genres = stringList(members, QStringLiteral("genres"));
    if (!genres)
        return genres.error();
    movie.genres = genres.value();

    const auto cast = stringList(members, QStringLiteral("cast"));
    if (!cast)
        return cast.error();
    movie.cast = cast.value();

    const auto description = JsonValues::optionalString(members, QStringLiteral("description"),
                                                         RootName);
    if (!description)
        return description.error();
    movie.description = description.value().value_or(QString());
    if (movie.description.size() > MaxDescriptionLength) {
        return RequestError::invalidValue(part(QStringLiteral("description")),
                                          movie.description.left(40) + QStringLiteral("..."),
                                          QStringLiteral("longer than %1 characters")
                                                  .arg(MaxDescriptionLength));
    }

    return movie;
}

Result<Movie> Movie::fromJson(const QJsonObject &document)
{
    const auto root = JsonValues::rootElement(document, RootName);
    if (!root)
        return root.error();
    return fromWritableMembers(root.value());
}

QJsonObject Movie::writableMembers() const
{
    return QJsonObject{
            {QStringLiteral("title"), title},
            {QStringLiteral("year"), year},
            {QStringLiteral("premiereDate"), premiereDate.toString()},
            {QStringLiteral("genres"), QJsonArray::fromStringList(genres)},
            {QStringLiteral("cast"), QJsonArray::fromStringList(cast)},
            {QStringLiteral("description"), description},
    };
}

QJsonObject Movie::toJsonMembers() const
{
    QJsonObject members = writableMembers();
    members.insert(QStringLiteral("id"), id);
    if (!resourceURL.isEmpty())
        members.insert(QStringLiteral("resourceURL"), QString::fromUtf8(resourceURL.toEncoded()));
    members.insert(QStringLiteral("lastModSeq"), lastModSeq);
    return members;
}

QJsonObject Movie::toJson() const
{
    return QJsonObject{{RootName, toJsonMembers()}};
}

bool Movie::hasSameContent(const Movie &other) const
{
    return id == other.id && title == other.title && year == other.year
            && premiereDate == other.premiereDate && genres == other.genres
            && cast == other.cast && description == other.description;
}

Result<Movie> Movie::fromServerMembers(const QJsonObject &members)
{
    Result<Movie> movie = fromWritableMembers(members);
    if (!movie)
        return movie;

    movie->resourceURL = QUrl(members.value(QStringLiteral("resourceURL")).toString(), QUrl::StrictMode);
    movie->lastModSeq =
            JsonValues::toInteger(members.value(QStringLiteral("lastModSeq"))).value_or(0);
    return movie;
}

} // namespace Marquee
