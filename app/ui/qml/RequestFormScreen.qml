import QtQuick
import Kiosk

// A request form rendered from the portal's form schema. Fields the chip
// already knows are filled in and marked; the citizen only checks them.
ServiceScreen {
    id: screen
    objectName: "requestFormScreen"

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: form.implicitHeight
        clip: true
        Column {
            id: form
            width: flick.width
            spacing: 10
            Repeater {
                model: Session.service.fields || []
                delegate: Row {
                    id: fieldRow
                    required property var modelData
                    spacing: Theme.margin / 2
                    width: form.width
                    KioskText {
                        width: 360
                        anchors.verticalCenter: parent.verticalCenter
                        font.bold: true
                        text: (Shell.language === "th" ? modelData.labelTh : modelData.labelEn) + (modelData.required ? " *" : "")
                    }
                    Loader {
                        width: fieldRow.width - 380
                        sourceComponent: modelData.type === "select" ? choice : input
                        property var field: fieldRow.modelData
                    }
                }
            }
            KioskText {
                width: parent.width
                color: Theme.accent
                visible: Session.service.error === "required_missing"
                text: qsTr("Please fill in every field marked *.")
            }
        }
    }
    ScrollHint { target: flick }

    Component {
        id: input
        Rectangle {
            height: Theme.buttonHeight
            radius: 8
            color: parent.field.prefilled ? Theme.background : Theme.surface
            border.color: textInput.activeFocus ? Theme.primary : Theme.border
            border.width: textInput.activeFocus ? 3 : 2
            TextInput {
                id: textInput
                objectName: "field_" + parent.parent.field.id
                anchors { fill: parent; leftMargin: 16; rightMargin: 140 }
                verticalAlignment: TextInput.AlignVCenter
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                color: Theme.text
                clip: true
                readOnly: parent.parent.field.prefilled
                text: parent.parent.field.value
                inputMethodHints: parent.parent.field.type === "phone" ? Qt.ImhDialableCharactersOnly : Qt.ImhNone
                onTextEdited: Session.setField(parent.parent.field.id, text)
            }
            KioskText {
                anchors { right: parent.right; rightMargin: 12; verticalCenter: parent.verticalCenter }
                visible: parent.parent.field.prefilled
                font.pixelSize: Theme.smallSize
                color: Theme.mutedText
                text: qsTr("from card")
            }
        }
    }
    Component {
        id: choice
        Row {
            id: choiceRow
            spacing: 8
            property string chosen: ""
            Repeater {
                model: parent.parent.field.options
                delegate: KioskButton {
                    required property string modelData
                    implicitWidth: 240
                    implicitHeight: Theme.minTouch + 8
                    primary: choiceRow.chosen === modelData
                    text: modelData
                    onClicked: { choiceRow.chosen = modelData; Session.setField(choiceRow.parent.field.id, modelData) }
                }
            }
        }
    }

    serviceActions: [
        KioskButton {
            objectName: "submitButton"
            text: qsTr("Send request")
            onClicked: Session.submit()
        }
    ]
}
