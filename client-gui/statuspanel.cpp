#include "statuspanel.h"

#include "channelconnection.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace Marquee {

namespace {

QString formatSeconds(qint64 seconds)
{
    return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

StatusPanel::StatusPanel(ChannelConnection *connection, QWidget *parent)
    : QWidget(parent),
      m_connection(connection),
      m_state(new QLabel(this)),
      m_lifetime(new QLabel(this)),
      m_keepAlive(new QLabel(this)),
      m_progressText(new QLabel(this)),
      m_progress(new QProgressBar(this))
{
    m_state->setObjectName(QStringLiteral("channelState"));
    m_lifetime->setObjectName(QStringLiteral("channelLifetime"));
    m_keepAlive->setObjectName(QStringLiteral("lastKeepAlive"));
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_progressText->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addWidget(m_lifetime);
    layout->addWidget(m_keepAlive);
    layout->addStretch();
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);

    connect(connection, &ChannelConnection::stateChanged, this, &StatusPanel::updateState);
    connect(connection, &ChannelConnection::lifetimeChanged, this, &StatusPanel::updateLifetime);
    connect(connection, &ChannelConnection::keepAliveChanged, this, &StatusPanel::updateKeepAlive);

    // The lifetime counts down between server messages.
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &StatusPanel::updateLifetime);
    m_ticker.start();

    updateState();
    updateLifetime();
    updateKeepAlive();
}

void StatusPanel::showProgress(const QString &operation, const QString &text, int value,
                               int maximum)
{
    m_running.removeIf([&operation](const Progress &progress) { return progress.operation == operation; });
    if (!text.isEmpty())
        m_running.append(Progress{operation, text, value, maximum});
    updateProgress();
}

void StatusPanel::updateProgress()
{
    if (m_running.isEmpty()) {
        m_progressText->hide();
        m_progress->hide();
        return;
    }

    const Progress &latest = m_running.constLast();
    m_progressText->setText(latest.text);
    m_progress->setRange(0, latest.maximum);
    m_progress->setValue(latest.value);
    m_progressText->show();
    m_progress->show();
}

void StatusPanel::updateState()
{
    m_state->setText(tr("Channel: %1").arg(ChannelConnection::stateName(m_connection->state())));
}

void StatusPanel::updateLifetime()
{
    const qint64 remaining = m_connection->remainingLifetime();
    m_lifetime->setText(remaining < 0 ? tr("Lifetime: -")
                                      : tr("Lifetime: %1 left").arg(formatSeconds(remaining)));
}

void StatusPanel::updateKeepAlive()
{
    const QDateTime time = m_connection->lastKeepAliveTime();
    m_keepAlive->setText(time.isValid()
                                 ? tr("Last %1 at %2")
                                           .arg(m_connection->lastKeepAliveKind(),
                                                time.toString(QStringLiteral("HH:mm:ss")))
                                 : tr("No connCheck yet"));
}

} // namespace Marquee
