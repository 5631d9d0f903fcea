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
    movie.premiereDate = QDate::fromString(query.value(3).toString(), Qt::ISODate);
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

std::optional<MoviePage> MovieRepository::list(const QString &boxId, qint64 offset,
                                               qint64 limit) const
{
    MoviePage page;
    QSqlQuery query(m_database);

    query.prepare(QStringLiteral("SELECT COUNT(*) FROM movies WHERE box_id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || !query.next()) {
        logFailure(query, "Counting movies", boxId);
        return std::nullopt;
    }
    page.totalCount = query.value(0).toLongLong();

    query.prepare(SelectColumns
                  + QStringLiteral("WHERE box_id = ? ORDER BY title, id LIMIT ? OFFSET ?"));
    query.addBindValue(boxId);
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (!query.exec()) {
        logFailure(query, "Listing movies", boxId);
        return std::nullopt;
    }
    while (query.next())
        page.movies.append(movieFromRow(query));
    return page;
}

std::optional<BoxChange> MovieRepository::write(const QString &boxId, const Movie &movie,
                                                Movie *stored)
{
    const std::optional<Movie> existing = find(boxId, movie.id);
    if (existing && existing->hasSameContent(movie)) {
        *stored = *existing;
        return BoxChange();
    }

    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE boxes SET mod_seq = mod_seq + 1 WHERE id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || query.numRowsAffected() != 1) {
        logFailure(query, "Advancing the modification sequence", boxId);
        return std::nullopt;
    }

    query.prepare(QStringLiteral("SELECT mod_seq FROM boxes WHERE id = ?"));
    query.addBindValue(boxId);
    if (!query.exec() || !query.next()) {
        logFailure(query, "Reading the modification sequence", boxId);
        return std::nullopt;
    }
    const qint64 modSeq = query.value(0).toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    query.prepare(QStringLiteral(
            "INSERT INTO movies (box_id, id, title, year, premiere_date, genres, cast_members, "
            "description, last_mod_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (box_id, id) DO UPDATE SET title = excluded.title, "
            "year = excluded.year, premiere_date = excluded.premiere_date, "
            "genres = excluded.genres, cast_members = excluded.cast_members, "
            "description = excluded.description, last_mod_seq = excluded.last_mod_seq, "
            "updated_at = excluded.updated_at"));
    query.addBindValue(boxId);
    query.addBindValue(movie.id);
    query.addBindValue(movie.title);
    query.addBindValue(movie.year);
    query.addBindValue(movie.premiereDate.toString(Qt::ISODate));
    query.addBindValue(QString::fromUtf8(stringListToJson(movie.genres)));
    query.addBindValue(QString::fromUtf8(stringListToJson(movie.cast)));
    // A null QString binds as SQL NULL, and an absent description is stored as empty text.
    query.addBindValue(movie.description.isNull() ? QStringLiteral("") : movie.description);
    query.addBindValue(modSeq);
    query.addBindValue(now);
    if (!query.exec()) {
        logFailure(query, "Writing a movie", boxId);
        return std::nullopt;
    }

    BoxChange change;
    change.boxId = boxId;
    change.modSeq = modSeq;
    change.objectId = movie.id;
    change.kind = BoxChange::Kind::Changed;
    change.snapshot = movie.writableMembers();
    change.snapshot.insert(QStringLiteral("id"), movie.id);

    query.prepare(QStringLiteral("INSERT INTO box_changes (box_id, mod_seq, object_id, kind, "
                                 "changed_at, snapshot) VALUES (?, ?, ?, 'changed', ?, ?)"));
    query.addBindValue(boxId);
    query.addBindValue(modSeq);
    query.addBindValue(movie.id);
    query.addBindValue(now);
    query.addBindValue(QString::fromUtf8(QJsonDocument(change.snapshot).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        logFailure(query, "Appending to the change log", boxId);
        return std::nullopt;
    }

    *stored = movie;
    stored->lastModSeq = modSeq;
    stored->resourceURL.clear();
    return change;
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
