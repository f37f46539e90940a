// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDrag>

#include <functional>

namespace branchline {

// How the designer's drags (a widget type from the palette, a field from the field list)
// are carried out: QDrag::exec() unless a runner is set. The offscreen platform of the GUI
// tests carries no drag at all, so a test sets a runner that delivers the drag's own data
// with real drag-enter, drag-move and drop events. An empty runner restores exec().
class DragHook
{
public:
    using Runner = std::function<Qt::DropAction(QDrag *drag)>;
    static void setRunner(Runner runner) { runner_() = std::move(runner); }
    static Qt::DropAction run(QDrag *drag)
    {
        if (runner_()) {
            const Qt::DropAction done = runner_()(drag);
            drag->deleteLater();
            return done;
        }
        return drag->exec(Qt::CopyAction, Qt::CopyAction);
    }

private:
    static Runner &runner_()
    {
        static Runner runner;
        return runner;
    }
};

} // namespace branchline
