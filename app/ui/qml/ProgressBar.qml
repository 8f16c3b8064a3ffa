import QtQuick
import Kiosk

// A thick, high-contrast progress bar (0..1).
Rectangle {
    id: bar
    property real value: 0
    height: 24
    radius: 12
    color: Theme.surface
    border.color: Theme.border
    border.width: 2
    Accessible.role: Accessible.ProgressBar
    Rectangle {
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 3 }
        width: Math.max(0, (parent.width - 6) * Math.min(1, bar.value))
        radius: 9
        color: Theme.primary
        Behavior on width { NumberAnimation { duration: 200 } }
    }
}
