import QtQuick
import Kiosk

// A simple drawing of an ID card with its chip, used for guidance.
Rectangle {
    id: card
    height: width * 54 / 85.6  // ID-1 proportions
    radius: width * 0.05
    color: Theme.contrast ? Theme.background : "#dfe8f5"
    border.color: Theme.primary
    border.width: 4
    Accessible.ignored: true

    Rectangle {  // photo
        x: parent.width * 0.68; y: parent.height * 0.28
        width: parent.width * 0.24; height: parent.height * 0.58
        radius: 6
        color: Theme.contrast ? Theme.background : "#b8c7dd"
        border.color: Theme.primary
        border.width: 2
    }
    Rectangle {  // chip
        x: parent.width * 0.1; y: parent.height * 0.35
        width: parent.width * 0.16; height: parent.height * 0.26
        radius: 6
        color: "#d4a537"
    }
    Repeater {  // printed lines
        model: 3
        Rectangle {
            required property int index
            x: parent.width * 0.1
            y: parent.height * (0.7 + 0.08 * index)
            width: parent.width * (0.5 - 0.08 * index)
            height: parent.height * 0.04
            radius: 3
            color: Theme.primary
            opacity: 0.5
        }
    }
}
