import QtQuick
import Kiosk

// Binds the verified identity to the citizen's Digital ID account with a
// one-time code sent to the phone number registered there.
JourneyScreen {
    id: screen
    objectName: "bindingScreen"
    title: qsTr("Link your Digital ID account")
    subtitle: qsTr("Enter the 6-digit code we sent to %1.").arg(Session.binding.destination || "")
    property string code: ""

    Row {
        anchors.centerIn: parent
        spacing: Theme.margin * 2
        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.margin / 2
            Row {
                objectName: "codeBoxes"
                spacing: 10
                Repeater {
                    model: 6
                    delegate: Rectangle {
                        required property int index
                        width: 64; height: 80; radius: 10
                        color: Theme.surface
                        border.width: 3
                        border.color: index === screen.code.length ? Theme.accent : Theme.primary
                        KioskText {
                            anchors.centerIn: parent
                            font.pixelSize: Theme.headingSize
                            text: index < screen.code.length ? screen.code[index] : ""
                        }
                    }
                }
            }
            KioskText {
                objectName: "codeError"
                width: 450
                color: Theme.accent
                visible: (Session.binding.error || "") === "wrong_code"
                text: qsTr("That code is not right. Please try again.")
            }
        }
        NumericKeypad {
            objectName: "keypad"
            onDigit: (d) => { if (screen.code.length < 6) screen.code += d }
            onErase: screen.code = screen.code.slice(0, -1)
            onConfirm: { Session.submitCode(screen.code); screen.code = "" }
        }
    }

    actions: [
        KioskButton {
            objectName: "skipButton"
            primary: false
            text: qsTr("Not now")
            onClicked: Session.skip()
        }
    ]
}
