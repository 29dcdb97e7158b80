//! JSON string escaping, byte for byte what serde_json writes.
//!
//! serde_json looks every byte up in a table. Graph payloads are mostly strings (ids, names, URLs,
//! dates) with nothing to escape, so this first asks whether a string holds any of the three kinds
//! of byte that need escaping (control characters, `"` and `\`), 16 bytes at a time, then copies it
//! in one go; only a string that holds one is written byte by byte.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is below 0x20, `"` or `\` (the classic "has a zero byte" and "has a
/// byte less than n" word tricks, exact as a yes/no answer); bytes >= 0x80 never count.
#[inline]
fn needs_escape(word: u64) -> bool {
    let control = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGHS != 0
}

#[inline]
fn is_escaped(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[inline]
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Whether `bytes` holds nothing to escape. Words are checked whole; the tail is the last word of
/// the string, overlapping the one before (or, for short strings, two overlapping 32-bit halves
/// put in one word), so only strings of 1 to 3 bytes are looked at byte by byte.
#[inline]
fn is_clean(bytes: &[u8]) -> bool {
    // 16 bytes at a time, written so that the compiler turns it into SIMD compares (SSE2 on any
    // x86-64) without `unsafe` here.
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        let dirty = block
            .iter()
            .fold(0u8, |acc, &b| acc | u8::from(is_escaped(b)));
        if dirty != 0 {
            return false;
        }
    }
    let rest = blocks.remainder();
    if rest.is_empty() {
        return true;
    }
    let n = bytes.len();
    // A word that is not there (it always is) counts as dirty: the slow path is always correct.
    let clean_word = |at: usize| {
        bytes.get(at..at + 8).is_some_and(|word| {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            !needs_escape(u64::from_le_bytes(w))
        })
    };
    // The last two words cover the remainder, overlapping what was checked before it.
    if n >= 16 {
        return clean_word(n - 16) && clean_word(n - 8);
    }
    if n >= 8 {
        return clean_word(0) && clean_word(n - 8);
    }
    if n >= 4 {
        // Two overlapping halves, side by side in one word.
        let half = |at: usize| {
            bytes.get(at..at + 4).map(|half| {
                let mut w = [0; 4];
                w.copy_from_slice(half);
                u64::from(u32::from_le_bytes(w))
            })
        };
        return match (half(0), half(n - 4)) {
            (Some(low), Some(high)) => !needs_escape(low | high << 32),
            _ => false,
        };
    }
    !bytes.iter().any(|&b| is_escaped(b))
}

/// Appends the escaped contents of `text`, without quotes.
pub(super) fn write_contents(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if is_clean(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    write_escaped(out, bytes);
}

/// The slow path: a string with something to escape.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    // `bytes[start..j]` is clean and not yet written.
    let mut start = 0;
    for (j, &byte) in bytes.iter().enumerate() {
        if is_escaped(byte) {
            out.extend_from_slice(&bytes[start..j]);
            write_escape(out, byte);
            start = j + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Appends `text` as a JSON string.
#[inline]
pub(super) fn write_str(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_contents(out, text);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).expect("UTF-8")
    }

    /// Each ASCII byte at each position of strings of 1 to 40 bytes: every path of `is_clean`
    /// (byte loop, 32-bit halves, overlapping words, 16-byte blocks) sees it everywhere.
    #[test]
    fn every_byte_value_at_every_position_escapes_as_serde_json_does() {
        for byte in 0u8..=0x7f {
            for len in 1..=40 {
                for at in 0..len {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    let text = String::from_utf8(text).expect("ASCII");
                    assert_eq!(
                        escaped(&text),
                        serde_json::to_string(&text).expect("encodes"),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn multibyte_text_and_every_position_of_an_escape() {
        let base = "19:meeting_ÄÖü✓😀-thread.v2/\"quoted\"\\back\u{1}\u{7f}";
        for cut in 0..=base.len() {
            if !base.is_char_boundary(cut) {
                continue;
            }
            let text = format!("{}\n{}", &base[..cut], &base[cut..]);
            assert_eq!(
                escaped(&text),
                serde_json::to_string(&text).expect("encodes")
            );
        }
    }
}
