#pragma once

#include "analysis/TrafficStatistics.h"

#include <QAbstractItemModelTester>

#include <memory>

// What a test of a table model fed by the statistics needs: a clock the test moves, the
// statistics on it, the model, and Qt's model tester watching it (fatal on any breach).
// A test class inherits it and calls makeModel() in init() and resetModel() in cleanup().
template<typename Model>
class StatisticsModelFixture
{
protected:
    void makeModel()
    {
        m_now = 1'700'000'000'000'000;
        m_statistics = std::make_unique<TrafficStatistics>([this] { return m_now; });
        m_model = std::make_unique<Model>(*m_statistics);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    void resetModel()
    {
        m_tester.reset();
        m_model.reset();
        m_statistics.reset();
    }

    QString cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->data(m_model->index(row, column), role).toString();
    }

    qint64 m_now = 0;
    std::unique_ptr<TrafficStatistics> m_statistics;
    std::unique_ptr<Model> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};
