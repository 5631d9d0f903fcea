#include "boxsession.h"
#include "channelconnection.h"
#include "clientfixture.h"
#include "feedmodel.h"
#include "mainwindow.h"
#include "movietablemodel.h"
#include "premieredateedit.h"
#include "premiereindex.h"

#include <QDateEdit>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QLabel>
#include <QTableView>
#include <QTest>

using namespace Marquee;
using namespace MarqueeTest;

namespace {

using State = ChannelConnection::State;

bool waitUntilReady(MainWindow &window)
{
    BoxSession *session = window.session();
    return QTest::qWaitFor(
            [session] {
                return session->connection()->state() == State::Connected
                        && session->movieModel()->rowCount() > 0
                        && !session->premiereIndex()->isLoading();
            },
            ClientTimeoutMs);
}

// Shows window and connects it to server's demo box.
bool showAndConnect(MainWindow &window, const TestServer &server)
{
    window.setSettings(clientSettingsFor(server));
    window.show();
    window.connectToServer();
    return waitUntilReady(window);
}

// Edits the premiere cell of row in the window's table the way a person does: opens the
// date editor, types the date and presses Enter.
bool editPremiere(MainWindow &window, int row, QDate date)
{
    auto *table = window.findChild<QTableView *>(QStringLiteral("movieTable"));
    if (!table)
        return false;

    const QModelIndex cell = table->model()->index(row, MovieTableModel::PremiereColumn);
    table->setCurrentIndex(cell);
    table->edit(cell);
    auto *editor = table->findChild<QDateEdit *>(QStringLiteral("premiereDateEditor"));
    if (!editor)
        return false;

    editor->setDate(date);
    QTest::keyClick(editor, Qt::Key_Return);
    return true;
}

} // namespace

class tst_ClientWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void editingPremiereSendsPatchAndFeedShowsIt();
    void conflictShowsServerMessageAndRestoresRow();
    void invalidServerUrlIsExplained();
    void closingDeletesChannel();
    void reconnectClearsConnectionError();
    void settingsStoredWhenConnected();
    void headerSortsOnlyServerColumns();
    void dateEditTakesDashes_data();
    void dateEditTakesDashes();
};

void tst_ClientWidgets::editingPremiereSendsPatchAndFeedShowsIt()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    MainWindow window;
    QVERIFY(showAndConnect(window, server));

    const Movie movie = window.session()->movieModel()->movieAt(2);
    const QDate moved = movie.premiereDate.date().addMonths(2);
    QVERIFY(editPremiere(window, 2, moved));

    // The PATCH reached the server, and its notification came back into the feed.
    QTRY_COMPARE_WITH_TIMEOUT(serverPremiere(http, server, movie.id), moved.toString(Qt::ISODate),
                              ClientTimeoutMs);
    FeedModel *feed = window.session()->feedModel();
    QTRY_COMPARE_WITH_TIMEOUT(feed->rowCount(), 1, ClientTimeoutMs);
    QCOMPARE(feed->index(0, FeedModel::MessageColumn).data().toString(),
             QStringLiteral("Premiere of %1 moved from %2 to %3")
                     .arg(movie.title, movie.premiereDate.toString(), moved.toString(Qt::ISODate)));
    QCOMPARE(window.session()->movieModel()->movieAt(2).premiereDate.date(), moved);
    QVERIFY(window.message().isEmpty());

    auto *state = window.findChild<QLabel *>(QStringLiteral("channelState"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Channel: connected"));
    auto *lifetime = window.findChild<QLabel *>(QStringLiteral("channelLifetime"));
    QVERIFY(lifetime);
    QVERIFY2(lifetime->text().endsWith(QStringLiteral(" left")), qPrintable(lifetime->text()));
}

void tst_ClientWidgets::conflictShowsServerMessageAndRestoresRow()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    MainWindow window;
    QVERIFY(showAndConnect(window, server));

    // Offline, the table keeps what it read; meanwhile another client moves the premiere,
    // so the table's entity tag is stale.
    window.disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->connection()->state(), State::Disconnected,
                              ClientTimeoutMs);
    const Movie movie = window.session()->movieModel()->movieAt(0);
    const QDate theirs = movie.premiereDate.date().addDays(5);
    QCOMPARE(patchPremiere(http, server, movie.id, theirs), 200);

    QVERIFY(editPremiere(window, 0, movie.premiereDate.date().addDays(9)));

    // The server rejects the PATCH with 412. The window shows the server's words, and the
    // row shows the server's current value.
    QTRY_VERIFY_WITH_TIMEOUT(!window.message().isEmpty(), ClientTimeoutMs);
    QVERIFY2(window.message().contains(QStringLiteral("The premiere of %1 was not saved").arg(movie.title)),
             qPrintable(window.message()));
    QVERIFY2(window.message().contains(QStringLiteral("Error code is 412: If-Match")),
             qPrintable(window.message()));
    QVERIFY2(window.message().contains(QStringLiteral("read the resource again and retry")),
             qPrintable(window.message()));
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->movieModel()->movieAt(0).premiereDate.date(), theirs,
                              ClientTimeoutMs);
    QCOMPARE(serverPremiere(http, server, movie.id), theirs.toString(Qt::ISODate));
}

void tst_ClientWidgets::invalidServerUrlIsExplained()
{
    MainWindow window;
    ClientSettings settings;
    settings.serverUrl = QUrl(QStringLiteral("ftp://127.0.0.1:21"));
    window.setSettings(settings);
    window.connectToServer();

    QVERIFY2(window.message().contains(QStringLiteral("The server URL must be an http or https URL")),
             qPrintable(window.message()));
    QCOMPARE(window.session()->connection()->state(), State::Disconnected);
}

void tst_ClientWidgets::closingDeletesChannel()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient http;

    MainWindow window;
    window.setSettings(clientSettingsFor(server));
    window.show();
    window.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->connection()->state(), State::Connected,
                              ClientTimeoutMs);
    const QUrl channel = window.session()->connection()->channelResourceURL();
    const QUrl subscription = window.session()->connection()->subscriptionURL();

    // The window stays until the server has confirmed both deletions.
    window.close();
    QVERIFY(window.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), ClientTimeoutMs);
    QCOMPARE(http.get(channel).status, 404);
    QCOMPARE(http.get(subscription).status, 404);
}

void tst_ClientWidgets::reconnectClearsConnectionError()
{
    TestServer server;
    QVERIFY(server.start());

    MainWindow window;
    QVERIFY(showAndConnect(window, server));
    auto *progress = window.findChild<QWidget *>(QStringLiteral("progress"));
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isHidden(), ClientTimeoutMs);

    server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(window.message().contains(QStringLiteral("The server is shutting down")),
                             ClientTimeoutMs);
    auto *state = window.findChild<QLabel *>(QStringLiteral("channelState"));
    QVERIFY(state);
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Channel: reconnecting"), ClientTimeoutMs);

    QVERIFY(server.start());
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Channel: connected"), ClientTimeoutMs);
    QVERIFY2(window.message().isEmpty(), qPrintable(window.message()));

    // The errors of the outage stay readable in the tooltip, newest first.
    const QStringList recent = window.recentMessages();
    QVERIFY(!recent.isEmpty());
    QVERIFY(recent.size() <= 10);
    QVERIFY2(recent.constLast().contains(QStringLiteral("The server is shutting down")),
             qPrintable(recent.join(QLatin1Char('|'))));
}

void tst_ClientWidgets::settingsStoredWhenConnected()
{
    TestServer server;
    QVERIFY(server.start());
    QSettings().clear();

    // A box the server does not have is not remembered for the next start.
    MainWindow window;
    ClientSettings settings = clientSettingsFor(server);
    settings.boxId = QStringLiteral("no-such-box");
    window.setSettings(settings);
    window.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(window.message().contains(QStringLiteral("The server has no box")),
                             ClientTimeoutMs);
    QCOMPARE(window.session()->connection()->state(), State::Disconnected);
    {
        QSettings stored;
        QVERIFY(!stored.contains(QStringLiteral("connection/boxId")));
    }

    window.setSettings(clientSettingsFor(server));
    window.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->connection()->state(), State::Connected,
                              ClientTimeoutMs);
    QSettings stored;
    const ClientSettings loaded = ClientSettings::load(stored);
    QCOMPARE(loaded.boxId, QStringLiteral("premieres"));
    QCOMPARE(loaded.serverUrl, clientSettingsFor(server).serverUrl);
}

void tst_ClientWidgets::headerSortsOnlyServerColumns()
{
    TestServer server;
    QVERIFY(server.start());

    MainWindow window;
    QVERIFY(showAndConnect(window, server));
    auto *table = window.findChild<QTableView *>(QStringLiteral("movieTable"));
    QVERIFY(table);
    auto *count = window.findChild<QLabel *>(QStringLiteral("movieCount"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("100 of 1153 movies loaded; scroll for more"));

    // The premiere header sorts on the server; the year header keeps the indicator there.
    table->horizontalHeader()->setSortIndicator(MovieTableModel::PremiereColumn, Qt::DescendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!window.session()->movieModel()->isLoading()
                                     && window.session()->movieModel()->rowCount() > 0,
                             ClientTimeoutMs);
    const MovieTableModel *movies = window.session()->movieModel();
    QVERIFY(movies->movieAt(0).premiereDate.toMSecsSinceEpoch()
            >= movies->movieAt(1).premiereDate.toMSecsSinceEpoch());
    table->horizontalHeader()->setSortIndicator(MovieTableModel::YearColumn, Qt::AscendingOrder);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(MovieTableModel::PremiereColumn));
    QCOMPARE(table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);

    // A search without matches shows a hint instead of an empty table alone.
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchField"));
    QVERIFY(search);
    search->setText(QStringLiteral("no such title at all"));
    QTRY_COMPARE_WITH_TIMEOUT(count->text(), QStringLiteral("No title contains \"no such title at all\""),
                              ClientTimeoutMs);
}

void tst_ClientWidgets::dateEditTakesDashes_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QDate>("expected");

    QTest::newRow("with dashes") << QStringLiteral("2023-07-21") << QDate(2023, 7, 21);
    QTest::newRow("digits only") << QStringLiteral("20230721") << QDate(2023, 7, 21);
    QTest::newRow("one-digit month") << QStringLiteral("2023-7-21") << QDate(2023, 7, 21);
    QTest::newRow("one-digit month and day") << QStringLiteral("2023-1-5") << QDate(2023, 1, 5);
}

void tst_ClientWidgets::dateEditTakesDashes()
{
    QFETCH(QString, typed);
    QFETCH(QDate, expected);

    PremiereDateEdit editor;
    editor.setDate(QDate(2020, 2, 16));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setFocus();
    editor.setCurrentSection(QDateTimeEdit::YearSection);
    editor.setSelectedSection(QDateTimeEdit::YearSection);
    QTest::keyClicks(&editor, typed);
    QTest::keyClick(&editor, Qt::Key_Return);
    QCOMPARE(editor.date(), expected);
}

QTEST_MAIN(tst_ClientWidgets)
#include "tst_clientwidgets.moc"
