import QtQuick
import Kiosk

// Payment by PromptPay: the portal's EMVCo QR payload, drawn as a QR code
// for the citizen's banking app.
ServiceScreen {
    objectName: "paymentScreen"
    readonly property var s: Session.service

    Row {
        anchors.centerIn: parent
        spacing: Theme.margin * 2
        Rectangle {
            width: 380; height: 380
            color: "#ffffff"
            radius: 8
            Image {
                objectName: "qrImage"
                anchors { fill: parent; margins: 10 }
                fillMode: Image.PreserveAspectFit
                smooth: false
                source: (s.qr || "").length > 0 ? "image://journey/qr/" + encodeURIComponent(s.qr) : ""
            }
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            width: 560
            spacing: Theme.margin / 2
            KioskText {
                width: parent.width
                text: Shell.language === "th" ? (s.descriptionTh || "") : (s.descriptionEn || "")
            }
            KioskText {
                objectName: "amount"
                width: parent.width
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.primary
                text: qsTr("%1 baht").arg(s.amount || "")
            }
            KioskText {
                width: parent.width
                text: qsTr("Scan the QR code with your banking app (PromptPay), then touch “I have paid”.")
            }
            KioskText {
                width: parent.width
                font.pixelSize: Theme.smallSize
                color: Theme.mutedText
                text: qsTr("Reference: %1").arg(s.reference || "")
            }
        }
    }

    serviceActions: [
        KioskButton {
            objectName: "submitButton"
            text: qsTr("I have paid")
            onClicked: Session.submit()
        }
    ]
}
