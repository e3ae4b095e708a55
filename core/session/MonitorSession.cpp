#include "session/MonitorSession.h"

MonitorSession::MonitorSession(QObject *parent)
    : QObject(parent)
    , m_pipeline(this)
    , m_transmitter(this)
{
}

void MonitorSession::clear()
{
    m_pipeline.statistics().clear();
    emit cleared();
}
