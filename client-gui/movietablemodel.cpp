#include "movietablemodel.h"

#include "apiclient.h"
#include "clientlogging.h"
#include "moviepage.h"

#include <QDate>
#include <QFont>
#include <QJsonArray>
#include <QUrlQuery>

#include <algorithm>

namespace Marquee {

MovieTableModel::MovieTableModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent), m_api(api)
{
    // Changes that add or remove movies arrive in bursts, so one count covers a burst.
    m_countRefresh.setSingleShot(true);
    m_countRefresh.setInterval(CountRefreshDelayMs);
    connect(&m_countRefresh, &QTimer::timeout, this, &MovieTableModel::refreshCount);
}

MovieTableModel::~MovieTableModel() = default;


void MovieTableModel::setBoxId(const QString &boxId)
{
    m_boxId = boxId;
    reload();
}

void MovieTableModel::setTitleFilter(const QString &text)
{
    if (text == m_order.titleFilter)
        return;
    m_order.titleFilter = text;
    reload();
}

void MovieTableModel::reload()
{
    ++m_generation;
    if (m_pageReply)
        m_pageReply->abort();
    m_pageReply.clear();

    m_countRefresh.stop();
    beginResetModel();
    m_movies.clear();
    m_rowById.clear();
    m_saving.clear();
    m_totalCount = -1;
    endResetModel();

    if (!m_boxId.isEmpty())
        requestPage();
}

QUrlQuery MovieTableModel::pageQuery(qsizetype offset, int limit) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("sort"), m_order.sortKeyName());
    query.addQueryItem(QStringLiteral("order"), m_order.sortOrder == Qt::AscendingOrder
                                                        ? QStringLiteral("asc")
                                                        : QStringLiteral("desc"));
    if (!m_order.titleFilter.isEmpty())
        query.addQueryItem(QStringLiteral("title"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_order.titleFilter)));
    return query;
}

void MovieTableModel::requestPage()
{
    const QUrlQuery query = pageQuery(m_movies.size(), PageSize);
    ApiReply *reply = m_api->get(m_api->moviesUrl(m_boxId, query));
    m_pageReply = reply;
    Q_EMIT loadingChanged(true);

    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, generation] {
        if (generation != m_generation)
            return;
        m_pageReply.clear();

        if (reply->hasError()) {
            Q_EMIT loadingChanged(false);
            Q_EMIT errorOccurred(QStringLiteral("Could not load the movies: %1")
                                         .arg(reply->error().message));
            return;
        }

        const MoviePage received = MoviePage::fromJson(reply->document());
        m_totalCount = received.totalCount;

        // Offset paging can repeat a movie when rows shift between pages, so the first
        // copy stays.
        QList<Movie> page;
        for (const Movie &movie : received.movies) {
            if (!m_rowById.contains(movie.id))
                page.append(movie);
        }

        if (!page.isEmpty()) {
            beginInsertRows(QModelIndex(), int(m_movies.size()), int(m_movies.size() + page.size() - 1));
            for (const Movie &movie : std::as_const(page)) {
                m_rowById.insert(movie.id, int(m_movies.size()));
                m_movies.append(movie);
            }
            endInsertRows();
        } else if (received.entryCount > 0 || m_movies.size() < m_totalCount) {
            // Nothing new on a page that should have had rows: the box shrank meanwhile.
            m_totalCount = int(m_movies.size());
        }
        Q_EMIT loadingChanged(false);
        Q_EMIT totalCountChanged();
        Q_EMIT pageLoaded(page);
    });
}

int MovieTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_movies.size());
}

int MovieTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MovieTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();

    const Movie &movie = m_movies.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return movie.title;
        case PremiereColumn:
            return movie.premiereDate.toString();
        case YearColumn:
            return movie.year;
        case GenresColumn:
            return movie.genres.join(QStringLiteral(", "));
        }
        break;
    case Qt::EditRole:
        if (index.column() == PremiereColumn)
            return movie.premiereDate.date();
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        return movie.description;
    case Qt::FontRole:
        if (m_saving.contains(movie.id)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case MovieIdRole:
        return movie.id;
    }
    return QVariant();
}

QVariant MovieTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case TitleColumn:
        return tr("Title");
    case PremiereColumn:
        return tr("Premiere");
    case YearColumn:
        return tr("Year");
    case GenresColumn:
        return tr("Genres");
    }
    return QVariant();
}

Qt::ItemFlags MovieTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == PremiereColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool MovieTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != PremiereColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return false;
    }

    const QDate date = value.toDate();
    const Movie previous = m_movies.at(index.row());
    if (!date.isValid() || previous.premiereDate.date() == date)
        return false;

    // A premiere with a time of day keeps it, because the editor changes only the date.
    QString premiere = date.toString(Qt::ISODate);
    if (previous.premiereDate.hasTime())
        premiere += previous.premiereDate.toString().mid(10);
    const std::optional<PremiereDate> parsed = Movie::parsePremiereDate(premiere);
    if (!parsed)
        return false;

    // The row shows the new date at once, in italics until the server responds.
    Movie edited = previous;
    edited.premiereDate = *parsed;
    m_saving.insert(previous.id);
    replaceRow(index.row(), edited);
    Q_EMIT saveStarted(previous.title);

    const QJsonObject patch{{QStringLiteral("premiereDate"), premiere}};
    const QByteArray ifMatch = '"' + QByteArray::number(previous.lastModSeq) + '"';
    ApiReply *reply = m_api->patch(previous.resourceURL, patch, ifMatch);

    // The outcome is reported even when the table reloaded meanwhile. Only the row
    // update needs the row.
    connect(reply, &ApiReply::finished, this, [this, reply, previous] {
        m_saving.remove(previous.id);

        if (reply->hasError()) {
            Q_EMIT saveFailed(previous.title, reply->error().httpStatus, reply->error().message);
            restoreFromServer(previous);
            return;
        }

        const std::optional<Movie> saved =
                MoviePage::readMovie(reply->document().value(QStringLiteral("movie")).toObject());
        if (!saved) {
            Q_EMIT saveFailed(previous.title, reply->httpStatus(),
                              tr("The server's response holds no readable movie"));
            restoreFromServer(previous);
            return;
        }
        applyChangedMovie(*saved);
        Q_EMIT saveSucceeded(*saved);
    });
    return true;
}

void MovieTableModel::restoreFromServer(const Movie &previous)
{
    // The row goes back to the last value read while it still shows the rejected edit,
    // then to whatever the server holds, which a conflicting write may have changed.
    if (const int row = rowOfMovie(previous.id);
        row >= 0 && m_movies.at(row).lastModSeq == previous.lastModSeq) {
        replaceRow(row, previous);
    }

    ApiReply *reply = m_api->get(previous.resourceURL);
    const QString movieId = previous.id;
    connect(reply, &ApiReply::finished, this, [this, reply, movieId] {
        if (reply->httpStatus() == 404) {
            applyDeletedMovie(movieId);
            return;
        }
        if (reply->hasError())
            return;
        if (const std::optional<Movie> current =
                    MoviePage::readMovie(reply->document().value(QStringLiteral("movie")).toObject())) {
            applyChangedMovie(*current);
        }
    });
}

void MovieTableModel::applyChangedMovie(const Movie &movie)
{
    const int row = rowOfMovie(movie.id);
    if (row < 0) {
        // A movie new to the box, or one that moved into the loaded rows from further
        // down. Only the server can tell which, so it counts again.
        if (m_totalCount >= 0 && m_order.matches(movie) && sortsWithinLoadedRows(movie)) {
            insertMovieRow(movie);
            scheduleCountRefresh();
        }
        return;
    }

    // An older state, from a replay or a late response, never overwrites a newer one.
    const Movie &current = m_movies.at(row);
    if (movie.lastModSeq < current.lastModSeq)
        return;

    if (m_order.matches(movie) && isInPlace(row, movie)) {
        replaceRow(row, movie);
        return;
    }

    removeMovieRow(row);
    if (!m_order.matches(movie)) {
        scheduleCountRefresh();
        return;
    }
    if (sortsWithinLoadedRows(movie))
        insertMovieRow(movie);
}

bool MovieTableModel::isInPlace(int row, const Movie &movie) const
{
    // The last loaded row may belong further down, among movies not loaded yet, unless
    // every movie is loaded. Taking it out costs little: the next page returns it when it
    // still belongs there.
    const bool lastRow = row == m_movies.size() - 1;
    const bool allLoaded = m_totalCount >= 0 && m_movies.size() >= m_totalCount;
    if (lastRow && !allLoaded)
        return false;

    if (row > 0 && m_order.lessThan(movie, m_movies.at(row - 1)))
        return false;
    return lastRow || !m_order.lessThan(m_movies.at(row + 1), movie);
}

void MovieTableModel::scheduleCountRefresh()
{
    if (!m_countRefresh.isActive())
        m_countRefresh.start();
}

void MovieTableModel::refreshCount()
{
    QUrlQuery query = pageQuery(0, 1);
    ApiReply *reply = m_api->get(m_api->moviesUrl(m_boxId, query));
    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, generation] {
        if (generation != m_generation || reply->hasError())
            return;
        m_totalCount = MoviePage::fromJson(reply->document()).totalCount;
        Q_EMIT totalCountChanged();
    });
}

void MovieTableModel::applyDeletedMovie(const QString &movieId)
{
    const int row = rowOfMovie(movieId);
    if (row >= 0)
        removeMovieRow(row);
    scheduleCountRefresh();
}

bool MovieTableModel::sortsWithinLoadedRows(const Movie &movie) const
{
    if (m_totalCount >= 0 && m_movies.size() >= m_totalCount)
        return true;
    return !m_movies.isEmpty() && m_order.lessThan(movie, m_movies.constLast());
}

void MovieTableModel::insertMovieRow(const Movie &movie)
{
    const auto position = std::lower_bound(m_movies.cbegin(), m_movies.cend(), movie,
                                           [this](const Movie &a, const Movie &b) {
                                               return m_order.lessThan(a, b);
                                           });
    const int row = int(position - m_movies.cbegin());

    beginInsertRows(QModelIndex(), row, row);
    m_movies.insert(row, movie);
    rebuildRowIndex();
    endInsertRows();
}

void MovieTableModel::replaceRow(int row, const Movie &movie)
{
    m_movies[row] = movie;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void MovieTableModel::removeMovieRow(int row)
{
    beginRemoveRows(QModelIndex(), row, row);
    m_movies.removeAt(row);
    rebuildRowIndex();
    endRemoveRows();
}

void MovieTableModel::rebuildRowIndex()
{
    m_rowById.clear();
    for (int row = 0; row < m_movies.size(); ++row)
        m_rowById.insert(m_movies.at(row).id, row);
}

bool MovieTableModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_boxId.isEmpty() || m_pageReply)
        return false;
    return m_totalCount < 0 || m_movies.size() < m_totalCount;
}

void MovieTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

int MovieTableModel::sortColumn() const
{
    return m_order.sortKey == MovieOrder::SortKey::Title ? TitleColumn : PremiereColumn;
}

void MovieTableModel::sort(int column, Qt::SortOrder order)
{
    MovieOrder::SortKey key = MovieOrder::SortKey::Title;
    if (column == TitleColumn)
        key = MovieOrder::SortKey::Title;
    else if (column == PremiereColumn)
        key = MovieOrder::SortKey::PremiereDate;
    else
        return;

    if (key == m_order.sortKey && order == m_order.sortOrder)
        return;
    m_order.sortKey = key;
    m_order.sortOrder = order;
    reload();
}

} // namespace Marquee
