#pragma once

#include "HostPrograms.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryFile>

#include <optional>

// Reads the Prometheus text format as the tests check it: the samples by their whole
// series ("name{labels}"), and the problems a scraper would have with the text.
namespace Exposition {

struct Parsed
{
    QMap<QByteArray, double> samples; // "name{labels}" as written → value
    QList<QByteArray> order;          // series in the order written
    QStringList problems;             // empty: the format holds

    std::optional<double> value(const QByteArray &series) const
    {
        const auto found = samples.constFind(series);
        return found == samples.constEnd() ? std::nullopt : std::optional<double>(*found);
    }
    // The series of one metric name.
    QList<QByteArray> seriesOf(const QByteArray &name) const
    {
        QList<QByteArray> found;
        for (const QByteArray &series : order) {
            if (series == name || series.startsWith(name + '{'))
                found.append(series);
        }
        return found;
    }
};

inline Parsed parse(const QByteArray &text)
{
    static const QRegularExpression sample(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (\S+)$)"));
    Parsed parsed;
    if (!text.isEmpty() && !text.endsWith('\n'))
        parsed.problems.append(QStringLiteral("does not end in a newline"));
    QByteArray family;
    QList<QByteArray> finished;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
            const QByteArray name = line.mid(7).split(' ').value(0);
            if (name != family) {
                if (finished.contains(name))
                    parsed.problems.append(QStringLiteral("family %1 split").arg(QString::fromUtf8(name)));
                if (!family.isEmpty())
                    finished.append(family);
                family = name;
            }
            continue;
        }
        const auto match = sample.match(QString::fromUtf8(line));
        if (!match.hasMatch()) {
            parsed.problems.append(QStringLiteral("not a sample: %1").arg(QString::fromUtf8(line)));
            continue;
        }
        const QByteArray name = match.captured(1).toUtf8();
        if (name != family && !name.startsWith(family + '_'))
            parsed.problems.append(QStringLiteral("%1 outside its family").arg(QString::fromUtf8(name)));
        const QByteArray series = name + match.captured(2).toUtf8();
        if (parsed.samples.contains(series))
            parsed.problems.append(QStringLiteral("duplicate series %1").arg(QString::fromUtf8(series)));
        bool ok = false;
        const QString number = match.captured(3);
        double value = number.toDouble(&ok);
        if (number == QLatin1String("NaN") || number == QLatin1String("+Inf") || number == QLatin1String("-Inf"))
            ok = true;
        if (!ok)
            parsed.problems.append(QStringLiteral("not a number: %1").arg(QString::fromUtf8(line)));
        parsed.samples.insert(series, value);
        parsed.order.append(series);
    }
    return parsed;
}

// What `promtool check metrics` says of the text (empty: nothing), or nothing when
// promtool is not installed.
inline std::optional<QString> promtoolProblems(const QByteArray &text)
{
    const QString promtool = HostPrograms::find(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        return std::nullopt;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        return QStringLiteral("promtool did not finish");
    const QString output = QString::fromUtf8(process.readAll()).trimmed();
    if (process.exitCode() != 0 && output.isEmpty())
        return QStringLiteral("promtool exit code %1").arg(process.exitCode());
    return output;
}

} // namespace Exposition
