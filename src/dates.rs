//! Date input as people type it in a meeting: `2026-03-15`, `15.3.2026`, `today`, `+14d`,
//! `+2w`, `+3m`, `-1w`. Empty input clears the date.
//!
//! Dates in a spreadsheet ([`parse_cell`]) as Nordic and American spreadsheets write them:
//! `2026-03-15`, `15.3.2026`, `15.03.26`, `15-03-2026` (Danish), `15/3/2026`, and Excel's
//! serial day numbers ([`from_serial`]). A date with slashes that reads both ways
//! (`9/1/2025`) is refused with both readings named, unless a [`DateOrder`] is given.

use jiff::ToSpan;
use jiff::civil::Date;

/// Why a date could not be read; the interface shows the catalog text for `key()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError;

impl DateError {
    pub fn key(&self) -> &'static str {
        "form.error_date"
    }
}

/// Today's date: the local date, unless the hidden `FASETT_TODAY=YYYY-MM-DD` override is set
/// (for reproducible reports, tests and demos). This is the only place that reads it.
pub fn today() -> Date {
    std::env::var("FASETT_TODAY")
        .ok()
        .and_then(|s| s.trim().parse::<Date>().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

/// Now, to the second: what a record's `updated` and a merge's time record.
pub fn now() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

/// Reads a date relative to `today`. `Ok(None)` for empty input.
pub fn parse(input: &str, today: Date) -> Result<Option<Date>, DateError> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    if matches!(s.as_str(), "today" | "idag" | "i dag" | "i dág") {
        return Ok(Some(today));
    }
    if matches!(s.as_str(), "tomorrow" | "imorgon" | "i morgon" | "i morgen") {
        return today.tomorrow().map(Some).map_err(|_| DateError);
    }
    if let Some(rest) = s.strip_prefix('+').map(|r| (1, r)).or_else(|| s.strip_prefix('-').map(|r| (-1, r))) {
        return relative(rest.0, rest.1, today).map(Some);
    }
    if let Ok(date) = s.parse::<Date>() {
        return Ok(Some(date));
    }
    // Danish and Norwegian write day.month.year; also accept slashes.
    let parts: Vec<&str> = s.split(['.', '/']).collect();
    if let [d, m, y] = parts[..] {
        let (d, m, y) = (d.parse::<i8>(), m.parse::<i8>(), y.parse::<i16>());
        if let (Ok(d), Ok(m), Ok(y)) = (d, m, y) {
            let y = if y < 100 { 2000 + y } else { y };
            return Date::new(y, m, d).map(Some).map_err(|_| DateError);
        }
    }
    Err(DateError)
}

/// Which comes first in a date written with slashes: the day (Nordic, British) or the month
/// (American).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    /// Day/month/year: 9/1/2025 is 9 January.
    Dmy,
    /// Month/day/year: 9/1/2025 is 1 September.
    Mdy,
}

impl DateOrder {
    pub fn key(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// Why a spreadsheet cell is not one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellDateError {
    /// Not a date in any form we read.
    NotADate,
    /// Day/month/year and month/day/year give these two different dates.
    Ambiguous { dmy: Date, mdy: Date },
}

/// What a date with slashes says about the file's date order: `Some` when only one reading
/// is a real date (`25/1/2025` is day first), `None` when both or neither are.
pub fn order_evidence(input: &str) -> Option<DateOrder> {
    let (a, b, y) = slashed(input.trim())?;
    match (Date::new(y, b, a).is_ok(), Date::new(y, a, b).is_ok()) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

fn year(text: &str) -> Option<i16> {
    let y: i16 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn number(text: &str) -> Option<i8> {
    if text.is_empty() || text.len() > 2 {
        return None;
    }
    text.parse().ok()
}

/// `a/b/yyyy` as three numbers (not knowing yet which of `a` and `b` is the day).
fn slashed(s: &str) -> Option<(i8, i8, i16)> {
    let mut parts = s.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() == 4 {
        return None;
    }
    Some((number(a)?, number(b)?, year(y)?))
}

/// A spreadsheet cell's date: `Ok(None)` for an empty cell. `order` says how to read a date
/// with slashes; without it, one that reads both ways is refused.
pub fn parse_cell(input: &str, order: Option<DateOrder>) -> Result<Option<Date>, CellDateError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // ISO, also with a time after it, as some programs write a date cell.
    if s.len() >= 10
        && s.as_bytes()[4] == b'-'
        && let Ok(date) = s[..10].parse::<Date>()
        && (s.len() == 10 || matches!(s.as_bytes()[10], b'T' | b' '))
    {
        return Ok(Some(date));
    }
    let build = |y: i16, m: i8, d: i8| Date::new(y, m, d).map(Some).map_err(|_| CellDateError::NotADate);
    if let Some((a, b, y)) = slashed(s) {
        let dmy = Date::new(y, b, a).ok();
        let mdy = Date::new(y, a, b).ok();
        return match (order, dmy, mdy) {
            (None, Some(d), Some(m)) if d != m => Err(CellDateError::Ambiguous { dmy: d, mdy: m }),
            (Some(DateOrder::Dmy) | None, Some(d), _)
            | (Some(DateOrder::Mdy), _, Some(d))
            | (None, None, Some(d)) => Ok(Some(d)),
            _ => Err(CellDateError::NotADate),
        };
    }
    // Year first with slashes (2026/03/15); otherwise dots and dashes are day first.
    let parts: Vec<&str> = s.split(['.', '-', '/']).collect();
    match parts[..] {
        [y, m, d] if y.len() == 4 => match (year(y), number(m), number(d)) {
            (Some(y), Some(m), Some(d)) => build(y, m, d),
            _ => Err(CellDateError::NotADate),
        },
        [d, m, y] | [d, m, y, ""] => match (number(d), number(m), year(y)) {
            (Some(d), Some(m), Some(y)) => build(y, m, d),
            _ => Err(CellDateError::NotADate),
        },
        _ => Err(CellDateError::NotADate),
    }
}

/// An Excel serial day number as a date (the 1900 system, with its phantom 29 February
/// 1900; or the 1904 system of old Mac workbooks). `None` outside Excel's years 1900–9999.
pub fn from_serial(serial: f64, is_1904: bool) -> Option<Date> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (epoch, days) = if is_1904 {
        (jiff::civil::date(1904, 1, 1), days)
    } else if days >= 61 {
        // Serial 60 is 29 February 1900, a day that never was; later days count it.
        (jiff::civil::date(1899, 12, 30), days)
    } else {
        (jiff::civil::date(1899, 12, 31), days)
    };
    epoch.checked_add(days.days()).ok()
}

/// The serial day number Excel stores for `date` (1900 system).
pub fn to_serial(date: Date) -> f64 {
    let days = (date - jiff::civil::date(1899, 12, 30)).get_days();
    f64::from(days)
}

fn relative(sign: i64, rest: &str, today: Date) -> Result<Date, DateError> {
    let unit = rest.chars().last().ok_or(DateError)?;
    let (digits, unit) =
        if unit.is_ascii_digit() { (rest, 'd') } else { (&rest[..rest.len() - unit.len_utf8()], unit) };
    let n: i64 = digits.parse().map_err(|_| DateError)?;
    if n > 100_000 {
        return Err(DateError);
    }
    let n = n * sign;
    let span = match unit {
        'd' => n.days(),
        'w' | 'v' | 'u' => n.weeks(),
        'm' => n.months(),
        'y' | 'å' => n.years(),
        _ => return Err(DateError),
    };
    today.checked_add(span).map_err(|_| DateError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    #[test]
    fn absolute_and_relative_input() {
        assert_eq!(parse("2026-03-15", TODAY), Ok(Some(date(2026, 3, 15))));
        assert_eq!(parse(" 15.3.2026 ", TODAY), Ok(Some(date(2026, 3, 15))));
        assert_eq!(parse("1/2/27", TODAY), Ok(Some(date(2027, 2, 1))));
        assert_eq!(parse("+14d", TODAY), Ok(Some(date(2026, 12, 9))));
        assert_eq!(parse("+2w", TODAY), Ok(Some(date(2026, 12, 9))));
        // The Nordic week letters the hints show: vecka, uge, uke.
        assert_eq!(parse("+2v", TODAY), Ok(Some(date(2026, 12, 9))));
        assert_eq!(parse("+2u", TODAY), Ok(Some(date(2026, 12, 9))));
        assert_eq!(parse("+3", TODAY), Ok(Some(date(2026, 11, 28))));
        assert_eq!(parse("+1m", TODAY), Ok(Some(date(2026, 12, 25))));
        assert_eq!(parse("-1w", TODAY), Ok(Some(date(2026, 11, 18))));
        assert_eq!(parse("today", TODAY), Ok(Some(TODAY)));
        assert_eq!(parse("idag", TODAY), Ok(Some(TODAY)));
        assert_eq!(parse("", TODAY), Ok(None));
    }

    #[test]
    fn spreadsheet_dates_in_every_nordic_form() {
        let d = Ok(Some(date(2026, 3, 15)));
        for text in ["2026-03-15", "15.3.2026", "15.03.26", "15-03-2026", "15/3/2026", "2026/03/15"] {
            assert_eq!(parse_cell(text, None), d, "{text}");
        }
        assert_eq!(parse_cell("2026-03-15T00:00:00", None), d, "a date cell written with its time");
        assert_eq!(parse_cell("01-09-2025", None), Ok(Some(date(2025, 9, 1))), "Danish Excel");
        assert_eq!(parse_cell(" ", None), Ok(None));
        for bad in ["soon", "32.1.2026", "15.13.2026", "1/2", "12345", "2026-02-30"] {
            assert_eq!(parse_cell(bad, None), Err(CellDateError::NotADate), "{bad}");
        }
    }

    #[test]
    fn a_date_that_reads_both_ways_needs_an_order() {
        let both = CellDateError::Ambiguous { dmy: date(2025, 1, 9), mdy: date(2025, 9, 1) };
        assert_eq!(parse_cell("9/1/2025", None), Err(both));
        assert_eq!(parse_cell("9/1/2025", Some(DateOrder::Dmy)), Ok(Some(date(2025, 1, 9))));
        assert_eq!(parse_cell("9/1/2025", Some(DateOrder::Mdy)), Ok(Some(date(2025, 9, 1))));
        assert_eq!(parse_cell("3/15/2026", None), Ok(Some(date(2026, 3, 15))), "only one reading");
        assert_eq!(parse_cell("5/5/2025", None), Ok(Some(date(2025, 5, 5))), "the same both ways");
        assert_eq!(parse_cell("3/15/2026", Some(DateOrder::Dmy)), Err(CellDateError::NotADate));
        assert_eq!(order_evidence("25/1/2025"), Some(DateOrder::Dmy));
        assert_eq!(order_evidence("1/25/2025"), Some(DateOrder::Mdy));
        assert_eq!(order_evidence("9/1/2025"), None);
        assert_eq!(order_evidence("15.3.2026"), None);
    }

    #[test]
    fn excel_serial_days() {
        assert_eq!(from_serial(46096.0, false), Some(date(2026, 3, 15)));
        assert_eq!(from_serial(46096.75, false), Some(date(2026, 3, 15)), "the time of day is dropped");
        assert_eq!(from_serial(1.0, false), Some(date(1900, 1, 1)));
        assert_eq!(from_serial(61.0, false), Some(date(1900, 3, 1)));
        assert_eq!(from_serial(44634.0, true), Some(date(2026, 3, 15)));
        assert_eq!(from_serial(-1.0, false), None);
        assert!((to_serial(date(2026, 3, 15)) - 46096.0).abs() < f64::EPSILON);
        for d in [date(1900, 3, 1), date(2000, 2, 29), date(2026, 3, 15), date(9999, 12, 31)] {
            assert_eq!(from_serial(to_serial(d), false), Some(d));
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["soon", "2026-02-30", "+", "+xd", "+5q", "32.1.2026", "+99999999d"] {
            assert_eq!(parse(bad, TODAY), Err(DateError), "{bad}");
        }
    }
}
