#include "premiereindex.h"

#include "apiclient.h"
#include "movie.h"
#include "moviepage.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace Marquee {

PremiereIndex::PremiereIndex(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) {}

PremiereIndex::~PremiereIndex() = default;

void PremiereIndex::clear()
{
    ++m_generation;
    if (m_pageReply)
        m_pageReply->abort();
    m_pageReply.clear();
    m_entries.clear();
    m_complete = false;
}

void PremiereIndex::load(const QString &boxId)
{
    clear();
    m_boxId = boxId;
    requestPage(0);
}

void PremiereIndex::requestPage(int offset)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
    ApiReply *reply = m_api->get(m_api->moviesUrl(m_boxId, query));
    m_pageReply = reply;

    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, generation, offset] {
        if (generation != m_generation)
            return;
        m_pageReply.clear();

        if (reply->hasError()) {
            Q_EMIT errorOccurred(QStringLiteral("Could not read the premiere dates: %1")
                                         .arg(reply->error().message));
            return;
        }

        const MoviePage page = MoviePage::fromJson(reply->document());
        for (const Movie &movie : page.movies)
            remember(movie);

        const int loaded = std::min(page.totalCount, offset + page.entryCount);
        Q_EMIT progressChanged(loaded, page.totalCount);
        if (page.entryCount == 0 || loaded >= page.totalCount) {
            m_complete = true;
            Q_EMIT loadFinished();
            return;
        }
        requestPage(offset + page.entryCount);
    });
}

std::optional<PremiereIndex::Entry> PremiereIndex::find(const QString &movieId) const
{
    const auto it = m_entries.constFind(movieId);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<PremiereDate> PremiereIndex::premiereBefore(const QString &movieId,
                                                          qint64 lastModSeq) const
{
    const auto it = m_entries.constFind(movieId);
    if (it == m_entries.constEnd())
        return std::nullopt;
    if (it->lastModSeq < lastModSeq)
        return it->premiereDate;
    if (it->lastModSeq == lastModSeq && it->previousPremiereDate.isValid())
        return it->previousPremiereDate;
    return std::nullopt;
}

void PremiereIndex::remember(const Movie &movie)
{
    const auto it = m_entries.find(movie.id);
    if (it == m_entries.end()) {
        m_entries.insert(movie.id, Entry{movie.title, movie.premiereDate, movie.lastModSeq, {}});
        return;
    }
    if (movie.lastModSeq <= it->lastModSeq)
        return;
    *it = Entry{movie.title, movie.premiereDate, movie.lastModSeq, it->premiereDate};
}

void PremiereIndex::forget(const QString &movieId)
{
    m_entries.remove(movieId);
}

} // namespace Marquee
