import QtQuick
import Kiosk

// Confirmation of a request: sent, or kept on the kiosk with a tracking
// reference while the portal is unreachable; the receipt is printed.
JourneyScreen {
    objectName: "submittedScreen"
    readonly property var r: Session.receipt
    title: r.sending ? qsTr("Sending…") : r.queued ? qsTr("Request saved") : qsTr("Request sent")
    showCancel: false

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width, 1000)
        spacing: Theme.margin / 2
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: r.queued === true
            text: qsTr("The service is offline. Your request is stored securely on this kiosk and will be sent automatically.")
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: r.queued ? qsTr("Tracking reference") : qsTr("Reference")
        }
        KioskText {
            objectName: "receiptReference"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.primary
            text: r.reference || ""
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: r.sending !== true
            color: r.printed ? Theme.text : Theme.accent
            text: r.printed ? qsTr("Please take your receipt.") : qsTr("The receipt could not be printed. Please note the reference.")
        }
    }

    actions: [
        KioskButton {
            objectName: "moreButton"
            primary: false
            text: qsTr("Other services")
            onClicked: Session.back()
        },
        KioskButton {
            objectName: "finishButton"
            text: qsTr("Finish")
            onClicked: Session.finish()
        }
    ]
}
