//! Client addresses: who is calling, through trusted reverse proxies only, and the network
//! an address is counted by (IPv4 alone, IPv6 by its /64).
use std::net::{IpAddr, Ipv6Addr};

/// An address range, `10.0.0.0/8` or `2001:db8::/32`; a bare address is a range of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

fn bits(ip: IpAddr) -> (u128, u8) {
    match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => (u128::from(u32::from(v4)), 32),
            None => (u128::from(v6), 128),
        },
    }
}

impl Network {
    pub fn parse(s: &str) -> Result<Network, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let base: IpAddr = addr.parse().map_err(|_| format!("`{s}` is not an address or a range"))?;
        let width = bits(base).1;
        let prefix = match prefix {
            Some(p) => {
                p.parse::<u8>().ok().filter(|p| *p <= width).ok_or_else(|| format!("`{s}`: bad prefix length"))?
            }
            None => width,
        };
        Ok(Network { base, prefix })
    }

    /// A comma- or space-separated list.
    pub fn parse_list(s: &str) -> Result<Vec<Network>, String> {
        s.split([',', ' ']).filter(|p| !p.trim().is_empty()).map(Network::parse).collect()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let (net, width) = bits(self.base);
        let (addr, addr_width) = bits(ip);
        if width != addr_width {
            return false;
        }
        let shift = u32::from(width - self.prefix);
        if shift >= 128 {
            return true;
        }
        (net >> shift) == (addr >> shift)
    }
}

/// The client's address: the peer, unless the peer is a trusted proxy; then the last
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[Network]) -> Option<IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let mut client = peer;
    for hop in forwarded_for.unwrap_or_default().rsplit(',') {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else { break };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    Some(client)
}

/// What one client is counted as: an IPv4 address, or an IPv6 address's /64 (one
/// subscriber's allocation), written as text.
pub fn network_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let masked = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", Ipv6Addr::from(masked))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_contain_their_addresses() {
        let n = Network::parse("10.1.0.0/16").unwrap();
        assert!(n.contains(ip("10.1.200.3")));
        assert!(!n.contains(ip("10.2.0.1")));
        assert!(Network::parse("::/0").unwrap().contains(ip("2001:db8::1")));
        assert!(!Network::parse("::/0").unwrap().contains(ip("1.2.3.4")));
        assert!(Network::parse("127.0.0.1").unwrap().contains(ip("::ffff:127.0.0.1")));
        assert!(Network::parse("10.0.0.0/33").is_err());
        assert!(Network::parse("example.org").is_err());
        assert_eq!(Network::parse_list("127.0.0.1, 10.0.0.0/8").unwrap().len(), 2);
    }

    #[test]
    fn forwarded_for_is_believed_only_through_trusted_proxies() {
        let trusted = Network::parse_list("127.0.0.1,10.0.0.0/8").unwrap();
        // Not through a proxy: the header is the client's own claim, ignored.
        assert_eq!(client_address(Some(ip("203.0.113.9")), Some("1.1.1.1"), &trusted), Some(ip("203.0.113.9")));
        // Through two trusted proxies: the first untrusted hop from the right.
        let via = Some("6.6.6.6, 198.51.100.7, 10.0.0.5");
        assert_eq!(client_address(Some(ip("127.0.0.1")), via, &trusted), Some(ip("198.51.100.7")));
        // A proxy with no header is the client.
        assert_eq!(client_address(Some(ip("127.0.0.1")), None, &trusted), Some(ip("127.0.0.1")));
        // Garbage stops the walk at the last good hop.
        assert_eq!(client_address(Some(ip("127.0.0.1")), Some("nonsense"), &trusted), Some(ip("127.0.0.1")));
        assert_eq!(client_address(Some(ip("127.0.0.1")), Some("1.2.3.4"), &[]), Some(ip("127.0.0.1")));
    }

    #[test]
    fn ipv6_is_counted_by_its_64() {
        assert_eq!(network_key(ip("2001:db8:1:2::1")), network_key(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(network_key(ip("2001:db8:1:2::1")), network_key(ip("2001:db8:1:3::1")));
        assert_eq!(network_key(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_eq!(network_key(ip("192.0.2.1")), "192.0.2.1");
        assert_eq!(network_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
    }
}
