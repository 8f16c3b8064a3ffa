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
            case "card_removed": return qsTr("The card was taken out while it was being read. Insert it again and leave it in.")
            case "card_not_thai_id": return qsTr("This card is not a Thai national ID card.")
            case "reader_unavailable": return qsTr("The card reader is not working. Please use the service counter.")
            case "card_front_timeout": return qsTr("The front of your card could not be read. Hold the front of the card, with your photo, up to the camera and try again.")
            case "card_image_timeout": return qsTr("The number on the back of your card could not be read. Hold the back of the card up to the camera and try again.")
            case "face_not_found": return qsTr("Your face could not be seen clearly. Look straight at the camera and try again.")
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
