#include "boxsession.h"

#include "apiclient.h"
#include "clientlogging.h"
#include "feedmodel.h"
#include "moviepage.h"
#include "movietablemodel.h"
#include "premiereindex.h"

namespace Marquee {

namespace {

std::optional<Movie> movieOf(const NmsEvent &event)
{
    const QJsonValue members = event.extension.value(QStringLiteral("movie"));
    if (!members.isObject())
        return std::nullopt;
    return MoviePage::readMovie(members.toObject());
}

// The movie id is the last segment of its resourceURL.
QString movieIdOf(const QUrl &resourceURL)
{
    return resourceURL.path().section(QLatin1Char('/'), -1);
}

} // namespace

BoxSession::BoxSession(QObject *parent)
    : QObject(parent),
      m_api(new ApiClient(this)),
      m_connection(new ChannelConnection(m_api, this)),
      m_movies(new MovieTableModel(m_api, this)),
      m_feed(new FeedModel(this)),
      m_premieres(new PremiereIndex(m_api, this))
{
    connect(m_connection, &ChannelConnection::eventListReceived, this, &BoxSession::onEventList);
    connect(m_connection, &ChannelConnection::stateChanged, this, &BoxSession::onStateChanged);
    connect(m_connection, &ChannelConnection::errorOccurred, this,
            [this](const QString &message) { Q_EMIT errorOccurred(message, ErrorSource::Connection); });
    connect(m_connection, &ChannelConnection::progressChanged, this, [this](const QString &step) {
        Q_EMIT progressChanged(QStringLiteral("connection"), step, 0, 0);
    });

    connect(m_movies, &MovieTableModel::errorOccurred, this,
            [this](const QString &message) { Q_EMIT errorOccurred(message, ErrorSource::Movies); });
    connect(m_movies, &MovieTableModel::loadingChanged, this, [this](bool loading) {
        Q_EMIT progressChanged(QStringLiteral("movies"), loading ? tr("Loading movies") : QString(), 0, 0);
    });
    connect(m_movies, &MovieTableModel::saveFailed, this,
            [this](const QString &title, int httpStatus, const QString &message) {
                // A 412 is the usual conflict of two editors, so the sentence names it before
                // the server's text.
                const QString sentence = httpStatus == 412
                        ? tr("The premiere of %1 was not saved because the movie changed on the "
                             "server first. The row now shows the server's value. Server message: %2")
                        : tr("The premiere of %1 was not saved: %2");
                Q_EMIT errorOccurred(sentence.arg(title, message), ErrorSource::Movies);
            });
    connect(m_movies, &MovieTableModel::saveSucceeded, m_premieres, &PremiereIndex::remember);

    connect(m_premieres, &PremiereIndex::errorOccurred, this, [this](const QString &message) {
        Q_EMIT progressChanged(QStringLiteral("premieres"), QString(), 0, 0);
        Q_EMIT errorOccurred(message, ErrorSource::Movies);
    });
    connect(m_premieres, &PremiereIndex::progressChanged, this, [this](int loaded, int total) {
        Q_EMIT progressChanged(QStringLiteral("premieres"), tr("Reading premiere dates"), loaded, total);
    });
    connect(m_premieres, &PremiereIndex::loadFinished, this,
            [this] { Q_EMIT progressChanged(QStringLiteral("premieres"), QString(), 0, 0); });
}

BoxSession::~BoxSession() = default;

void BoxSession::connectToServer(const ClientSettings &settings)
{
    if (m_connection->state() != ChannelConnection::State::Disconnected)
        m_connection->disconnectFromServer();

    m_api->setServerUrl(settings.serverUrl);
    m_api->setUserId(settings.userId);
    m_api->setBearerToken(settings.bearerToken);

    ChannelConnection::Options options = m_connection->options();
    options.channelType = settings.channelType;
    options.boxId = settings.boxId;
    m_connection->setOptions(options);

    // The table and the premiere index are read once the subscription exists, so that
    // every change after their read arrives as a notification.
    m_boxId = settings.boxId;
    m_feed->clear();
    m_movies->setBoxId(QString());
    m_premieres->clear();
    m_connection->connectToServer();
}

void BoxSession::onStateChanged(ChannelConnection::State state)
{
    if (state != ChannelConnection::State::Connected)
        return;

    // Also after a reconnection, a read that failed, for example because the server was
    // away, is tried again.
    if (m_movies->boxId() != m_boxId)
        m_movies->setBoxId(m_boxId);
    else if (m_movies->totalCount() < 0 && !m_movies->isLoading())
        m_movies->reload();

    if (!m_premieres->isComplete() && !m_premieres->isLoading())
        m_premieres->load(m_boxId);
}

void BoxSession::disconnectFromServer()
{
    // The table stays as it was, so the person can still read and edit it.
    m_connection->disconnectFromServer();
}

void BoxSession::onEventList(const NmsEventList &eventList, qint64 replayedUpTo)
{
    const QDateTime received = QDateTime::currentDateTime();
    for (const NmsEvent &event : eventList.events) {
        FeedModel::Entry entry;
        entry.received = received;
        entry.index = eventList.index;
        entry.message = describeEvent(event, *m_premieres);
        entry.replayed = event.kind != NmsEvent::Kind::ResetBox && event.lastModSeq <= replayedUpTo;
        m_feed->addEntry(entry);

        applyEvent(event);
    }
}

void BoxSession::applyEvent(const NmsEvent &event)
{
    switch (event.kind) {
    case NmsEvent::Kind::ResetBox:
        // The server could not replay what this client missed, so everything is read
        // again.
        qCInfo(lcClientModels) << "resetBox: reloading the box";
        m_movies->reload();
        m_premieres->load(m_movies->boxId());
        return;

    case NmsEvent::Kind::DeletedObject: {
        const QString movieId = movieIdOf(event.resourceURL);
        m_movies->applyDeletedMovie(movieId);
        m_premieres->forget(movieId);
        return;
    }

    case NmsEvent::Kind::ChangedObject:
        if (const std::optional<Movie> movie = movieOf(event)) {
            m_movies->applyChangedMovie(*movie);
            m_premieres->remember(*movie);
        }
        return;
    }
}

QString BoxSession::describeEvent(const NmsEvent &event, const PremiereIndex &known)
{
    switch (event.kind) {
    case NmsEvent::Kind::ResetBox:
        return tr("The server could not replay the missed changes; the table reloads");

    case NmsEvent::Kind::DeletedObject: {
        const QString movieId = movieIdOf(event.resourceURL);
        const std::optional<PremiereIndex::Entry> before = known.find(movieId);
        return tr("%1 was removed").arg(before ? before->title : movieId);
    }

    case NmsEvent::Kind::ChangedObject:
        break;
    }

    const std::optional<Movie> movie = movieOf(event);
    if (!movie)
        return tr("%1 changed").arg(event.resourceURL.toDisplayString());

    const QString premiere = movie->premiereDate.toString();
    const std::optional<PremiereDate> before = known.premiereBefore(movie->id, event.lastModSeq);
    if (!before) {
        // Unknown before the change: new to the box, unless the index is still loading.
        if (known.isLoading() || known.find(movie->id))
            return tr("Premiere of %1 is now %2").arg(movie->title, premiere);
        return tr("%1 was added, premiering %2").arg(movie->title, premiere);
    }
    if (*before != movie->premiereDate)
        return tr("Premiere of %1 moved from %2 to %3")
                .arg(movie->title, before->toString(), premiere);
    return tr("%1 changed; its premiere stays %2").arg(movie->title, premiere);
}

} // namespace Marquee
