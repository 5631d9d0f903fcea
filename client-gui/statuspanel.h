#pragma once

#include <QList>
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

    // Records the progress of operation: value of maximum, or a busy bar when maximum is
    // 0. An empty text ends the operation. The bar shows the operation that reported
    // last among those still running.
    void showProgress(const QString &operation, const QString &text, int value, int maximum);

private:
    struct Progress
    {
        QString operation;
        QString text;
        int value = 0;
        int maximum = 0;
    };

    void updateProgress();
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
    // Running operations, the one that reported last at the end.
    QList<Progress> m_running;
};

} // namespace Marquee
