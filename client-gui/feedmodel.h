#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Marquee {

// The live feed: one row per event a subscription delivered, newest first, with the time
// it arrived, the index of its nmsEventList, and whether a restartToken replay brought it.
class FeedModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, IndexColumn, MessageColumn, ColumnCount };
    // Rows kept; the oldest go first.
    static constexpr int MaximumRows = 2000;

    struct Entry
    {
        QDateTime received;
        qint64 index = 0;
        QString message;
        bool replayed = false;
    };

    using QAbstractTableModel::QAbstractTableModel;

    void addEntry(const Entry &entry);
    void clear();
    // Row 0 is the newest.
    const Entry &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};

} // namespace Marquee
