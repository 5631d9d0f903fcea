#include "feedmodel.h"

#include <QFont>

namespace Marquee {

void FeedModel::addEntry(const Entry &entry)
{
    if (m_entries.size() >= MaximumRows) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows(QModelIndex(), last, last);
        m_entries.removeLast();
        endRemoveRows();
    }

    beginInsertRows(QModelIndex(), 0, 0);
    m_entries.prepend(entry);
    endInsertRows();
}

void FeedModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int FeedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int FeedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FeedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();

    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.received.toString(QStringLiteral("HH:mm:ss.zzz"));
        case IndexColumn:
            return entry.index;
        case MessageColumn:
            return entry.replayed ? tr("[replay] %1").arg(entry.message) : entry.message;
        }
        break;
    case Qt::ToolTipRole:
        // The full sentence, which a narrow column cuts off.
        if (entry.replayed)
            return tr("%1\nDelivered by a restartToken replay of a change made while this "
                      "client was away").arg(entry.message);
        return entry.message;
    case Qt::FontRole:
        if (entry.replayed) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    }
    return QVariant();
}

QVariant FeedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case TimeColumn:
        return tr("Received");
    case IndexColumn:
        return tr("Index");
    case MessageColumn:
        return tr("Change");
    }
    return QVariant();
}

} // namespace Marquee
