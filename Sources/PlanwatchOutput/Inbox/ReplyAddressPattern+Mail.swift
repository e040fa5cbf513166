public import PlanwatchCore

extension ReplyAddressPattern {
    /// The token a reply was delivered for: the first address that fits the pattern among
    /// `Delivered-To` (Postfix writes the envelope recipient there), then `X-Original-To`, then
    /// `To`, then `Cc`, each in header order. `nil` when none fits.
    public func token(in mail: IncomingMail) -> String? {
        for address in mail.deliveredTo + mail.originalTo + mail.to.map(\.address) + mail.cc.map(\.address) {
            if let token = token(in: address) { return token }
        }
        return nil
    }
}
