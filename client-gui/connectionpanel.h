#pragma once

#include "clientsettings.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace Marquee {

// The form at the top of the window: server URL, user id, bearer token, box and channel
// type, with Connect and Disconnect.
class ConnectionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionPanel(QWidget *parent = nullptr);

    void setSettings(const ClientSettings &settings);
    // The form's values; std::nullopt, with the problem in problem, when the server URL
    // or the user id is not usable.
    std::optional<ClientSettings> settings(QString *problem = nullptr) const;
    // Locks the form while a connection is up or under way.
    void setConnected(bool connected);

Q_SIGNALS:
    void connectRequested();
    void disconnectRequested();

private:
    QLineEdit *m_serverUrl;
    QLineEdit *m_userId;
    QLineEdit *m_bearerToken;
    QLineEdit *m_boxId;
    QComboBox *m_channelType;
    QPushButton *m_connect;
    QPushButton *m_disconnect;
};

} // namespace Marquee
