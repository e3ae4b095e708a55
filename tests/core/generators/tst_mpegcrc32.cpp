#include "generators/MpegCrc32.h"

#include <QTest>

class TestMpegCrc32 final : public QObject
{
    Q_OBJECT

private slots:
    void matchesTheCatalogueCheckValue()
    {
        // CRC-32/MPEG-2's check value: the CRC of the nine ASCII digits.
        QCOMPARE(MpegCrc32::compute("123456789", 9), 0x0376E6E7u);
        QCOMPARE(MpegCrc32::compute("", 0), 0xFFFFFFFFu);
    }

    // The property decoders check: a section followed by its CRC (big-endian) sums to 0.
    void aSectionWithItsCrcSumsToZero()
    {
        QByteArray section = QByteArrayLiteral("\x00\xb0\x0d\x00\x01\xc1\x00\x00\x00\x01\xf0\x00");
        const quint32 crc = MpegCrc32::compute(section.constData(), section.size());
        for (int shift = 24; shift >= 0; shift -= 8)
            section.append(char(crc >> shift));
        QCOMPARE(MpegCrc32::compute(section.constData(), section.size()), 0u);
        // The PAT of one program 1 on PID 0x1000 as every muxer writes it.
        QCOMPARE(crc, 0x2AB104B2u);
    }
};

QTEST_GUILESS_MAIN(TestMpegCrc32)
#include "tst_mpegcrc32.moc"
