#include "connectionpanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace Marquee {

ConnectionPanel::ConnectionPanel(QWidget *parent)
    : QWidget(parent),
      m_serverUrl(new QLineEdit(this)),
      m_userId(new QLineEdit(this)),
      m_bearerToken(new QLineEdit(this)),
      m_boxId(new QLineEdit(this)),
      m_channelType(new QComboBox(this)),
      m_connect(new QPushButton(tr("&Connect"), this)),
      m_disconnect(new QPushButton(tr("&Disconnect"), this))
{
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_userId->setObjectName(QStringLiteral("userId"));
    m_userId->setPlaceholderText(QStringLiteral("tel:+19585550100"));
    m_bearerToken->setObjectName(QStringLiteral("bearerToken"));
    m_bearerToken->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_bearerToken->setPlaceholderText(tr("optional"));
    m_boxId->setObjectName(QStringLiteral("boxId"));
    m_channelType->setObjectName(QStringLiteral("channelType"));
    m_channelType->addItem(QStringLiteral("WebSockets"),
                           QVariant::fromValue(ChannelConnection::ChannelType::WebSockets));
    m_channelType->addItem(QStringLiteral("LongPolling"),
                           QVariant::fromValue(ChannelConnection::ChannelType::LongPolling));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_disconnect->setObjectName(QStringLiteral("disconnectButton"));
    m_disconnect->setEnabled(false);

    auto *left = new QFormLayout;
    left->addRow(tr("Server URL:"), m_serverUrl);
    left->addRow(tr("User id:"), m_userId);
    left->addRow(tr("Bearer token:"), m_bearerToken);
    auto *right = new QFormLayout;
    right->addRow(tr("Box:"), m_boxId);
    right->addRow(tr("Channel type:"), m_channelType);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    right->addRow(buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);

    connect(m_connect, &QPushButton::clicked, this, &ConnectionPanel::connectRequested);
    connect(m_disconnect, &QPushButton::clicked, this, &ConnectionPanel::disconnectRequested);
    connect(m_serverUrl, &QLineEdit::returnPressed, this, &ConnectionPanel::connectRequested);
}

void ConnectionPanel::setSettings(const ClientSettings &settings)
{
    m_serverUrl->setText(settings.serverUrl.toString());
    m_userId->setText(settings.userId);
    m_bearerToken->setText(settings.bearerToken);
    m_boxId->setText(settings.boxId);
    m_channelType->setCurrentIndex(m_channelType->findData(QVariant::fromValue(settings.channelType)));
}

std::optional<ClientSettings> ConnectionPanel::settings(QString *problem) const
{
    ClientSettings settings;
    settings.serverUrl = QUrl::fromUserInput(m_serverUrl->text().trimmed());
    settings.userId = m_userId->text().trimmed();
    settings.bearerToken = m_bearerToken->text();
    settings.boxId = m_boxId->text().trimmed();
    settings.channelType = m_channelType->currentData().value<ChannelConnection::ChannelType>();

    QString reason;
    const QString scheme = settings.serverUrl.scheme();
    if (!settings.serverUrl.isValid() || settings.serverUrl.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        reason = tr("The server URL must be an http or https URL such as http://127.0.0.1:8080");
    } else if (settings.userId.isEmpty()) {
        reason = tr("Enter a user id, such as tel:+19585550100");
    } else if (settings.boxId.isEmpty()) {
        reason = tr("Enter the box to watch, such as premieres");
    }

    if (!reason.isEmpty()) {
        if (problem)
            *problem = reason;
        return std::nullopt;
    }
    return settings;
}

void ConnectionPanel::setConnected(bool connected)
{
    for (QWidget *field : {static_cast<QWidget *>(m_serverUrl), static_cast<QWidget *>(m_userId),
                           static_cast<QWidget *>(m_bearerToken), static_cast<QWidget *>(m_boxId),
                           static_cast<QWidget *>(m_channelType)}) {
        field->setEnabled(!connected);
    }
    m_connect->setEnabled(!connected);
    m_disconnect->setEnabled(connected);
}

} // namespace Marquee
