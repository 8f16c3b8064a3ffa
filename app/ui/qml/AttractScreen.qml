import QtQuick
import Kiosk

// What a passer-by sees: what the kiosk is for and how to begin.
Rectangle {
    id: screen
    objectName: "attractScreen"
    color: Theme.background

    MouseArea {
        anchors.fill: parent
        onClicked: Shell.start()
    }

    Column {
        anchors.centerIn: parent
        width: parent.width - 4 * Theme.margin
        spacing: Theme.margin

        IdCardGlyph {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(360, screen.width * 0.3)
        }

        Text {
            objectName: "attractTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.primary
            text: qsTr("Government Services Kiosk")
        }

        Text {
            objectName: "attractSubtitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            color: Theme.text
            text: qsTr("Prove who you are with your national ID card and use public services in one place.")
        }

        KioskButton {
            id: startButton
            objectName: "startButton"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.max(420, implicitWidth)
            text: qsTr("Touch the screen to start")
            onClicked: Shell.start()

            SequentialAnimation on scale {
                loops: Animation.Infinite
                running: screen.visible
                NumberAnimation { to: 1.04; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 900; easing.type: Easing.InOutQuad }
            }
        }
    }

    // Hidden technician entry: hold the top-right corner for three seconds.
    MouseArea {
        objectName: "maintenanceCorner"
        anchors { top: parent.top; right: parent.right }
        width: 120
        height: 120
        pressAndHoldInterval: 3000
        onPressAndHold: Maintenance.enter()
    }
}
