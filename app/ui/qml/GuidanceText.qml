import QtQuick
import Kiosk

// Turns a guidance code from the OCR or face-quality step into words.
KioskText {
    property string code
    horizontalAlignment: Text.AlignHCenter
    font.pixelSize: Theme.headingSize * 0.8
    font.bold: true
    color: code === "good" ? Theme.primary : Theme.text
    text: {
        switch (code) {
        case "searching": return qsTr("Looking…")
        case "too_far": return qsTr("Come a little closer")
        case "too_close": return qsTr("Move back a little")
        case "move_left": return qsTr("Move a little to the left")
        case "move_right": return qsTr("Move a little to the right")
        case "hold_still": return qsTr("Hold still")
        case "glare": return qsTr("Tilt slightly to avoid reflections")
        case "blur": return qsTr("Hold still, the picture is blurred")
        case "too_dark": return qsTr("It is too dark")
        case "look_at_camera": return qsTr("Look straight at the camera")
        case "good": return qsTr("Good, hold on…")
        case "wrong_side": return qsTr("Turn the card over")
        case "wrong_document": return qsTr("This is not a Thai national ID card")
        case "hold_flat": return qsTr("Hold the card flat, facing the camera")
        case "one_person": return qsTr("Only one person in front of the camera, please")
        default: return ""
        }
    }
}
