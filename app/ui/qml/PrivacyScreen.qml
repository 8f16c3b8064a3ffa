import QtQuick
import Kiosk

// The privacy notice (PDPA). Nothing is read from the card before the
// citizen agrees; the notice's version is recorded with the answer.
JourneyScreen {
    objectName: "privacyScreen"
    title: qsTr("Privacy notice")

    Rectangle {
        anchors.fill: parent
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
        Flickable {
            id: flick
            anchors { fill: parent; margins: Theme.margin }
            contentHeight: notice.implicitHeight
            clip: true
            Column {
                id: notice
                width: flick.width
                spacing: Theme.margin / 2
                KioskText {
                    width: parent.width
                    text: qsTr("To verify your identity this kiosk reads your national ID card, takes pictures of both sides of it and of your face, and compares them with the records of the Department of Provincial Administration.")
                }
                KioskText {
                    width: parent.width
                    text: qsTr("Your data stays in this kiosk only while you use it and is erased when you take your card or leave. Requests that cannot be sent now are kept encrypted until they are delivered.")
                }
                KioskText {
                    width: parent.width
                    text: qsTr("You may decline. You can then use the services at the counter instead.")
                }
                KioskText {
                    objectName: "noticeVersion"
                    width: parent.width
                    font.pixelSize: Theme.smallSize
                    color: Theme.mutedText
                    text: qsTr("Notice version %1").arg(Session.consentVersion)
                }
            }
        }
        ScrollHint { target: flick }
    }

    actions: [
        KioskButton {
            objectName: "declineButton"
            primary: false
            text: qsTr("I do not agree")
            onClicked: Session.declineConsent()
        },
        KioskButton {
            objectName: "acceptButton"
            text: qsTr("I agree")
            onClicked: Session.acceptConsent()
        }
    ]
}
