import QtQuick
import Kiosk

// A spinning ring: the kiosk is working.
Item {
    width: 120; height: 120
    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: "transparent"
        border.width: 12
        border.color: Theme.border
    }
    Rectangle {
        width: 24; height: 24; radius: 12
        color: Theme.primary
        x: parent.width / 2 - 12 + (parent.width / 2 - 6) * Math.cos(angle)
        y: parent.height / 2 - 12 + (parent.height / 2 - 6) * Math.sin(angle)
        property real angle: 0
        NumberAnimation on angle { from: 0; to: 2 * Math.PI; duration: 1200; loops: Animation.Infinite }
    }
}
