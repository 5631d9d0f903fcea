#pragma once

#include "premieredate.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace Marquee {

class ApiClient;
class ApiReply;
struct Movie;

// The title and premiere date of every movie of a box, as last seen. A notification
// carries only a movie's new state, so the index supplies the old premiere date for the
// feed, also for movies the table has not paged in. load() reads the whole box once, in
// large pages, and notifications keep it current.
class PremiereIndex : public QObject
{
    Q_OBJECT

public:
    // Movies requested per page while loading.
    static constexpr int PageSize = 500;

    struct Entry
    {
        QString title;
        PremiereDate premiereDate;
        qint64 lastModSeq = 0;
        // The premiere before the change that produced lastModSeq, or invalid when that
        // change was not seen. Lets a late notification of an already known state (a
        // PATCH response can come before its notification) still name the old date.
        PremiereDate previousPremiereDate;
    };

    // The premiere date a movie had before the change numbered lastModSeq, when known.
    std::optional<PremiereDate> premiereBefore(const QString &movieId, qint64 lastModSeq) const;

    explicit PremiereIndex(ApiClient *api, QObject *parent = nullptr);
    ~PremiereIndex() override;

    // Forgets everything and reads every movie of boxId.
    void load(const QString &boxId);
    void clear();
    bool isLoading() const { return !m_pageReply.isNull(); }
    // Whether the last load() read the whole box.
    bool isComplete() const { return m_complete; }

    std::optional<Entry> find(const QString &movieId) const;
    // Records movie's state unless a newer one is known.
    void remember(const Movie &movie);
    void forget(const QString &movieId);

Q_SIGNALS:
    // loaded of total movies read so far.
    void progressChanged(int loaded, int total);
    void loadFinished();
    void errorOccurred(const QString &message);

private:
    void requestPage(int offset);

    ApiClient *m_api;
    QString m_boxId;
    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0;
    bool m_complete = false;
    QPointer<ApiReply> m_pageReply;
};

} // namespace Marquee
