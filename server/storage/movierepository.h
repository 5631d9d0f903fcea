#pragma once

#include "boxchange.h"
#include "movie.h"
#include "moviequery.h"
#include "result.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace Marquee {

struct MoviePage
{
    QList<Movie> movies;
    qint64 totalCount = 0;
};

struct MovieWrite
{
    Movie movie;
    // false when the write changed nothing and lastModSeq stayed.
    bool changed = false;
};

// SQL for movies. Every write that changes a movie bumps the box's modification sequence
// and appends to the box change log in the same transaction, then emits boxChanged()
// after the commit. Returned movies have no resourceURL; the service adds it.
class MovieRepository : public QObject
{
    Q_OBJECT

public:
    // Computes the movie to store from the current one (std::nullopt when the box has no
    // movie with that id), or fails with the error the request gets.
    using Edit = std::function<Result<Movie>(const std::optional<Movie> &current)>;
    // Decides whether the current movie may be deleted.
    using Check = std::function<Result<void>(const std::optional<Movie> &current)>;

    explicit MovieRepository(QSqlDatabase database, QObject *parent = nullptr);

    std::optional<Movie> find(const QString &boxId, const QString &movieId) const;
    // The page of movies that query selects, ordered by its sort key then id, with the
    // number of all selected movies. Returns std::nullopt on SQL failure.
    std::optional<MoviePage> list(const QString &boxId, const MovieQuery &query) const;

    // Reads the current movie, runs edit and stores its result, all in one write
    // transaction, so that a precondition that edit checks still holds when the write
    // lands. A result equal to the current movie changes nothing. An error from edit, or
    // an SQL failure (500), leaves everything as it was.
    Result<MovieWrite> edit(const QString &boxId, const QString &movieId, const Edit &edit);

    // Deletes the movie if check passes, in one write transaction that also appends a
    // tombstone with the movie's last state to the change log. Returns the deleted movie
    // with the lastModSeq of the deletion.
    Result<Movie> remove(const QString &boxId, const QString &movieId, const Check &check);

    // Inserts or replaces movie.id in the box. A write that changes nothing returns the
    // stored movie with *changed false and leaves lastModSeq alone. Returns std::nullopt
    // on SQL failure, with nothing written.
    std::optional<Movie> save(const QString &boxId, const Movie &movie, bool *changed = nullptr);

    // Saves every movie in one transaction. Returns how many changed, or std::nullopt on
    // SQL failure, with nothing written.
    std::optional<int> saveAll(const QString &boxId, const QList<Movie> &movies);

    // Whether a movie with this id is in the box.
    bool contains(const QString &boxId, const QString &movieId) const;

Q_SIGNALS:
    void boxChanged(const Marquee::BoxChange &change);

private:
    // Writes one movie inside an open transaction. Returns the change to log and announce,
    // an empty change (modSeq 0) when nothing changed, or std::nullopt on failure.
    std::optional<BoxChange> write(const QString &boxId, const Movie &movie, Movie *stored);
    // Raises the box's modification sequence and appends change with the new value to the
    // change log, inside an open transaction. Returns false on failure.
    bool appendChange(BoxChange &change);

    QSqlDatabase m_database;
};

} // namespace Marquee
