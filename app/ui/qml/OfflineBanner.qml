import QtQuick
import Kiosk

// Shown while the services cannot be reached: the session goes on and
// requests are kept on the kiosk, each with a tracking reference.
Rectangle {
    objectName: "offlineBanner"
    visible: Session.offline
    height: visible ? bannerText.implicitHeight + 20 : 0
    color: "#b7791f"
    KioskText {
        id: bannerText
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.margin }
        color: "#ffffff"
        font.bold: true
        text: Session.offlineReference.length > 0
              ? qsTr("Offline: your request is saved with tracking reference %1 and will be sent automatically.").arg(Session.offlineReference)
              : qsTr("Offline: some services are unavailable. Requests are saved and sent later.")
    }
}
