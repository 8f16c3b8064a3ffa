import QtQuick
import Kiosk

// Technician sign-in: id and PIN on an on-screen keypad (no keyboard on a
// kiosk). The PIN is never shown, only dots.
Item {
    id: signIn
    objectName: "maintenanceSignIn"
    property string technicianId: ""
    property string pin: ""
    property bool editingPin: false

    function press(key) {
        if (key === "del") {
            if (editingPin) pin = pin.slice(0, -1); else technicianId = technicianId.slice(0, -1)
        } else if (key === "ok") {
            if (!editingPin) { editingPin = true; return }
            Maintenance.signIn(technicianId, pin)
            pin = ""
        } else if (editingPin) {
            if (pin.length < 12) pin += key
        } else if (technicianId.length < 32) {
            technicianId += key
        }
    }

    Column {
        anchors.centerIn: parent
        spacing: 20
        width: 520

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.primary
            text: qsTr("Technician sign-in")
        }

        Repeater {
            model: [
                { label: qsTr("Technician ID"), value: signIn.technicianId, pinField: false },
                { label: qsTr("PIN"), value: "\u2022".repeat(signIn.pin.length), pinField: true }
            ]
            delegate: Rectangle {
                width: parent.width
                height: Theme.buttonHeight
                radius: 8
                color: Theme.surface
                border.color: signIn.editingPin === modelData.pinField ? Theme.primary : Theme.border
                border.width: signIn.editingPin === modelData.pinField ? 4 : 2
                Text {
                    anchors { left: parent.left; leftMargin: 16; verticalCenter: parent.verticalCenter }
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.smallSize
                    color: Theme.mutedText
                    text: modelData.label
                }
                Text {
                    anchors { right: parent.right; rightMargin: 16; verticalCenter: parent.verticalCenter }
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.bodySize
                    color: Theme.text
                    text: modelData.value
                }
                MouseArea { anchors.fill: parent; onClicked: signIn.editingPin = modelData.pinField }
            }
        }

        Text {
            objectName: "signInMessage"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            color: Theme.accent
            text: Maintenance.result === "wrong-credentials"
                  ? qsTr("Wrong ID or PIN. %n attempt(s) left before the lock.", "", Maintenance.attemptsLeft)
                  : Maintenance.result === "locked-out"
                    ? qsTr("Too many failed attempts. Sign-in is locked for %n minute(s).", "",
                           Math.ceil(Maintenance.lockedForS / 60))
                    : Maintenance.result === "unavailable"
                      ? qsTr("Maintenance is not set up on this kiosk.") : ""
        }

        Grid {
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: 12
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
                delegate: KioskButton {
                    width: 150
                    primary: modelData === "ok"
                    text: modelData === "del" ? qsTr("Delete") : modelData === "ok" ? qsTr("OK") : modelData
                    onClicked: signIn.press(modelData)
                }
            }
        }
    }
}
