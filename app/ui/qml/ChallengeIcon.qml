import QtQuick
import Kiosk

// A drawn icon for a liveness challenge (no emoji font needed): an eye for
// blink, an arrow for a head turn, a smiling mouth for smile.
Canvas {
    id: icon
    property string challenge
    width: 200; height: 200
    onChallengeChanged: requestPaint()
    Connections { target: Theme; function onPrimaryChanged() { icon.requestPaint() } }
    onPaint: {
        var ctx = getContext("2d")
        ctx.reset()
        ctx.lineWidth = 12
        ctx.lineCap = "round"
        ctx.strokeStyle = Theme.primary
        ctx.fillStyle = Theme.primary
        var w = width, h = height
        ctx.beginPath()
        ctx.arc(w / 2, h / 2, w / 2 - 8, 0, 2 * Math.PI)
        ctx.stroke()
        ctx.beginPath()
        if (challenge === "blink") {
            ctx.moveTo(w * 0.22, h * 0.5)
            ctx.quadraticCurveTo(w * 0.5, h * 0.22, w * 0.78, h * 0.5)
            ctx.quadraticCurveTo(w * 0.5, h * 0.78, w * 0.22, h * 0.5)
            ctx.stroke()
            ctx.beginPath()
            ctx.arc(w / 2, h / 2, w * 0.09, 0, 2 * Math.PI)
            ctx.fill()
        } else if (challenge === "turn_left" || challenge === "turn_right") {
            var dir = challenge === "turn_left" ? -1 : 1
            ctx.moveTo(w / 2 - dir * w * 0.25, h / 2)
            ctx.lineTo(w / 2 + dir * w * 0.25, h / 2)
            ctx.moveTo(w / 2 + dir * w * 0.25, h / 2)
            ctx.lineTo(w / 2 + dir * w * 0.08, h * 0.32)
            ctx.moveTo(w / 2 + dir * w * 0.25, h / 2)
            ctx.lineTo(w / 2 + dir * w * 0.08, h * 0.68)
            ctx.stroke()
        } else if (challenge === "smile") {
            ctx.arc(w / 2, h * 0.45, w * 0.25, 0.15 * Math.PI, 0.85 * Math.PI)
            ctx.stroke()
            ctx.beginPath()
            ctx.arc(w * 0.38, h * 0.38, w * 0.04, 0, 2 * Math.PI)
            ctx.arc(w * 0.62, h * 0.38, w * 0.04, 0, 2 * Math.PI)
            ctx.fill()
        }
    }
}
