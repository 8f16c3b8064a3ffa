import QtQuick
import Kiosk

// A free-text complaint, typed on the virtual keyboard (Thai or English layout).
ServiceScreen {
    objectName: "complaintScreen"

    Column {
        anchors.fill: parent
        spacing: Theme.margin / 2
        KioskText {
            width: parent.width
            text: qsTr("Tell us what happened. Your name and card number are attached automatically.")
        }
        Rectangle {
            width: parent.width
            height: Math.max(Theme.buttonHeight * 2, parent.height - 200)
            radius: 8
            color: Theme.surface
            border.color: edit.activeFocus ? Theme.primary : Theme.border
            border.width: edit.activeFocus ? 3 : 2
            TextEdit {
                id: edit
                objectName: "complaintText"
                anchors { fill: parent; margins: 16 }
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                color: Theme.text
                wrapMode: TextEdit.Wrap
                onTextChanged: Session.setField("complaint", text)
            }
            KioskText {
                anchors { left: parent.left; top: parent.top; margins: 16 }
                visible: edit.text.length === 0 && !edit.activeFocus
                color: Theme.mutedText
                text: qsTr("Touch here to type")
            }
        }
        KioskText {
            width: parent.width
            color: Theme.accent
            visible: Session.service.error === "required_missing"
            text: qsTr("Please describe your complaint first.")
        }
    }

    serviceActions: [
        KioskButton {
            objectName: "submitButton"
            text: qsTr("Send complaint")
            onClicked: Session.submit()
        }
    ]
}
