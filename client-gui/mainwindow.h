#pragma once

#include "clientsettings.h"

#include <QMainWindow>
#include <QStringList>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QTableView;
QT_END_NAMESPACE

namespace Marquee {

class BoxSession;
class ConnectionPanel;
class StatusPanel;

// The demo client's window: the connection panel on top, the movie table of the box on
// the left, the live feed on the right, and the channel's status below. Errors appear in
// a line above the table, in the server's words where it gave any.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Fills the connection panel.
    void setSettings(const ClientSettings &settings);
    // Connects with the panel's values and stores them with QSettings.
    void connectToServer();
    void disconnectFromServer();

    BoxSession *session() const { return m_session; }
    // The text of the error line, empty when there is none.
    QString message() const;
    // The latest errors, newest first, as the error line's tooltip lists them.
    QStringList recentMessages() const { return m_recentMessages; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showMessage(const QString &text);
    void onStateChanged();
    void updateMovieCount();

    // Maximum wait for the server to confirm the deletions when the window closes, in
    // milliseconds.
    static constexpr int CloseTimeoutMs = 2000;
    // Errors listed in the error line's tooltip, newest first.
    static constexpr int RecentMessageCount = 10;

    BoxSession *m_session;
    bool m_closing = false;
    // Whether the error line shows a connection error, which a reconnection clears.
    bool m_messageFromConnection = false;
    QStringList m_recentMessages;
    ConnectionPanel *m_connectionPanel;
    QLabel *m_message;
    QLineEdit *m_search;
    QTimer m_searchDelay;
    QTableView *m_movieTable;
    QLabel *m_movieCount;
    // The panel's values of the last Connect, stored once the connection is up, so that a
    // mistyped server or box is not offered again at the next start.
    std::optional<ClientSettings> m_pendingSettings;
    QTableView *m_feedView;
    StatusPanel *m_statusPanel;
};

} // namespace Marquee
