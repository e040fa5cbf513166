/// Integer division rounding towards negative infinity (`-1 / 12` is `-1`, not `0`).
@inlinable
func floorDivide<T: BinaryInteger>(_ a: T, _ b: T) -> T {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

/// The remainder that goes with `floorDivide`: always in `0..<b` for positive `b`.
@inlinable
func floorModulo<T: BinaryInteger>(_ a: T, _ b: T) -> T {
    a - floorDivide(a, b) * b
}
