#include "mainwindow.h"

#include "boxsession.h"
#include "connectionpanel.h"
#include "feedmodel.h"
#include "movietablemodel.h"
#include "premieredatedelegate.h"
#include "statuspanel.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace Marquee {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_session(new BoxSession(this)),
      m_connectionPanel(new ConnectionPanel),
      m_message(new QLabel),
      m_search(new QLineEdit),
      m_movieTable(new QTableView),
      m_movieCount(new QLabel),
      m_feedView(new QTableView),
      m_statusPanel(new StatusPanel(m_session->connection()))
{
    setWindowTitle(tr("Marquee client"));

    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_message->hide();

    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search titles"));
    m_search->setClearButtonEnabled(true);
    // One reload once typing pauses, not one per key.
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this,
            [this] { m_session->movieModel()->setTitleFilter(m_search->text().trimmed()); });

    m_movieTable->setObjectName(QStringLiteral("movieTable"));
    m_movieTable->setModel(m_session->movieModel());
    m_movieTable->setItemDelegateForColumn(MovieTableModel::PremiereColumn,
                                           new PremiereDateDelegate(m_movieTable));
    m_movieTable->setSortingEnabled(true);
    m_movieTable->sortByColumn(MovieTableModel::TitleColumn, Qt::AscendingOrder);
    m_movieTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_movieTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::SelectedClicked);
    QHeaderView *movieHeader = m_movieTable->horizontalHeader();
    movieHeader->setSectionResizeMode(MovieTableModel::TitleColumn, QHeaderView::Stretch);
    // Wide enough for a premiere with a time of day, such as 2020-10-16T17:30:00Z.
    movieHeader->setSectionResizeMode(MovieTableModel::PremiereColumn, QHeaderView::Interactive);
    movieHeader->resizeSection(MovieTableModel::PremiereColumn,
                               fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00T00:00:00Z")) + 12);
    movieHeader->setSectionResizeMode(MovieTableModel::YearColumn, QHeaderView::ResizeToContents);
    movieHeader->resizeSection(MovieTableModel::GenresColumn, 170);
    m_movieTable->setWordWrap(false);
    m_movieTable->verticalHeader()->hide();
    // Fixed row heights keep scrolling through thousands of rows cheap.
    const int rowHeight = fontMetrics().height() + 8;
    m_movieTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_movieTable->verticalHeader()->setDefaultSectionSize(rowHeight);

    m_feedView->setObjectName(QStringLiteral("feedView"));
    m_feedView->setModel(m_session->feedModel());
    QHeaderView *feedHeader = m_feedView->horizontalHeader();
    feedHeader->setSectionResizeMode(FeedModel::TimeColumn, QHeaderView::Fixed);
    feedHeader->resizeSection(FeedModel::TimeColumn,
                              fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    feedHeader->setSectionResizeMode(FeedModel::IndexColumn, QHeaderView::ResizeToContents);
    feedHeader->setSectionResizeMode(FeedModel::MessageColumn, QHeaderView::Stretch);
    m_feedView->verticalHeader()->hide();
    m_feedView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_feedView->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_feedView->setWordWrap(false);
    m_feedView->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *moviePane = new QWidget;
    auto *movieLayout = new QVBoxLayout(moviePane);
    movieLayout->setContentsMargins(0, 0, 0, 0);
    movieLayout->addWidget(m_search);
    movieLayout->addWidget(m_movieTable);
    m_movieCount->setObjectName(QStringLiteral("movieCount"));
    movieLayout->addWidget(m_movieCount);

    auto *feedPane = new QWidget;
    auto *feedLayout = new QVBoxLayout(feedPane);
    feedLayout->setContentsMargins(0, 0, 0, 0);
    feedLayout->addWidget(new QLabel(tr("Live feed")));
    feedLayout->addWidget(m_feedView);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(moviePane);
    splitter->addWidget(feedPane);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_connectionPanel);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    statusBar()->addWidget(m_statusPanel, 1);

    // Only the title and premiere columns sort, so a click on another header puts the
    // indicator back where the sort is.
    connect(movieHeader, &QHeaderView::sortIndicatorChanged, this, [this, movieHeader](int column) {
        MovieTableModel *movies = m_session->movieModel();
        if (column == MovieTableModel::TitleColumn || column == MovieTableModel::PremiereColumn)
            return;
        const QSignalBlocker blocker(movieHeader);
        movieHeader->setSortIndicator(movies->sortColumn(), movies->sortOrder());
    });

    MovieTableModel *movies = m_session->movieModel();
    connect(movies, &QAbstractItemModel::modelReset, this, &MainWindow::updateMovieCount);
    connect(movies, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateMovieCount);
    connect(movies, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateMovieCount);
    connect(movies, &MovieTableModel::loadingChanged, this, &MainWindow::updateMovieCount);
    connect(movies, &MovieTableModel::totalCountChanged, this, &MainWindow::updateMovieCount);
    updateMovieCount();

    connect(m_connectionPanel, &ConnectionPanel::connectRequested, this, &MainWindow::connectToServer);
    connect(m_connectionPanel, &ConnectionPanel::disconnectRequested, this,
            &MainWindow::disconnectFromServer);
    connect(m_session, &BoxSession::errorOccurred, this,
            [this](const QString &message, BoxSession::ErrorSource source) {
                showMessage(message);
                m_messageFromConnection = source == BoxSession::ErrorSource::Connection;
            });
    connect(m_session, &BoxSession::progressChanged, m_statusPanel, &StatusPanel::showProgress);
    connect(m_session->connection(), &ChannelConnection::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_session->movieModel(), &MovieTableModel::saveStarted, this, [this](const QString &title) {
        m_statusPanel->showProgress(QStringLiteral("save"), tr("Saving the premiere of %1").arg(title), 0, 0);
    });
    connect(m_session->movieModel(), &MovieTableModel::saveSucceeded, this,
            [this] { m_statusPanel->showProgress(QStringLiteral("save"), QString(), 0, 0); });
    connect(m_session->movieModel(), &MovieTableModel::saveFailed, this,
            [this] { m_statusPanel->showProgress(QStringLiteral("save"), QString(), 0, 0); });

    resize(1280, 760);
}

MainWindow::~MainWindow() = default;

void MainWindow::setSettings(const ClientSettings &settings)
{
    m_connectionPanel->setSettings(settings);
}

void MainWindow::connectToServer()
{
    QString problem;
    const std::optional<ClientSettings> settings = m_connectionPanel->settings(&problem);
    if (!settings) {
        showMessage(problem);
        return;
    }

    m_pendingSettings = settings;
    showMessage(QString());
    m_connectionPanel->setConnected(true);
    m_session->connectToServer(*settings);
}

void MainWindow::disconnectFromServer()
{
    m_session->disconnectFromServer();
}

QString MainWindow::message() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

void MainWindow::showMessage(const QString &text)
{
    m_messageFromConnection = false;
    if (text.isEmpty()) {
        m_message->clear();
        m_message->hide();
        return;
    }
    const QString line = QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), text);
    m_message->setText(line);
    m_message->show();

    // The line shows the latest error, and its tooltip keeps the ones before it.
    m_recentMessages.prepend(line);
    if (m_recentMessages.size() > RecentMessageCount)
        m_recentMessages.removeLast();
    m_message->setToolTip(m_recentMessages.join(QLatin1Char('\n')));
}

void MainWindow::onStateChanged()
{
    const ChannelConnection::State state = m_session->connection()->state();
    m_connectionPanel->setConnected(state != ChannelConnection::State::Disconnected);
    if (state != ChannelConnection::State::Connected)
        return;

    if (m_messageFromConnection)
        showMessage(QString());
    if (m_pendingSettings) {
        QSettings stored;
        m_pendingSettings->save(stored);
        m_pendingSettings.reset();
    }
}

void MainWindow::updateMovieCount()
{
    const MovieTableModel *movies = m_session->movieModel();
    const int total = movies->totalCount();
    if (movies->boxId().isEmpty() || total < 0) {
        m_movieCount->setText(movies->isLoading() ? tr("Loading movies") : QString());
        return;
    }
    if (total == 0) {
        m_movieCount->setText(m_search->text().trimmed().isEmpty()
                                      ? tr("The box has no movies")
                                      : tr("No title contains \"%1\"").arg(m_search->text().trimmed()));
        return;
    }
    m_movieCount->setText(tr("%1 of %2 movies loaded; scroll for more")
                                  .arg(movies->rowCount())
                                  .arg(total));
    if (movies->rowCount() >= total)
        m_movieCount->setText(tr("All %1 movies loaded").arg(total));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    ChannelConnection *connection = m_session->connection();
    if (m_closing) {
        event->accept();
        return;
    }

    // Deletes the channel and the subscription instead of leaving them to expire, and
    // closes once the server confirms, or after CloseTimeoutMs. A Disconnect just before
    // may have sent the deletions already.
    if (connection->state() != ChannelConnection::State::Disconnected)
        m_session->disconnectFromServer();
    m_closing = true;
    centralWidget()->setEnabled(false);
    if (!connection->isCleaningUp()) {
        event->accept();
        return;
    }
    event->ignore();
    connect(connection, &ChannelConnection::cleanupFinished, this, &QWidget::close);
    QTimer::singleShot(CloseTimeoutMs, this, &QWidget::close);
}

} // namespace Marquee
