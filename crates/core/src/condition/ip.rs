//! Addresses and CIDR ranges for `IpAddress` / `NotIpAddress`.
//! Reference: `reference_policies_elements_condition_operators.md`, "IP
//! address condition operators": "standard CIDR format (for example,
//! 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP
//! address without the associated routing prefix, IAM uses the default
//! prefix value of /32" (and /128 for IPv6).
//!
//! Choices where the User Guide is silent:
//! - a policy range with host bits set (`203.0.113.7/24`) is the range its
//!   prefix covers (`203.0.113.0/24`);
//! - an IPv4 range never contains an IPv6 address and the other way round,
//!   except that a request address written IPv4-mapped (`::ffff:203.0.113.7`)
//!   is read as the IPv4 address;
//! - the request value must be a bare address: a prefix or zone there
//!   makes it unreadable.

use std::net::IpAddr;

/// A range of addresses: a network address and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address as written.
    pub address: IpAddr,
    /// The number of leading bits that must match.
    pub prefix: u8,
}

impl Cidr {
    /// Reads `address/prefix` or a bare address; `None` if invalid.
    pub fn parse(text: &str) -> Option<Cidr> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.parse().ok()?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().ok().filter(|&n| n <= max)?
            }
            Some(_) => return None,
        };
        Some(Cidr { address, prefix })
    }

    /// Whether `ip` lies in the range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Reads a request address, IPv4-mapped IPv6 read as IPv4.
pub fn parse_address(text: &str) -> Option<IpAddr> {
    match text.parse().ok()? {
        IpAddr::V6(v6) => Some(match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        }),
        v4 => Some(v4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(range: &str, ip: &str) -> bool {
        Cidr::parse(range)
            .unwrap()
            .contains(parse_address(ip).unwrap())
    }

    // The User Guide's examples: 203.0.113.0/24 and 2001:DB8:1234:5678::/64.
    #[test]
    fn ranges() {
        assert!(within("203.0.113.0/24", "203.0.113.0"));
        assert!(within("203.0.113.0/24", "203.0.113.255"));
        assert!(!within("203.0.113.0/24", "203.0.114.0"));
        assert!(within("203.0.113.7/24", "203.0.113.200"));
        assert!(within(
            "2001:DB8:1234:5678::/64",
            "2001:db8:1234:5678:abcd::1"
        ));
        assert!(!within("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1"));
        assert!(within("0.0.0.0/0", "198.51.100.1"));
        assert!(within("::/0", "2001:db8::1"));
        assert!(!within("::/0", "198.51.100.1"));
        assert!(!within("0.0.0.0/0", "2001:db8::1"));
        assert!(within("203.0.113.0/24", "::ffff:203.0.113.9"));
    }

    // "If you specify an IP address without the associated routing prefix,
    // IAM uses the default prefix value of /32."
    #[test]
    fn bare_addresses() {
        assert!(within("203.0.113.7", "203.0.113.7"));
        assert!(!within("203.0.113.7", "203.0.113.8"));
        assert!(within("2001:db8::1", "2001:DB8::1"));
        assert!(!within("2001:db8::1", "2001:db8::2"));
        assert_eq!(Cidr::parse("2001:db8::1").unwrap().prefix, 128);
    }

    #[test]
    fn rejects_invalid() {
        for text in [
            "",
            "203.0.113.0/",
            "203.0.113.0/33",
            "2001:db8::/129",
            "203.0.113/24",
            "203.0.113.0/+8",
            "203.0.113.0/ 8",
            "300.0.0.1",
            "example.com",
            "203.0.113.0/24/1",
        ] {
            assert_eq!(Cidr::parse(text), None, "`{text}`");
        }
        assert_eq!(parse_address("203.0.113.0/24"), None);
        assert_eq!(parse_address("fe80::1%eth0"), None);
    }
}
