#pragma once

#include "boxchange.h"
#include "movie.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <optional>

namespace Marquee {

struct MoviePage
{
    QList<Movie> movies;
    qint64 totalCount = 0;
};

// SQL for movies. Every write that changes a movie bumps the box's modification sequence
// and appends to the box change log in the same transaction, then emits boxChanged()
// after the commit. Returned movies have no resourceURL; the service adds it.
class MovieRepository : public QObject
{
    Q_OBJECT

public:
    explicit MovieRepository(QSqlDatabase database, QObject *parent = nullptr);

    std::optional<Movie> find(const QString &boxId, const QString &movieId) const;
    // Movies ordered by title then id. Returns std::nullopt on SQL failure.
    std::optional<MoviePage> list(const QString &boxId, qint64 offset, qint64 limit) const;

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

    QSqlDatabase m_database;
};

} // namespace Marquee
