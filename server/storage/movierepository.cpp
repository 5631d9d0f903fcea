#include "movierepository.h"

#include "database.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Marquee {

namespace {

const QString SelectColumns = QStringLiteral(
        "SELECT id, title, year, premiere_date, genres, cast_members, description, last_mod_seq "
        "FROM movies ");

QStringList stringListFromJson(const QByteArray &json)
{
    QStringList values;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &value : array)
        values.append(value.toString());
    return values;
}

QByteArray stringListToJson(const QStringList &values)
{
    return QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact);
}

Movie movieFromRow(const QSqlQuery &query)
{
    Movie movie;
    movie.id = query.value(0).toString();
    movie.title = query.value(1).toString();
    movie.year = query.value(2).toInt();
    movie.premiereDate = PremiereDate::parse(query.value(3).toString()).value_or(PremiereDate());
    movie.genres = stringListFromJson(query.value(4).toByteArray());
    movie.cast = stringListFromJson(query.value(5).toByteArray());
    movie.description = query.value(6).toString();
    movie.lastModSeq = query.value(7).toLongLong();
    return movie;
}

bool logFailure(const QSqlQuery &query, const char *operation, const QString &boxId)
{
    qCWarning(lcDatabase) << operation << "in box" << boxId << "failed:" << query.lastError().text();
    return false;
}

} // namespace

MovieRepository::MovieRepository(QSqlDatabase database, QObject *parent)
    : QObject(parent), m_database(std::move(database))
{
}

std::optional<Movie> MovieRepository::find(const QString &boxId, const QString &movieId) const
{
    QSqlQuery query(m_database);
    query.prepare(SelectColumns + QStringLiteral("WHERE box_id = ? AND id = ?"));
    query.addBindValue(boxId);
    query.addBindValue(movieId);
    if (!query.exec()) {
        logFailure(query, "Reading a movie", boxId);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return movieFromRow(query);
}

bool MovieRepository::contains(const QString &boxId, const QString &movieId) const
{
    return find(boxId, movieId).has_value();
}

std::optional<MoviePage> MovieRepository::list(const QString &boxId,
                                               const MovieQuery &movieQuery) const
{
    // Build the WHERE clause and its bind values together, so they stay in step.
    QString where = QStringLiteral("WHERE box_id = ?");
    QVariantList values{boxId};
    if (!movieQuery.titleContains.isEmpty()) {
        QString pattern = movieQuery.titleContains;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        pattern.replace(QLatin1Char('%'), QStringLiteral("\\%"));
        pattern.replace(QLatin1Char('_'), QStringLiteral("\\_"));
        where += QStringLiteral(" AND title LIKE ? ESCAPE '\\'");
        values.append(QLatin1Char('%') + pattern + QLatin1Char('%'));
    }
    if (!movieQuery.genre.isEmpty()) {
        where += QStringLiteral(" AND EXISTS (SELECT 1 FROM json_each(movies.genres) "
                                "WHERE lower(json_each.value) = lower(?))");
        values.append(movieQuery.genre);
    }
    if (movieQuery.minPremiereAt) {
        where += QStringLiteral(" AND premiere_at >= ?");
        values.append(*movieQuery.minPremiereAt);
    }
    if (movieQuery.maxPremiereAt) {
        where += QStringLiteral(" AND premiere_at < ?");
        values.append(*movieQuery.maxPremiereAt);
    }

    MoviePage page;
    QSqlQuery query(m_database);

    query.prepare(QStringLiteral("SELECT COUNT(*) FROM movies ") + where);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        logFailure(query, "Counting movies", boxId);
        return std::nullopt;
    }
    page.totalCount = query.value(0).toLongLong();

    const QString direction = movieQuery.descending ? QStringLiteral(" DESC")
                                                    : QStringLiteral(" ASC");
    const QString sortColumn = movieQuery.sortKey == MovieQuery::SortKey::Title
            ? QStringLiteral("title")
            : QStringLiteral("premiere_at");
    query.prepare(SelectColumns + where + QStringLiteral(" ORDER BY ") + sortColumn + direction
                  + QStringLiteral(", id") + direction + QStringLiteral(" LIMIT ? OFFSET ?"));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(movieQuery.limit);
    query.addBindValue(movieQuery.offset);
    if (!query.exec()) {
        logFailure(query, "Listing movies", boxId);
        return std::nullopt;
    }
    while (query.next())
        page.movies.append(movieFromRow(query));
    return page;
}

bool MovieRepository::appendChange(BoxChange &change)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE boxes SET mod_seq = mod_seq + 1 WHERE id = ?"));
    query.addBindValue(change.boxId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return logFailure(query, "Advancing the modification sequence", change.boxId);

    query.prepare(QStringLiteral("SELECT mod_seq FROM boxes WHERE id = ?"));
    query.addBindValue(change.boxId);
    if (!query.exec() || !query.next())
        return logFailure(query, "Reading the modification sequence", change.boxId);
    change.modSeq = query.value(0).toLongLong();

    query.prepare(QStringLiteral("INSERT INTO box_changes (box_id, mod_seq, object_id, kind, "
                                 "changed_at, snapshot) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(change.boxId);
    query.addBindValue(change.modSeq);
    query.addBindValue(change.objectId);
    query.addBindValue(change.kind == BoxChange::Kind::Deleted ? QStringLiteral("deleted")
                                                               : QStringLiteral("changed"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(QString::fromUtf8(QJsonDocument(change.snapshot).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return logFailure(query, "Appending to the change log", change.boxId);
    return true;
}

std::optional<BoxChange> MovieRepository::write(const QString &boxId, const Movie &movie,
                                                Movie *stored)
{
    const std::optional<Movie> existing = find(boxId, movie.id);
    if (existing && existing->hasSameContent(movie)) {
        *stored = *existing;
        return BoxChange();
    }

    BoxChange change;
    change.boxId = boxId;
    change.objectId = movie.id;
    change.kind = BoxChange::Kind::Changed;
    change.snapshot = movie.writableMembers();
    change.snapshot.insert(QStringLiteral("id"), movie.id);
    if (!appendChange(change))
        return std::nullopt;

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral(
            "INSERT INTO movies (box_id, id, title, year, premiere_date, premiere_at, genres, "
            "cast_members, description, last_mod_seq, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (box_id, id) DO UPDATE SET title = excluded.title, "
            "year = excluded.year, premiere_date = excluded.premiere_date, "
            "premiere_at = excluded.premiere_at, "
            "genres = excluded.genres, cast_members = excluded.cast_members, "
            "description = excluded.description, last_mod_seq = excluded.last_mod_seq, "
            "updated_at = excluded.updated_at"));
    query.addBindValue(boxId);
    query.addBindValue(movie.id);
    query.addBindValue(movie.title);
    query.addBindValue(movie.year);
    query.addBindValue(movie.premiereDate.toString());
    query.addBindValue(movie.premiereDate.toMSecsSinceEpoch());
    query.addBindValue(QString::fromUtf8(stringListToJson(movie.genres)));
    query.addBindValue(QString::fromUtf8(stringListToJson(movie.cast)));
    // A null QString binds as SQL NULL, and an absent description is stored as empty text.
    query.addBindValue(movie.description.isNull() ? QStringLiteral("") : movie.description);
    query.addBindValue(change.modSeq);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        logFailure(query, "Writing a movie", boxId);
        return std::nullopt;
    }

    *stored = movie;
    stored->lastModSeq = change.modSeq;
    stored->resourceURL.clear();
    return change;
}

Result<MovieWrite> MovieRepository::edit(const QString &boxId, const QString &movieId,
                                         const Edit &edit)
{
    const RequestError failed = RequestError::internalError(
            QStringLiteral("the movie could not be saved"));

    Transaction transaction(m_database);
    if (!transaction.isActive())
        return failed;

    QSqlQuery query(m_database);
    query.prepare(SelectColumns + QStringLiteral("WHERE box_id = ? AND id = ?"));
    query.addBindValue(boxId);
    query.addBindValue(movieId);
    if (!query.exec()) {
        logFailure(query, "Reading a movie", boxId);
        return failed;
    }
    const std::optional<Movie> current = query.next() ? std::optional(movieFromRow(query))
                                                      : std::nullopt;

    Result<Movie> next = edit(current);
    if (!next)
        return next.error();
    next->id = movieId;

    MovieWrite result;
    const std::optional<BoxChange> change = write(boxId, next.value(), &result.movie);
    if (!change)
        return failed;
    result.changed = change->modSeq != 0;
    if (result.changed && !transaction.commit())
        return failed;

    if (result.changed)
        Q_EMIT boxChanged(*change);
    return result;
}

Result<Movie> MovieRepository::remove(const QString &boxId, const QString &movieId,
                                      const Check &check)
{
    const RequestError failed = RequestError::internalError(
            QStringLiteral("the movie could not be deleted"));

    Transaction transaction(m_database);
    if (!transaction.isActive())
        return failed;

    const std::optional<Movie> current = find(boxId, movieId);
    if (const Result<void> allowed = check(current); !allowed)
        return allowed.error();
    if (!current)
        return RequestError::notFound(QStringLiteral("movie"), movieId);

    BoxChange change;
    change.boxId = boxId;
    change.objectId = movieId;
    change.kind = BoxChange::Kind::Deleted;
    change.snapshot = current->writableMembers();
    change.snapshot.insert(QStringLiteral("id"), movieId);
    if (!appendChange(change))
        return failed;

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM movies WHERE box_id = ? AND id = ?"));
    query.addBindValue(boxId);
    query.addBindValue(movieId);
    if (!query.exec() || query.numRowsAffected() != 1) {
        logFailure(query, "Deleting a movie", boxId);
        return failed;
    }
    if (!transaction.commit())
        return failed;

    Q_EMIT boxChanged(change);
    Movie deleted = *current;
    deleted.lastModSeq = change.modSeq;
    return deleted;
}

std::optional<Movie> MovieRepository::save(const QString &boxId, const Movie &movie,
                                           bool *changed)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return std::nullopt;

    Movie stored;
    const std::optional<BoxChange> change = write(boxId, movie, &stored);
    if (!change)
        return std::nullopt;
    if (change->modSeq != 0 && !transaction.commit())
        return std::nullopt;

    if (changed)
        *changed = change->modSeq != 0;
    if (change->modSeq != 0)
        Q_EMIT boxChanged(*change);
    return stored;
}

std::optional<int> MovieRepository::saveAll(const QString &boxId, const QList<Movie> &movies)
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return std::nullopt;

    QList<BoxChange> changes;
    for (const Movie &movie : movies) {
        Movie stored;
        const std::optional<BoxChange> change = write(boxId, movie, &stored);
        if (!change)
            return std::nullopt;
        if (change->modSeq != 0)
            changes.append(*change);
    }
    if (!transaction.commit())
        return std::nullopt;

    for (const BoxChange &change : changes)
        Q_EMIT boxChanged(change);
    return static_cast<int>(changes.size());
}

} // namespace Marquee
