#pragma once

#include <QByteArray>
#include <QSize>
#include <QTemporaryFile>

// Qt's offscreen platform has one 800×600 screen, smaller than a real desktop's; since Qt 6.8
// restoreGeometry() shrinks a window to the screen it is restored on. Window tests that
// need a real desktop's room call this before QApplication exists: it gives the offscreen
// platform one screen of the size asked for (its JSON configuration file). Other
// platforms are left as they are.
class OffscreenScreen final
{
public:
    explicit OffscreenScreen(QSize size)
    {
        if (qgetenv("QT_QPA_PLATFORM") != "offscreen" || !m_config.open())
            return;
        m_config.write(QByteArrayLiteral(R"({"screens":[{"name":"Offscreen","x":0,"y":0,"width":)")
                       + QByteArray::number(size.width()) + QByteArrayLiteral(R"(,"height":)")
                       + QByteArray::number(size.height())
                       + QByteArrayLiteral(R"(,"logicalDpi":96,"logicalBaseDpi":96,"dpr":1}]})"));
        m_config.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + m_config.fileName().toLocal8Bit());
    }

private:
    QTemporaryFile m_config;
};
