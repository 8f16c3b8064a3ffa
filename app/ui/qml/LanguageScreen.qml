import QtQuick
import Kiosk

// Thai or English. Both names are written in their own script and the title
// in both languages, so everyone can read this screen.
JourneyScreen {
    objectName: "languageScreen"
    title: "เลือกภาษา · Choose your language"

    Row {
        anchors.centerIn: parent
        spacing: Theme.margin * 2
        Repeater {
            model: Shell.languages
            delegate: KioskButton {
                required property string modelData
                objectName: "choose_" + modelData
                implicitWidth: 360
                implicitHeight: 180
                primary: Shell.language === modelData
                text: modelData === "th" ? "ภาษาไทย" : "English"
                onClicked: Session.chooseLanguage(modelData)
            }
        }
    }
}
