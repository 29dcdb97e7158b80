//! `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay`, `Edm.Duration`.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};

use super::{lexical_if_differs, Buf, ParseError};

// ---------------------------------------------------------------------------------------------------------
// Lexical scanning (hand-written: no regex, no allocation)

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            b: s.as_bytes(),
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn eat_ci(&mut self, c: u8) -> bool {
        if self.peek().map(|p| p.to_ascii_uppercase()) == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8, reason: &'static str) -> Result<(), &'static str> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Exactly `n` (≤ 9) digits.
    fn fixed(&mut self, n: usize, reason: &'static str) -> Result<u32, &'static str> {
        let digits = self.b.get(self.i..self.i + n).ok_or(reason)?;
        let mut v = 0u32;
        for &d in digits {
            if !d.is_ascii_digit() {
                return Err(reason);
            }
            v = v * 10 + u32::from(d - b'0');
        }
        self.i += n;
        Ok(v)
    }

    /// A run of digits: the slice (possibly empty).
    fn run(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|d| d.is_ascii_digit()) {
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn end(&self) -> Result<(), &'static str> {
        if self.i == self.b.len() {
            Ok(())
        } else {
            Err("unexpected characters at the end")
        }
    }
}

/// `[-] YYYY[Y…] - MM - DD`
fn scan_date(c: &mut Cursor<'_>) -> Result<NaiveDate, &'static str> {
    let negative = c.eat(b'-');
    let digits = c.run();
    if digits.len() < 4 {
        return Err("expected a year of at least 4 digits");
    }
    if digits.len() > 4 && digits[0] == b'0' {
        return Err("a year of more than 4 digits cannot start with 0");
    }
    if digits.len() > 9 {
        return Err("year out of range");
    }
    let year = digits
        .iter()
        .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
    let year = if negative { -year } else { year };
    c.expect(b'-', "expected '-' after the year")?;
    let month = c.fixed(2, "expected a 2-digit month")?;
    c.expect(b'-', "expected '-' after the month")?;
    let day = c.fixed(2, "expected a 2-digit day")?;
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(if (1..=31).contains(&day) {
        "no such date (day out of range for the month, or year out of range)"
    } else {
        "day out of range"
    })
}

/// `hh:mm[:ss[.f{1,12}]]`.
fn scan_time(c: &mut Cursor<'_>) -> Result<NaiveTime, &'static str> {
    let hour = c.fixed(2, "expected a 2-digit hour")?;
    c.expect(b':', "expected ':' after the hour")?;
    let minute = c.fixed(2, "expected 2-digit minutes")?;
    let (mut second, mut nano) = (0, 0);
    if c.eat(b':') {
        second = c.fixed(2, "expected 2-digit seconds")?;
        if c.eat(b'.') {
            nano = scan_fraction(c, 12)?;
        }
    }
    if hour > 23 {
        return Err("hour out of range");
    }
    if minute > 59 {
        return Err("minutes out of range");
    }
    if second > 59 {
        return Err("seconds out of range");
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano).ok_or("no such time")
}

/// 1 to `max` fraction digits (0 = unlimited) as nanoseconds; digits after the 9th are truncated.
fn scan_fraction(c: &mut Cursor<'_>, max: usize) -> Result<u32, &'static str> {
    let digits = c.run();
    if digits.is_empty() {
        return Err("expected digits after '.'");
    }
    if max != 0 && digits.len() > max {
        return Err("at most 12 fractional-second digits are allowed");
    }
    let mut nano = 0u32;
    for i in 0..9 {
        nano = nano * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'));
    }
    Ok(nano)
}

fn push_year(b: &mut Buf, year: i32) {
    if year < 0 {
        b.push(b'-');
    }
    b.push_u64(u64::from(year.unsigned_abs()), 4);
}

/// Two digits of `v` (< 100): month, day, hour, minute, second.
fn push_2(b: &mut Buf, v: u32) {
    b.push(b'0' + (v / 10 % 10) as u8);
    b.push(b'0' + (v % 10) as u8);
}

fn push_date(b: &mut Buf, d: NaiveDate) {
    push_year(b, d.year());
    b.push(b'-');
    push_2(b, d.month());
    b.push(b'-');
    push_2(b, d.day());
}

/// `hh:mm:ss` plus the fraction without trailing zeros (none when zero).
fn push_time(b: &mut Buf, t: NaiveTime) {
    let mut nano = t.nanosecond();
    let mut second = t.second();
    if nano >= 1_000_000_000 {
        // chrono's leap second
        nano -= 1_000_000_000;
        second += 1;
    }
    push_2(b, t.hour());
    b.push(b':');
    push_2(b, t.minute());
    b.push(b':');
    push_2(b, second);
    push_fraction(b, nano);
}

fn push_fraction(b: &mut Buf, nano: u32) {
    if nano == 0 {
        return;
    }
    let (mut n, mut width) = (nano, 9);
    while n % 10 == 0 {
        n /= 10;
        width -= 1;
    }
    b.push(b'.');
    b.push_u64(u64::from(n), width);
}

fn canonical_date_time(v: &DateTime<FixedOffset>) -> Buf {
    let local = v.naive_local();
    canonical_parts(local.date(), local.time(), v.offset().local_minus_utc())
}

/// `"00"` to `"99"`, as little-endian `u16`s: dates and times are written two digits at a time.
const PAIRS: [u16; 100] = {
    let mut pairs = [0u16; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = u16::from_le_bytes([b'0' + (i / 10) as u8, b'0' + (i % 10) as u8]);
        i += 1;
    }
    pairs
};

/// The two digits of `v % 100`, first digit in the low byte.
#[inline]
fn pair(v: u32) -> u64 {
    u64::from(PAIRS[(v % 100) as usize])
}

/// The canonical text of what Graph sends, `YYYY-MM-DDThh:mm:ss[.f]Z` (years 0 to 9999): at most
/// 30 bytes, then zeros.
struct UtcText {
    bytes: [u8; 32],
    len: usize,
}

impl UtcText {
    /// The text of `t`, or `None` for a year that does not fit.
    ///
    /// Put together in registers, two digits per table look-up, and stored eight bytes at a time
    /// into an array of its own: written a digit at a time into a [`Buf`] that was then moved out,
    /// the copy and the UTF-8 check read it back before the small stores had landed. Every member
    /// of a page of chats carries a date.
    #[inline]
    fn new(t: &chrono::NaiveDateTime) -> Option<UtcText> {
        let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
        // `NaiveTime` holds the seconds since midnight (`NaiveDateTime` would add them up from the
        // hour, minute and second it divides them into).
        let seconds = t.time().num_seconds_from_midnight();
        let (mut nano, mut second) = (t.nanosecond(), seconds % 60);
        if nano >= 1_000_000_000 {
            // chrono's leap second
            nano -= 1_000_000_000;
            second += 1;
        }
        let (dash, colon) = (u64::from(b'-'), u64::from(b':'));
        // `YYYY-MM-` and `DDThh:mm`, little-endian: byte i of the text is bits 8i..8i+8.
        let date =
            pair(year / 100) | pair(year) << 16 | dash << 32 | pair(t.month()) << 40 | dash << 56;
        let time = pair(t.day())
            | u64::from(b'T') << 16
            | pair(seconds / 3600) << 24
            | colon << 40
            | pair(seconds / 60 % 60) << 48;
        // `:ss`, then `.` and the nine fraction digits without their trailing zeros, then `Z`.
        let mut tail = u128::from(colon | pair(second) << 8);
        let z_at = if nano == 0 {
            3
        } else {
            let rest = nano % 100_000_000;
            let digits = u128::from(
                (u64::from(b'0') + u64::from(nano / 100_000_000))
                    | pair(rest / 1_000_000) << 8
                    | pair(rest / 10_000) << 24
                    | pair(rest / 100) << 40
                    | pair(rest) << 56,
            ) | u128::from(PAIRS[(rest % 100) as usize] >> 8) << 64;
            // The last digit that is not `0` (there is one: `nano` is not zero).
            let not_zero = digits ^ 0x30_3030_3030_3030_3030;
            let count = (128 - not_zero.leading_zeros()).div_ceil(8);
            tail |= u128::from(b'.') << 24 | digits << 32;
            4 + count
        };
        // Keep the bytes before `Z`; clear the trailing zeros.
        tail &= (1u128 << (8 * z_at)) - 1;
        tail |= u128::from(b'Z') << (8 * z_at);
        let mut bytes = [0; 32];
        bytes[0..8].copy_from_slice(&date.to_le_bytes());
        bytes[8..16].copy_from_slice(&time.to_le_bytes());
        bytes[16..32].copy_from_slice(&tail.to_le_bytes());
        Some(UtcText {
            bytes,
            len: 16 + z_at as usize + 1,
        })
    }

    fn as_str(&self) -> &str {
        // ASCII throughout (zeros past the text), so this cannot fail; never panic regardless.
        // Checked whole, a fixed 32 bytes that `from_utf8` takes 16 at a time, then cut.
        std::str::from_utf8(&self.bytes)
            .ok()
            .and_then(|s| s.get(..self.len))
            .unwrap_or("")
    }
}

fn canonical_parts(date: NaiveDate, time: NaiveTime, offset: i32) -> Buf {
    let mut b = Buf::new();
    push_date(&mut b, date);
    b.push(b'T');
    push_time(&mut b, time);
    if offset == 0 {
        b.push(b'Z');
    } else {
        b.push(if offset < 0 { b'-' } else { b'+' });
        let abs = offset.unsigned_abs();
        b.push_u64(u64::from(abs / 3600), 2);
        b.push(b':');
        b.push_u64(u64::from(abs / 60 % 60), 2);
    }
    b
}

// ---------------------------------------------------------------------------------------------------------
// DateTimeOffset

/// An `Edm.DateTimeOffset` value: a JSON string `YYYY-MM-DDThh:mm[:ss[.f{1,12}]]` followed by `Z` or
/// `±hh:mm` (years may be negative or longer than 4 digits, as OData allows).
///
/// Holds a `chrono::DateTime<FixedOffset>` (nanosecond precision: fraction digits past the 9th are kept in
/// the text only). The canonical form, written for values built in Rust, is
/// `YYYY-MM-DDThh:mm:ss[.f]Z` (or `±hh:mm`) with the fraction's trailing zeros dropped: the form Microsoft
/// Graph mostly uses (`2020-12-04T23:10:28.51Z`, `2021-04-26T21:35:49.048Z`). Other texts (`.0480000Z`,
/// `+00:00`, no seconds, lower-case `t`/`z`) are kept as written.
///
/// Equality is lexical: the same instant written with another offset or another number of digits is a
/// different value; compare [`get`](DateTimeOffset::get) or [`to_utc`](DateTimeOffset::to_utc) for the
/// instant.
#[derive(Debug, Clone)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    lexical: Option<Box<str>>,
}

impl DateTimeOffset {
    /// The date, time and offset.
    pub fn get(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.to_utc()
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        Self::scan(s)
            .map(|(value, canonical)| DateTimeOffset {
                value,
                lexical: if canonical { None } else { Some(s.into()) },
            })
            .map_err(|reason| ParseError::new("Edm.DateTimeOffset", s, true, reason))
    }

    /// The value, and whether `s` is its canonical text. Decided from the text as it is read, not
    /// by writing the canonical text and comparing: on a page of chats that was a quarter of the
    /// decoding time. Debug builds check both agree.
    fn scan(s: &str) -> Result<(DateTime<FixedOffset>, bool), &'static str> {
        match Self::scan_utc(s.as_bytes()) {
            Some(fast) => {
                debug_assert_eq!(Ok(fast), Self::scan_general(s), "{s}");
                Ok(fast)
            }
            None => Self::scan_general(s),
        }
    }

    /// What Graph sends: `YYYY-MM-DDThh:mm:ss[.f{1,9}]Z`, read at fixed positions. `None` sends
    /// anything else, errors included, to the general scanner.
    fn scan_utc(b: &[u8]) -> Option<(DateTime<FixedOffset>, bool)> {
        if b.len() < 20 || b[b.len() - 1] != b'Z' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            b[range].iter().try_fold(0u32, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
            })
        };
        let punctuation = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if punctuation.iter().any(|&(i, c)| b[i] != c) {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let (nano, canonical) = match &b[19..b.len() - 1] {
            [] => (0, true),
            [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
                let mut nano = digits(20..b.len() - 1)?;
                for _ in fraction.len()..9 {
                    nano *= 10;
                }
                (nano, fraction[fraction.len() - 1] != b'0')
            }
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
        let utc = FixedOffset::east_opt(0)?;
        Some((date.and_time(time).and_utc().with_timezone(&utc), canonical))
    }

    fn scan_general(s: &str) -> Result<(DateTime<FixedOffset>, bool), &'static str> {
        let mut c = Cursor::new(s);
        // `-0000` is year 0, written `0000`; every other year is written with the digits read
        // (4, or more without a leading zero, which `scan_date` enforces).
        let minus_zero = s.starts_with("-0000-");
        let date = scan_date(&mut c)?;
        let upper_t = c.peek() == Some(b'T');
        if !c.eat_ci(b'T') {
            return Err("expected 'T' between date and time");
        }
        let time_start = c.i;
        let time = scan_time(&mut c)?;
        // `hh:mm:ss` with a fraction of at most 9 digits and no trailing zero (none when zero).
        let time_text = &c.b[time_start..c.i];
        let canonical_time = match time_text.len() {
            8 => true,
            n @ 10..=18 => time_text.get(n - 1).is_some_and(|&d| d != b'0'),
            _ => false,
        };
        let upper_z = c.peek() == Some(b'Z');
        let offset_seconds = if c.eat_ci(b'Z') {
            0
        } else {
            let sign = match c.peek() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err("expected a time-zone offset: 'Z', '+hh:mm' or '-hh:mm'"),
            };
            c.i += 1;
            let hours = c.fixed(2, "expected a 2-digit offset hour")?;
            c.expect(b':', "expected ':' in the offset")?;
            let minutes = c.fixed(2, "expected 2-digit offset minutes")?;
            if hours > 23 || minutes > 59 {
                return Err("offset out of range");
            }
            sign * (hours * 3600 + minutes * 60) as i32
        };
        c.end()?;
        let offset = FixedOffset::east_opt(offset_seconds).ok_or("offset out of range")?;
        let value = date
            .and_time(time)
            .and_local_timezone(offset)
            .single()
            .ok_or("out of range")?;
        let canonical = !minus_zero
            && upper_t
            && canonical_time
            && if offset_seconds == 0 { upper_z } else { true };
        debug_assert_eq!(
            canonical,
            s == canonical_parts(date, time, offset_seconds).as_str(),
            "{s}"
        );
        Ok((value, canonical))
    }

    /// Calls `f` with the canonical text.
    #[inline]
    fn with_canonical<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        if self.value.offset().local_minus_utc() == 0 {
            if let Some(text) = UtcText::new(&self.value.naive_utc()) {
                debug_assert_eq!(text.as_str(), canonical_date_time(&self.value).as_str());
                return f(text.as_str());
            }
        }
        f(canonical_date_time(&self.value).as_str())
    }
}

impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> Self {
        DateTimeOffset {
            value,
            lexical: None,
        }
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        DateTimeOffset {
            value: value.fixed_offset(),
            lexical: None,
        }
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

/// Lexical equality: same local date-time, same offset, same text.
impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.value.naive_local() == other.value.naive_local()
            && self.value.offset() == other.value.offset()
            && self.lexical == other.lexical
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.naive_local().hash(state);
        self.value.offset().local_minus_utc().hash(state);
        self.lexical.hash(state);
    }
}

lexical_string_type!(DateTimeOffset, "an Edm.DateTimeOffset string", own with_canonical);

// ---------------------------------------------------------------------------------------------------------
// Date

/// An `Edm.Date` value: a JSON string `YYYY-MM-DD` (years may be negative or longer than 4 digits).
///
/// Holds a `chrono::NaiveDate`; the canonical form is `YYYY-MM-DD`, any other text is kept. Equality is
/// lexical (which for dates differs from the calendar day only for texts like `-0000-01-01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    value: NaiveDate,
    lexical: Option<Box<str>>,
}

impl Date {
    /// The calendar date.
    pub fn get(&self) -> NaiveDate {
        self.value
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        let mut c = Cursor::new(s);
        scan_date(&mut c)
            .and_then(|d| c.end().map(|()| d))
            .map(|value| {
                let canonical = Date::from(value).canonical();
                Date {
                    value,
                    lexical: lexical_if_differs(s, canonical.as_str()),
                }
            })
            .map_err(|reason| ParseError::new("Edm.Date", s, true, reason))
    }

    fn canonical(&self) -> Buf {
        let mut b = Buf::new();
        push_date(&mut b, self.value);
        b
    }
}

impl From<NaiveDate> for Date {
    fn from(value: NaiveDate) -> Self {
        Date {
            value,
            lexical: None,
        }
    }
}

impl From<Date> for NaiveDate {
    fn from(value: Date) -> Self {
        value.value
    }
}

lexical_string_type!(Date, "an Edm.Date string");

// ---------------------------------------------------------------------------------------------------------
// TimeOfDay

/// An `Edm.TimeOfDay` value: a JSON string `hh:mm[:ss[.f{1,12}]]`.
///
/// Holds a `chrono::NaiveTime` (nanosecond precision). The canonical form is `hh:mm:ss[.f]` with the
/// fraction's trailing zeros dropped; other texts (`08:00`, Graph's `08:00:00.0000000`) are kept as
/// written. Equality is lexical.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    value: NaiveTime,
    lexical: Option<Box<str>>,
}

impl TimeOfDay {
    /// The time of day.
    pub fn get(&self) -> NaiveTime {
        self.value
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        let mut c = Cursor::new(s);
        scan_time(&mut c)
            .and_then(|t| c.end().map(|()| t))
            .map(|value| {
                let canonical = TimeOfDay::from(value).canonical();
                TimeOfDay {
                    value,
                    lexical: lexical_if_differs(s, canonical.as_str()),
                }
            })
            .map_err(|reason| ParseError::new("Edm.TimeOfDay", s, true, reason))
    }

    fn canonical(&self) -> Buf {
        let mut b = Buf::new();
        push_time(&mut b, self.value);
        b
    }
}

impl From<NaiveTime> for TimeOfDay {
    fn from(value: NaiveTime) -> Self {
        TimeOfDay {
            value,
            lexical: None,
        }
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(value: TimeOfDay) -> Self {
        value.value
    }
}

lexical_string_type!(TimeOfDay, "an Edm.TimeOfDay string");

// ---------------------------------------------------------------------------------------------------------
// Duration

/// An `Edm.Duration` value: a JSON string holding an ISO 8601 day-time duration as OData allows it,
/// `[+-]P[nD][T[nH][nM][n[.f]S]]` (no years or months), e.g. `"PT1H30M"`, `"-P1DT0.5S"`.
///
/// Holds a sign and a `std::time::Duration` magnitude (nanosecond precision). The canonical form splits
/// the magnitude into days, hours, minutes and seconds and leaves out zero parts (`P1DT2H`, `PT0.5S`,
/// `PT0S` for zero); other texts (`PT36H`, `P0D`, `PT1H0M`) are kept as written. Equality is lexical.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    magnitude: std::time::Duration,
    lexical: Option<Box<str>>,
}

impl Duration {
    /// A duration of `magnitude`, negative if `negative` (a zero duration is never negative).
    pub fn new(negative: bool, magnitude: std::time::Duration) -> Self {
        Duration {
            negative: negative && !magnitude.is_zero(),
            magnitude,
            lexical: None,
        }
    }

    /// Whether the duration is negative.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The absolute length.
    pub fn magnitude(&self) -> std::time::Duration {
        self.magnitude
    }

    /// As a signed `chrono::TimeDelta`; `None` beyond its range (about ±292 million years).
    pub fn to_time_delta(&self) -> Option<TimeDelta> {
        let d = TimeDelta::from_std(self.magnitude).ok()?;
        Some(if self.negative { -d } else { d })
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        Self::scan(s)
            .map(|(negative, magnitude)| {
                let value = Duration::new(negative, magnitude);
                let canonical = value.canonical();
                Duration {
                    lexical: lexical_if_differs(s, canonical.as_str()),
                    ..value
                }
            })
            .map_err(|reason| ParseError::new("Edm.Duration", s, true, reason))
    }

    fn scan(s: &str) -> Result<(bool, std::time::Duration), &'static str> {
        const OVERFLOW: &str = "out of range";
        let mut c = Cursor::new(s);
        let negative = c.eat(b'-');
        if !negative {
            c.eat(b'+');
        }
        if !c.eat_ci(b'P') {
            return Err("expected 'P'");
        }
        let mut seconds: u64 = 0;
        let mut nano = 0;
        let mut any = false;
        // Days
        let mut digits = c.run();
        if !digits.is_empty() {
            match c.peek().map(|d| d.to_ascii_uppercase()) {
                Some(b'D') => {
                    c.i += 1;
                    seconds = number(digits)?.checked_mul(86_400).ok_or(OVERFLOW)?;
                    any = true;
                }
                Some(b'Y' | b'M' | b'W') => {
                    return Err("years, months and weeks are not allowed in an Edm.Duration")
                }
                _ => return Err("expected 'D' after the days"),
            }
        }
        if c.eat_ci(b'T') {
            let mut time_any = false;
            // (designator, seconds per unit); each at most once and in this order
            let mut units: &[(u8, u64)] = &[(b'H', 3600), (b'M', 60), (b'S', 1)];
            loop {
                digits = c.run();
                if digits.is_empty() {
                    break;
                }
                let fraction = if c.eat(b'.') {
                    Some(scan_fraction(&mut c, 0)?)
                } else {
                    None
                };
                let designator = c
                    .peek()
                    .map(|d| d.to_ascii_uppercase())
                    .ok_or("expected 'H', 'M' or 'S'")?;
                let at = units.iter().position(|&(d, _)| d == designator).ok_or(
                    if matches!(designator, b'H' | b'M' | b'S') {
                        "hours, minutes and seconds must each appear at most once, in that order"
                    } else {
                        "expected 'H', 'M' or 'S'"
                    },
                )?;
                let (_, per_unit) = units[at];
                if fraction.is_some() && per_unit != 1 {
                    return Err("only seconds can have a fraction");
                }
                c.i += 1;
                units = &units[at + 1..];
                let part = number(digits)?.checked_mul(per_unit).ok_or(OVERFLOW)?;
                seconds = seconds.checked_add(part).ok_or(OVERFLOW)?;
                nano = fraction.unwrap_or(0);
                time_any = true;
            }
            if !time_any {
                return Err("expected hours, minutes or seconds after 'T'");
            }
            any = true;
        }
        if !any {
            return Err("expected at least one of days, hours, minutes or seconds");
        }
        c.end()?;
        Ok((negative, std::time::Duration::new(seconds, nano)))
    }

    fn canonical(&self) -> Buf {
        let mut b = Buf::new();
        if self.negative {
            b.push(b'-');
        }
        b.push(b'P');
        let secs = self.magnitude.as_secs();
        let nano = self.magnitude.subsec_nanos();
        let (days, rest) = (secs / 86_400, secs % 86_400);
        let (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
        if days > 0 {
            b.push_u64(days, 0);
            b.push(b'D');
        }
        if rest == 0 && nano == 0 && days > 0 {
            return b;
        }
        b.push(b'T');
        if h > 0 {
            b.push_u64(h, 0);
            b.push(b'H');
        }
        if m > 0 {
            b.push_u64(m, 0);
            b.push(b'M');
        }
        if s > 0 || nano > 0 || rest == 0 {
            b.push_u64(s, 0);
            push_fraction(&mut b, nano);
            b.push(b'S');
        }
        b
    }
}

fn number(digits: &[u8]) -> Result<u64, &'static str> {
    digits.iter().try_fold(0u64, |acc, d| {
        acc.checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .ok_or("out of range")
    })
}

impl From<std::time::Duration> for Duration {
    fn from(magnitude: std::time::Duration) -> Self {
        Duration::new(false, magnitude)
    }
}

impl From<TimeDelta> for Duration {
    fn from(delta: TimeDelta) -> Self {
        // |TimeDelta::MIN| is representable (its range is symmetric), so `abs` and `to_std` cannot fail.
        let magnitude = delta.abs().to_std().unwrap_or_default();
        Duration::new(delta < TimeDelta::zero(), magnitude)
    }
}

lexical_string_type!(Duration, "an Edm.Duration string");
