//! FNV-1a, 64 bits, over bytes as they are written or read: the checksum of output files
//! (manifest.json `files`, shard.json) and of a sweep's saved chunks. It detects damaged,
//! cut or edited files; it is not a defence against someone forging them.

/// A running FNV-1a 64 digest and the number of bytes seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest {
    hash: u64,
    bytes: u64,
}

impl Default for Digest {
    fn default() -> Digest {
        Digest { hash: 0xcbf2_9ce4_8422_2325, bytes: 0 }
    }
}

impl Digest {
    /// Feed bytes.
    pub fn update(&mut self, data: &[u8]) {
        let mut h = self.hash;
        for &b in data {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.hash = h;
        self.bytes += data.len() as u64;
    }

    /// The digest of `data`.
    pub fn of(data: &[u8]) -> Digest {
        let mut d = Digest::default();
        d.update(data);
        d
    }

    /// A digest as recorded: byte count and 16 hex digits (None if they are not hex).
    pub fn from_parts(bytes: u64, hex: &str) -> Option<Digest> {
        (hex.len() == 16).then(|| u64::from_str_radix(hex, 16).ok()).flatten().map(|hash| Digest { hash, bytes })
    }

    /// Bytes seen.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The hash as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hash)
    }

    /// `{"bytes": N, "fnv1a64": "…"}`, as manifest.json lists each file.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({ "bytes": self.bytes, "fnv1a64": self.hex() })
    }

    /// Digest of a whole file, read in blocks.
    pub fn of_file(path: &std::path::Path) -> std::io::Result<Digest> {
        use std::io::Read;
        let mut f = std::fs::File::open(path)?;
        let mut d = Digest::default();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                return Ok(d);
            }
            d.update(&buf[..n]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_streaming_agree() {
        // reference values of FNV-1a 64
        assert_eq!(Digest::of(b"").hex(), "cbf29ce484222325");
        assert_eq!(Digest::of(b"a").hex(), "af63dc4c8601ec8c");
        let mut d = Digest::default();
        d.update(b"hello ");
        d.update(b"world");
        assert_eq!(d, Digest::of(b"hello world"));
        assert_eq!(d.bytes(), 11);
    }
}
