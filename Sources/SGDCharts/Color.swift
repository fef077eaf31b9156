/// An sRGB colour with straight (not premultiplied) alpha, components in 0...1.
package struct Color: Sendable, Hashable {
    package var red: Double
    package var green: Double
    package var blue: Double
    package var alpha: Double

    package init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// `Color(hex: 0x0072B2)`.
    package init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255,
                  alpha: alpha)
    }

    /// A grey: 0 is black, 1 white.
    package init(grey: Double, alpha: Double = 1) {
        self.init(red: grey, green: grey, blue: grey, alpha: alpha)
    }

    package func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// This colour moved `fraction` of the way towards `other` (alpha kept).
    package func mixed(with other: Color, fraction: Double) -> Color {
        Color(red: red + (other.red - red) * fraction,
              green: green + (other.green - green) * fraction,
              blue: blue + (other.blue - blue) * fraction,
              alpha: alpha)
    }

    /// `#rrggbb`, for recordings and messages.
    package var hexString: String {
        func byte(_ c: Double) -> String {
            let v = Int((Swift.min(Swift.max(c, 0), 1) * 255).rounded())
            let digits = Array("0123456789abcdef")
            return String([digits[v >> 4], digits[v & 15]])
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    package static let white = Color(grey: 1)
    package static let black = Color(grey: 0)
}

/// Colours for series.
package enum Palette {
    /// Okabe & Ito's colour-blind-safe palette, ordered so that the first few series contrast
    /// most (blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow).
    /// Yellow comes last: on white it is the hardest to see.
    package static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xCC79A7),
        Color(hex: 0xE69F00), Color(hex: 0x56B4E9), Color(hex: 0x000000), Color(hex: 0xF0E442),
    ]
}
