import QtQuick
import Kiosk

// Entitlement check, e.g. which health coverage the citizen has.
ServiceScreen {
    objectName: "entitlementScreen"
    readonly property var s: Session.service

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width, 900)
        spacing: Theme.margin / 2
        BusyIndicator { anchors.horizontalCenter: parent.horizontalCenter; visible: s.loading === true }
        KioskText {
            objectName: "entitlementStatus"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.headingSize
            font.bold: true
            visible: s.loading === false
            text: (s.error || "").length > 0 ? qsTr("The check is not available offline. Please try again later.")
                : s.covered ? qsTr("You are covered") : qsTr("No coverage found")
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: s.covered === true
            text: {
                switch (s.scheme) {
                case "ucs": return qsTr("Universal Coverage Scheme (gold card)")
                case "sss": return qsTr("Social Security Scheme")
                case "csmbs": return qsTr("Civil Servant Medical Benefit Scheme")
                default: return ""
                }
            }
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: s.covered === true
            text: qsTr("Registered hospital: %1").arg(s.hospital || "")
        }
        KioskText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            visible: s.covered === true && s.validUntil !== undefined
            text: qsTr("Valid until %1").arg(s.validUntil ? Session.formatDay(s.validUntil) : "")
        }
    }
}
