#pragma once

#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
QT_END_NAMESPACE

namespace Marquee {

class ChannelConnection;

// The status bar's content: the channel state, the lifetime left, the last connCheck or
// connAck, and the progress of a long operation.
class StatusPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StatusPanel(ChannelConnection *connection, QWidget *parent = nullptr);

    // Shows progress: value of maximum, or a busy bar when maximum is 0; an empty text
    // hides the bar.
    void showProgress(const QString &text, int value, int maximum);

private:
    void updateState();
    void updateLifetime();
    void updateKeepAlive();

    ChannelConnection *m_connection;
    QLabel *m_state;
    QLabel *m_lifetime;
    QLabel *m_keepAlive;
    QLabel *m_progressText;
    QProgressBar *m_progress;
    QTimer m_ticker;
};

} // namespace Marquee
