#pragma once

#include "session/ReceivePipeline.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

// Floods a receive pipeline on loopback, functionally rather than timed: datagrams go in
// bursts that fit the receive buffer the OS granted, and after each burst the flood waits
// until the pipeline has accounted for every datagram sent, as received or as dropped by
// the OS. So the outcome does not depend on how busy the machine is.
class LoopbackFlood final
{
public:
    // Starts pipeline listening to 239.1.1.1:port on loopback (the default interface) and
    // waits until it does; false when it does not within 5 s.
    static bool startListening(ReceivePipeline &pipeline, quint16 port)
    {
        QSignalSpy listening(&pipeline.listener(), &MulticastListener::listening);
        ReceiveConfig config;
        config.port = port;
        pipeline.listener().start(config);
        return listening.wait(5000);
    }

    // pipeline: listening already.
    explicit LoopbackFlood(ReceivePipeline &pipeline)
        : m_pipeline(pipeline)
        // A small datagram takes about 1 KiB of kernel memory on loopback: a burst of half
        // the buffer leaves room to spare, so the kernel has no reason to drop.
        , m_burst(std::clamp(pipeline.listener().status().grantedBufferBytes / 2048, 50, 2000))
    {
    }

    // Sends count datagrams, send(n) sending number n, a burst at a time; after each burst,
    // once everything sent is accounted for, calls afterBurst(). Both may check with QVERIFY
    // and the like: the flood stops at the first failure (QTest::currentTestFailed()).
    template<typename Send, typename AfterBurst>
    void run(int count, Send send, AfterBurst afterBurst)
    {
        for (int sent = 0; sent < count;) {
            for (const int end = std::min(count, sent + m_burst); sent < end; ++sent) {
                send(sent);
                if (QTest::currentTestFailed())
                    return;
            }
            QTRY_COMPARE_WITH_TIMEOUT(accounted(), qint64(sent), 10000);
            afterBurst();
            if (QTest::currentTestFailed())
                return;
        }
    }

    template<typename Send> void run(int count, Send send)
    {
        run(count, send, [] {});
    }

    qint64 accounted() const
    {
        return m_pipeline.statistics().totals().packets + m_pipeline.statistics().osDrops();
    }

private:
    ReceivePipeline &m_pipeline;
    int m_burst = 50;
};
