import QtQuick
import Kiosk

// The proofing result: achieved, pending or not achieved, with the reason
// and what the citizen can do next.
JourneyScreen {
    id: screen
    objectName: "resultScreen"
    readonly property string outcome: Session.result.outcome || "pending"
    readonly property string reason: Session.result.reason || ""
    title: outcome === "achieved" ? qsTr("Your identity is verified")
         : outcome === "pending" ? qsTr("Verification pending")
         : qsTr("We could not verify your identity")
    cancelText: qsTr("End")

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width, 1000)
        spacing: Theme.margin / 2

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 140; height: 140; radius: 70
            color: outcome === "achieved" ? "#1e7b4a" : outcome === "pending" ? "#b7791f" : Theme.accent
            KioskText {
                anchors.centerIn: parent
                color: "#ffffff"
                font.pixelSize: 80
                font.bold: true
                text: outcome === "achieved" ? "✓" : outcome === "pending" ? "…" : "!"
            }
        }
        KioskText {
            objectName: "resultLevel"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.bold: true
            text: outcome === "achieved" ? qsTr("Identity assurance level IAL 2.3 achieved.")
                : outcome === "pending" ? qsTr("IAL 2.3 is pending: one check could not be completed yet.")
                : qsTr("IAL 2.3 was not achieved.")
        }
        KioskText {
            objectName: "resultReason"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: text.length > 0
            text: {
                switch (screen.reason) {
                case "face_mismatch": return qsTr("Your face did not match the photo on your card.")
                case "liveness_failed": return qsTr("The camera could not confirm that a live person was present.")
                case "card_revoked": return qsTr("This card is no longer valid.")
                case "backend_unreachable": return qsTr("The verification service cannot be reached right now.")
                case "dopa_check_outstanding": return qsTr("The check with the civil registration is not finished.")
                case "card_mismatch": return qsTr("The printed card does not match the data on its chip.")
                case "evidence_incomplete": return qsTr("Not every check could be completed.")
                case "account_not_raised": return qsTr("Your Digital ID account could not be updated.")
                default: return ""
                }
            }
        }
        KioskText {
            objectName: "resultAdvice"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            color: Theme.mutedText
            text: outcome === "achieved" ? qsTr("You can now use the online services.")
                : outcome === "pending" ? qsTr("You can use the services now; requests are sent once the check is done. You will receive an SMS.")
                : qsTr("Try again, or go to the service counter with your ID card.")
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: (Session.result.reference || "").length > 0
            font.pixelSize: Theme.smallSize
            text: qsTr("Reference: %1").arg(Session.result.reference || "")
        }
    }

    actions: [
        KioskButton {
            objectName: "retryButton"
            visible: screen.outcome === "not_achieved"
            primary: false
            text: qsTr("Try again")
            onClicked: Session.retry()
        },
        KioskButton {
            objectName: "continueButton"
            text: screen.outcome === "not_achieved" ? qsTr("Finish") : qsTr("Continue")
            onClicked: Session.next()
        }
    ]
}
