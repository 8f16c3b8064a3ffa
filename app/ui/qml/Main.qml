import QtQuick
import QtQuick.Window
import Kiosk

Window {
    id: window
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    visibility: Shell.fullscreen ? Window.FullScreen : Window.Windowed
    color: Theme.background
    title: qsTr("Smart Kiosk")

    // Header: who runs the kiosk and the language choice, on every screen.
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 112
        color: Theme.primary

        Text {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            font.family: Theme.fontFamily
            font.pixelSize: Theme.headingSize * 0.8
            font.bold: true
            color: Theme.primaryText
            text: qsTr("Smart Kiosk")
        }
        Row {
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            spacing: Theme.margin
            AccessibilityBar { visible: Session.screen !== "attract" }
            LanguageSwitch {}
        }
    }

    OfflineBanner {
        id: offlineBanner
        anchors { left: parent.left; right: parent.right; top: header.bottom }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors { left: parent.left; right: parent.right; top: offlineBanner.bottom; bottom: footer.top }
        // One file per state of the session state machine (app/core).
        readonly property var screens: ({
            "attract": "AttractScreen.qml",
            "language": "LanguageScreen.qml",
            "privacy": "PrivacyScreen.qml",
            "insert_card": "InsertCardScreen.qml",
            "reading": "ReadingScreen.qml",
            "card_image": "CardImageScreen.qml",
            "face_capture": "FaceCaptureScreen.qml",
            "liveness": "LivenessScreen.qml",
            "verifying": "VerifyingScreen.qml",
            "result": "ResultScreen.qml",
            "binding": "BindingScreen.qml",
            "services": "ServicesHomeScreen.qml",
            "entitlement": "EntitlementScreen.qml",
            "queue_booking": "QueueBookingScreen.qml",
            "request_form": "RequestFormScreen.qml",
            "complaint": "ComplaintScreen.qml",
            "payment": "PaymentScreen.qml",
            "status_tracking": "StatusScreen.qml",
            "submitted": "SubmittedScreen.qml",
            "error": "ErrorScreen.qml",
            "ending": "EndingScreen.qml"
        })
        source: screens[Session.screen] || "AttractScreen.qml"
    }

    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 48
        color: Theme.surface
        border.color: Theme.border
        Text {
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            color: Theme.mutedText
            text: qsTr("Kiosk %1 · version %2").arg(Shell.kioskId).arg(Shell.version)
        }
    }

    Loader {
        objectName: "keyboardLoader"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: item ? item.height : 0
        active: Shell.virtualKeyboard
        source: "KeyboardPanel.qml"
    }

    IdleOverlay { anchors.fill: parent }

    // Technician maintenance menu, over everything (entry: AttractScreen's corner).
    Loader {
        objectName: "maintenanceLoader"
        anchors.fill: parent
        z: 100
        active: Maintenance.active
        source: "MaintenanceScreen.qml"
    }
}
