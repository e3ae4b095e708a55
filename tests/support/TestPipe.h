#pragma once

#include <QByteArray>

#include <fcntl.h>
#include <unistd.h>

// A pipe whose write end a LineSink writes to, read only when the test says so: a reader
// that stalls, then drains.
class TestPipe final
{
public:
    TestPipe()
    {
        if (::pipe(m_ends) != 0)
            return;
        ::fcntl(m_ends[0], F_SETFD, FD_CLOEXEC);
        ::fcntl(m_ends[1], F_SETFD, FD_CLOEXEC);
        ::fcntl(m_ends[0], F_SETFL, O_NONBLOCK);
    }
    ~TestPipe()
    {
        closeWriteEnd();
        ::close(m_ends[0]);
    }
    TestPipe(const TestPipe &) = delete;
    TestPipe &operator=(const TestPipe &) = delete;

    bool isOpen() const { return m_ends[0] >= 0; }
    int readEnd() const { return m_ends[0]; }
    int writeEnd() const { return m_ends[1]; }
    void closeWriteEnd()
    {
        if (m_ends[1] >= 0)
            ::close(m_ends[1]);
        m_ends[1] = -1;
    }

    // Fills the pipe up to its capacity, as a reader that stopped reading would leave it,
    // so that the next write() blocks; returns the bytes written.
    qsizetype fill()
    {
        const int flags = ::fcntl(m_ends[1], F_GETFL);
        ::fcntl(m_ends[1], F_SETFL, flags | O_NONBLOCK);
        qsizetype filled = 0;
        const char byte = 'f';
        while (::write(m_ends[1], &byte, 1) == 1)
            ++filled;
        ::fcntl(m_ends[1], F_SETFL, flags);
        return filled;
    }

    // Everything the pipe holds now, without waiting.
    QByteArray readAvailable()
    {
        QByteArray bytes;
        char buffer[65536];
        for (ssize_t count; (count = ::read(m_ends[0], buffer, sizeof buffer)) > 0;)
            bytes.append(buffer, count);
        return bytes;
    }

private:
    int m_ends[2] = {-1, -1};
};
