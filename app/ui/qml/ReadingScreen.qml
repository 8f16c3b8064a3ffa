import QtQuick
import Kiosk

// The chip read, step by step, so a slow card never looks like a frozen kiosk.
JourneyScreen {
    objectName: "readingScreen"
    title: qsTr("Reading your card")
    subtitle: qsTr("Please do not remove your card.")
    showCancel: false

    readonly property int step: Session.progress.step || 0
    readonly property int steps: Session.progress.steps || 4

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width, 900)
        spacing: Theme.margin / 2

        Repeater {
            model: [
                { id: "applet", label: qsTr("Connecting to the card") },
                { id: "identity", label: qsTr("Name and identification number") },
                { id: "address", label: qsTr("Address") },
                { id: "photo", label: qsTr("Photograph") }
            ]
            delegate: Row {
                required property var modelData
                required property int index
                spacing: Theme.margin / 2
                Rectangle {
                    width: Theme.minTouch; height: Theme.minTouch; radius: width / 2
                    color: index < step ? Theme.primary : Theme.surface
                    border.color: Theme.primary; border.width: 3
                    KioskText {
                        anchors.centerIn: parent
                        color: index < step ? Theme.primaryText : Theme.primary
                        text: index < step ? "✓" : (index + 1)
                    }
                }
                KioskText {
                    anchors.verticalCenter: parent.verticalCenter
                    font.bold: index === step
                    text: modelData.label
                }
            }
        }

        ProgressBar {
            objectName: "readProgress"
            width: parent.width
            value: step / Math.max(1, steps)
        }
    }
}
