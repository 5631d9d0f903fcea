#pragma once

#include <QtGlobal>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace Marquee {

// Runs handler in the event loop of context's thread whenever the process receives
// SIGINT or SIGTERM, so that a program stopped from a terminal or a service manager shuts
// down as it would from its own controls. Call it once per process, after the
// QCoreApplication exists; the handler lives as long as context. Does nothing when the
// signal pipe cannot be created.
void handleTerminationSignals(QObject *context, std::function<void()> handler);

} // namespace Marquee
