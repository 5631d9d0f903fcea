#include "premieredateedit.h"

#include "movie.h"

#include <QKeyEvent>

namespace Marquee {

PremiereDateEdit::PremiereDateEdit(QWidget *parent) : QDateEdit(parent)
{
    setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    setCalendarPopup(true);
    // The server accepts the same range.
    setDateRange(QDate(Movie::MinYear, 1, 1), QDate(Movie::MaxYear, 12, 31));
}

void PremiereDateEdit::keyPressEvent(QKeyEvent *event)
{
    const bool separator = event->text() == QLatin1String("-");
    if (separator && !m_typedInSection) {
        event->accept();
        return;
    }

    const int sectionBefore = currentSectionIndex();
    QDateEdit::keyPressEvent(event);
    const bool moved = currentSectionIndex() != sectionBefore;

    const bool digit = event->text().size() == 1 && event->text().front().isDigit();
    if (moved)
        m_typedInSection = false;
    else if (digit)
        m_typedInSection = true;
}

void PremiereDateEdit::focusInEvent(QFocusEvent *event)
{
    m_typedInSection = false;
    QDateEdit::focusInEvent(event);
}

} // namespace Marquee
