#include "moviepage.h"

#include "clientlogging.h"
#include "jsonvalues.h"

#include <QJsonArray>

namespace Marquee {

MoviePage MoviePage::fromJson(const QJsonObject &document)
{
    const QJsonObject list = document.value(QStringLiteral("movieList")).toObject();

    MoviePage page;
    page.totalCount = int(JsonValues::toInteger(list.value(QStringLiteral("totalCount"))).value_or(0));
    const QJsonArray entries = JsonValues::list(list.value(QStringLiteral("movie")));
    page.entryCount = int(entries.size());
    for (const QJsonValue &entry : entries) {
        if (std::optional<Movie> movie = readMovie(entry.toObject()))
            page.movies.append(std::move(*movie));
    }
    return page;
}

std::optional<Movie> MoviePage::readMovie(const QJsonObject &members)
{
    Result<Movie> movie = Movie::fromServerMembers(members);
    if (!movie) {
        qCWarning(lcClientModels) << "Ignoring an unreadable movie:" << movie.error().message();
        return std::nullopt;
    }
    return std::move(movie).value();
}

} // namespace Marquee
