//! The size of one section of an ELF file (bench-compile reports the one-type program's `.text`),
//! read from the section headers: no dependency and no `size`/`objdump` output to parse.

/// The size in bytes of the section named `name` of a 64-bit little-endian ELF file (what Rust
/// builds for x86_64 and aarch64 Linux).
pub(crate) fn section_size(file: &[u8], name: &str) -> Result<u64, String> {
    if file.get(..4) != Some(b"\x7fELF".as_slice()) {
        return Err("not an ELF file".into());
    }
    if file.get(4..6) != Some([2, 1].as_slice()) {
        return Err("not a 64-bit little-endian ELF file".into());
    }
    let shoff = u64_at(file, 0x28)?;
    let entsize = u64::from(u16_at(file, 0x3a)?);
    let header = |i: u64| -> Result<usize, String> {
        let at = shoff
            .checked_add(i.checked_mul(entsize).ok_or("section index overflows")?)
            .ok_or("section header offset overflows")?;
        usize::try_from(at).map_err(|_| "section header offset overflows".to_string())
    };
    // More than 0xff00 sections, or a string table index past it: the real values are in section
    // 0's sh_size and sh_link.
    let mut count = u64::from(u16_at(file, 0x3c)?);
    if count == 0 && shoff != 0 {
        count = u64_at(file, header(0)? + 32)?;
    }
    let mut names = u32::from(u16_at(file, 0x3e)?);
    if names == 0xffff {
        names = u32_at(file, header(0)? + 40)?;
    }
    let names_at = u64_at(file, header(u64::from(names))? + 24)?;
    for i in 0..count {
        let h = header(i)?;
        let name_at = names_at
            .checked_add(u64::from(u32_at(file, h)?))
            .and_then(|a| usize::try_from(a).ok())
            .ok_or("section name offset overflows")?;
        let rest = file.get(name_at..).ok_or("section name past the end")?;
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or("section name not terminated")?;
        if &rest[..end] == name.as_bytes() {
            return u64_at(file, h + 32);
        }
    }
    Err(format!("no {name} section"))
}

fn bytes_at<const N: usize>(file: &[u8], at: usize) -> Result<[u8; N], String> {
    at.checked_add(N)
        .and_then(|end| file.get(at..end))
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| format!("ELF file truncated at byte {at}"))
}

fn u16_at(file: &[u8], at: usize) -> Result<u16, String> {
    bytes_at(file, at).map(u16::from_le_bytes)
}

fn u32_at(file: &[u8], at: usize) -> Result<u32, String> {
    bytes_at(file, at).map(u32::from_le_bytes)
}

fn u64_at(file: &[u8], at: usize) -> Result<u64, String> {
    bytes_at(file, at).map(u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::section_size;

    /// A minimal ELF64 LE file: the header, a string table and three section headers (null,
    /// `.text` of `text_size` bytes, `.shstrtab`).
    fn elf(text_size: u64) -> Vec<u8> {
        let names = b"\0.text\0.shstrtab\0";
        let names_at = 64u64;
        let shoff = names_at + names.len() as u64;
        let mut file = vec![0u8; 64];
        file[..6].copy_from_slice(b"\x7fELF\x02\x01");
        file[0x28..0x30].copy_from_slice(&shoff.to_le_bytes());
        file[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        file[0x3c..0x3e].copy_from_slice(&3u16.to_le_bytes());
        file[0x3e..0x40].copy_from_slice(&2u16.to_le_bytes());
        file.extend_from_slice(names);
        let section = |name: u32, offset: u64, size: u64| {
            let mut h = vec![0u8; 64];
            h[..4].copy_from_slice(&name.to_le_bytes());
            h[24..32].copy_from_slice(&offset.to_le_bytes());
            h[32..40].copy_from_slice(&size.to_le_bytes());
            h
        };
        file.extend(section(0, 0, 0));
        file.extend(section(1, 0x1000, text_size));
        file.extend(section(7, names_at, names.len() as u64));
        file
    }

    #[test]
    fn finds_a_section_by_name() {
        let file = elf(123_456);
        assert_eq!(section_size(&file, ".text"), Ok(123_456));
        assert_eq!(section_size(&file, ".shstrtab"), Ok(17));
        assert_eq!(
            section_size(&file, ".data"),
            Err("no .data section".to_string())
        );
        // A prefix of a name is not that name.
        assert!(section_size(&file, ".tex").is_err());
    }

    #[test]
    fn refuses_other_files_and_truncated_ones() {
        assert!(section_size(b"#!/bin/sh\n", ".text").is_err());
        let mut file = elf(1);
        file[4] = 1; // 32-bit
        assert!(section_size(&file, ".text").is_err());
        let file = elf(1);
        assert!(section_size(&file[..file.len() - 40], ".text").is_err());
    }

    /// This test binary is an ELF file (on Linux): its `.text` is what `size -A` says, when
    /// binutils is installed.
    #[test]
    #[cfg(target_os = "linux")]
    fn agrees_with_size_on_this_binary() {
        let exe = std::env::current_exe().unwrap();
        let text = section_size(&std::fs::read(&exe).unwrap(), ".text").unwrap();
        assert!(text > 0);
        let Ok(out) = std::process::Command::new("size")
            .arg("-A")
            .arg(&exe)
            .output()
        else {
            return;
        };
        let listed = String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| {
                let mut f = l.split_whitespace();
                (f.next() == Some(".text")).then(|| f.next()?.parse::<u64>().ok())?
            })
            .unwrap();
        assert_eq!(text, listed);
    }
}
