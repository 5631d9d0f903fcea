#pragma once

#include <QDateEdit>

namespace Marquee {

// A QDateEdit in ISO format (yyyy-MM-dd) that takes dates typed with their dashes.
// QDateEdit moves to the next section by itself once a section is complete, such as after
// four year digits. It then treats the typed "-" as a request to move once more, so
// "2023-07-21" would become 2023-01-07. This editor drops a "-" that follows such an
// automatic move.
class PremiereDateEdit : public QDateEdit
{
    Q_OBJECT

public:
    explicit PremiereDateEdit(QWidget *parent = nullptr);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    // Whether a digit went into the current section since the cursor entered it.
    bool m_typedInSection = false;
};

} // namespace Marquee
