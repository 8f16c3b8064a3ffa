import QtQuick
import Kiosk

// A step failed: say what, and offer to try again or end.
JourneyScreen {
    objectName: "errorScreen"
    title: qsTr("Something went wrong")
    cancelText: qsTr("End")
    KioskText {
        anchors.centerIn: parent
        width: Math.min(parent.width, 1000)
        horizontalAlignment: Text.AlignHCenter
        text: {
            switch (Session.errorCode) {
            case "card_unreadable": return qsTr("Your card could not be read. Take it out, check the chip is clean, and insert it again.")
            case "camera_unavailable": return qsTr("The camera is not working. Please use the service counter.")
            default: return qsTr("Please try again. If it happens again, please ask the staff for help.")
            }
        }
    }
    actions: [
        KioskButton {
            objectName: "retryButton"
            text: qsTr("Try again")
            onClicked: Session.retry()
        }
    ]
}
