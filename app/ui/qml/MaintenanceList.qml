import QtQuick
import Kiosk

// One maintenance list (status, self-test results, logs, outbox, history):
// a title, a value and a coloured state mark per row.
ListView {
    id: list
    clip: true
    spacing: 8
    property string emptyText: qsTr("Nothing to show.")
    // Share of a row's width for the title (narrow for the logs' times).
    property real titleShare: 0.35
    // Names of the parts the kiosk reports, in the reader's language.
    readonly property var names: ({
        "Card reader": qsTr("Card reader"), "Camera": qsTr("Camera"), "Printer": qsTr("Printer"),
        "Network": qsTr("Network"), "Disk": qsTr("Disk"), "Backend": qsTr("Backend"),
        "Waiting": qsTr("Waiting"), "Oldest": qsTr("Oldest"), "card": qsTr("Test card"),
        "Next attempt": qsTr("Next attempt"), "Failed for good": qsTr("Failed for good"),
        "Delivered": qsTr("Delivered"), "Storage": qsTr("Storage"), "Delivery": qsTr("Delivery"),
        "Outbox": qsTr("Outbox"),
        "camera": qsTr("Camera and face"), "printer": qsTr("Test receipt")
    })

    delegate: Rectangle {
        width: ListView.view.width
        height: Math.max(Theme.minTouch, row.implicitHeight + 16)
        radius: 8
        color: Theme.surface
        border.color: Theme.border
        Row {
            id: row
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 16 }
            spacing: 16
            Rectangle {
                width: 16; height: 16; radius: 8
                anchors.verticalCenter: parent.verticalCenter
                color: model.state === "ok" ? "#2f855a" : model.state === "warning" ? "#b7791f"
                     : model.state === "error" ? Theme.accent : Theme.border
                Accessible.name: model.state
            }
            Text {
                id: titleText
                width: parent.width * list.titleShare
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
                text: list.names[model.title] !== undefined ? list.names[model.title] : model.title
            }
            Text {
                width: parent.width - 16 - titleText.width - 2 * row.spacing
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                color: Theme.mutedText
                wrapMode: Text.Wrap
                text: model.value
            }
        }
    }

    Text {
        visible: list.count === 0
        anchors.centerIn: parent
        font.family: Theme.fontFamily
        font.pixelSize: Theme.smallSize
        color: Theme.mutedText
        text: list.emptyText
    }
}
