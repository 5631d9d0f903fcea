#pragma once

#include <QLoggingCategory>

// One category per client component. Enable debug output with, for example,
// QT_LOGGING_RULES="marquee.client.channel.debug=true". No category ever logs the bearer
// token or request headers.
Q_DECLARE_LOGGING_CATEGORY(lcClientApi)
Q_DECLARE_LOGGING_CATEGORY(lcClientChannel)
Q_DECLARE_LOGGING_CATEGORY(lcClientModels)
