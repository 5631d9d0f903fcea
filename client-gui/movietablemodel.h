#pragma once

#include "movie.h"
#include "movieorder.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

namespace Marquee {

class ApiClient;
class ApiReply;

// The movies of one box, read page by page through the REST API as a view scrolls
// (canFetchMore()/fetchMore()), filtered by title and sorted by the server. The premiere
// date is editable: setData() sends a PATCH with If-Match. When the server rejects it,
// the row returns to the server's current value and saveFailed() reports the reason.
class MovieTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, PremiereColumn, YearColumn, GenresColumn, ColumnCount };
    // Rows requested per page.
    static constexpr int PageSize = 100;
    // Delay before the count is read again after changes that add or remove movies, in
    // milliseconds.
    static constexpr int CountRefreshDelayMs = 300;
    // The movie id of a row, for item data lookups.
    static constexpr int MovieIdRole = Qt::UserRole + 1;

    explicit MovieTableModel(ApiClient *api, QObject *parent = nullptr);
    ~MovieTableModel() override;

    // Selects the box and reloads. An empty boxId empties the model.
    void setBoxId(const QString &boxId);
    QString boxId() const { return m_boxId; }
    // Shows only movies whose title contains text (ASCII letters ignoring case), and reloads.
    void setTitleFilter(const QString &text);
    // Drops every row and reads the first page again.
    void reload();

    // The number of movies the server counts for the current filter; -1 before the first
    // page arrives.
    int totalCount() const { return m_totalCount; }
    bool isLoading() const { return !m_pageReply.isNull(); }
    int rowOfMovie(const QString &movieId) const { return m_rowById.value(movieId, -1); }
    const Movie &movieAt(int row) const { return m_movies.at(row); }

    // The current sort column and order, as sort() last accepted them.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_order.sortOrder; }

    // Takes the state a notification reported. A changed row moves to where the server
    // now lists it: within the loaded rows, or out of them when it now sorts after the last
    // one, where paging will reach it. The next page then starts at the right offset.
    void applyChangedMovie(const Movie &movie);
    void applyDeletedMovie(const QString &movieId);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sorts on the server by title or premiere date. Other columns keep the order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void pageLoaded(const QList<Marquee::Movie> &movies);
    void loadingChanged(bool loading);
    void totalCountChanged();
    void saveStarted(const QString &title);
    void saveSucceeded(const Marquee::Movie &movie);
    // httpStatus is 0 when no response arrived. message is the server's own text when it
    // sent a requestError.
    void saveFailed(const QString &title, int httpStatus, const QString &message);
    void errorOccurred(const QString &message);

private:
    QUrlQuery pageQuery(qsizetype offset, int limit) const;
    void requestPage();
    void scheduleCountRefresh();
    void refreshCount();
    // Whether row may show movie without breaking the server's order.
    bool isInPlace(int row, const Movie &movie) const;
    void replaceRow(int row, const Movie &movie);
    void removeMovieRow(int row);
    void insertMovieRow(const Movie &movie);
    // Whether movie sorts within the loaded rows, so that the server lists it among the
    // first rowCount() movies.
    bool sortsWithinLoadedRows(const Movie &movie) const;
    void rebuildRowIndex();
    void restoreFromServer(const Movie &previous);

    ApiClient *m_api;
    QString m_boxId;
    MovieOrder m_order;

    QList<Movie> m_movies;
    QHash<QString, int> m_rowById;
    // Ids of movies with a PATCH in flight, shown in italics.
    QSet<QString> m_saving;
    int m_totalCount = -1;
    // Reloads so far. A page that belongs to an earlier one is dropped.
    quint64 m_generation = 0;
    QPointer<ApiReply> m_pageReply;
    QTimer m_countRefresh;
};

} // namespace Marquee
