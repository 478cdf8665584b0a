//! Date input as people type it in a meeting: `2026-03-15`, `15.3.2026`, `today`, `+14d`,
//! `+2w`, `+3m`, `-1w`. Empty input clears the date.

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
        assert_eq!(parse("+3", TODAY), Ok(Some(date(2026, 11, 28))));
        assert_eq!(parse("+1m", TODAY), Ok(Some(date(2026, 12, 25))));
        assert_eq!(parse("-1w", TODAY), Ok(Some(date(2026, 11, 18))));
        assert_eq!(parse("today", TODAY), Ok(Some(TODAY)));
        assert_eq!(parse("idag", TODAY), Ok(Some(TODAY)));
        assert_eq!(parse("", TODAY), Ok(None));
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["soon", "2026-02-30", "+", "+xd", "+5q", "32.1.2026", "+99999999d"] {
            assert_eq!(parse(bad, TODAY), Err(DateError), "{bad}");
        }
    }
}
