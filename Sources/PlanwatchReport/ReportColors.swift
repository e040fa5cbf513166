/// The report's colours: one palette that stays apart for readers with red–green colour blindness
/// (blue for on time, orange for late, red for missed, grey for open), and a heat scale from red
/// (0 % on time) through yellow to blue (100 %).
enum ReportColors {
    static let onTime = "#2c7bb6"
    static let late = "#f28e2b"
    static let missed = "#c0392b"
    static let open = "#cfd4da"
    static let warning = "#e08214"
    static let critical = "#b2182b"
    static let line = "#1f4e79"

    /// The heat colour of an on-time rate (0…1), and whether text on it should be white.
    static func heat(_ rate: Double) -> (fill: String, darkText: Bool) {
        let stops: [(Double, (Double, Double, Double))] = [
            (0, (215, 48, 39)), (0.5, (254, 224, 144)), (0.75, (171, 217, 233)), (1, (44, 123, 182)),
        ]
        let value = min(max(rate, 0), 1)
        var index = 0
        while index < stops.count - 2 && value > stops[index + 1].0 { index += 1 }
        let (low, high) = (stops[index], stops[index + 1])
        let t = (value - low.0) / (high.0 - low.0)
        let r = low.1.0 + (high.1.0 - low.1.0) * t, g = low.1.1 + (high.1.1 - low.1.1) * t, b = low.1.2 + (high.1.2 - low.1.2) * t
        // Relative luminance (sRGB approximated): white text on dark fills.
        let luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
        return (hex(r, g, b), luminance > 0.5)
    }

    private static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for component in [r, g, b] {
            let value = Int(component.rounded())
            text.append(digits[value / 16])
            text.append(digits[value % 16])
        }
        return text
    }
}
