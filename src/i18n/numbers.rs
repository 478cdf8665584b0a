//! Numbers and money as each language writes and types them: "400 000 kr" and "1,5" in
//! Swedish and Norwegian, "400.000 kr." and "1,5" in Danish, "SEK 400,000" and "1.5" in
//! English. With [`Lang::decimal`] and [`Lang::percent`] beside it in `i18n`, the one place
//! the interface, the report and the CSV export format benefit values and costs, and the one
//! place typed values are read back.

use super::Lang;

/// The largest value fasett accepts in a number field: a thousand billion. Anything larger is
/// almost surely a typing mistake, and sums of many such values stay exact enough.
pub const MAX_VALUE: f64 = 1e12;

/// Why a typed number was not accepted; the interface shows the catalog text for `key()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number ("mycket", "12abc", "1,2,3").
    NotANumber,
    /// Above [`MAX_VALUE`] (or below its negative).
    TooLarge,
}

impl NumberError {
    pub fn key(self) -> &'static str {
        match self {
            NumberError::NotANumber => "number.error_not_a_number",
            NumberError::TooLarge => "number.error_too_large",
        }
    }
}

/// How a chart writes its figures so that each fits on a bar: as they are, in thousands or
/// in millions. One scale for the whole chart, so that its bars compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Ones,
    Thousands,
    Millions,
}

impl Scale {
    /// The scale for a chart whose largest figure (by size) is `largest`: figures keep at
    /// most five digits.
    pub fn for_largest(largest: f64) -> Scale {
        match largest.abs() {
            v if v >= 9_999_500.0 => Scale::Millions,
            v if v >= 99_999.5 => Scale::Thousands,
            _ => Scale::Ones,
        }
    }

    fn divisor(self) -> f64 {
        match self {
            Scale::Ones => 1.0,
            Scale::Thousands => 1_000.0,
            Scale::Millions => 1_000_000.0,
        }
    }
}

/// `value` as it reads with `decimals` decimals: halves away from zero, as people round
/// ("12.5" → "13"), not to even as `format!` does. [`Lang::number`] writes exactly this.
pub fn rounded(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    value.signum() * (value.abs() * factor).round() / factor
}

impl Lang {
    /// The decimal mark: `.` in English, `,` in the Nordic languages.
    pub fn decimal_mark(self) -> char {
        if self == Lang::En { '.' } else { ',' }
    }

    /// What separates thousands: `,` in English, `.` in Danish, a space in Swedish and
    /// Norwegian.
    fn group_mark(self) -> char {
        match self {
            Lang::En => ',',
            Lang::Da => '.',
            Lang::Sv | Lang::Nb => ' ',
        }
    }

    /// `value` with thousands grouped and exactly `decimals` decimals: `number(1234.5, 2)` is
    /// "1 234,50" in Swedish. Not a number or infinite: "–", never "NaN".
    pub fn number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_owned();
        }
        let text = format!("{:.*}", decimals, rounded(value.abs(), decimals));
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
        // "-0" after rounding is 0.
        if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            out.push('-');
        }
        for (ix, c) in whole.chars().enumerate() {
            if ix > 0 && (whole.len() - ix) % 3 == 0 {
                out.push(self.group_mark());
            }
            out.push(c);
        }
        if !fraction.is_empty() {
            out.push(self.decimal_mark());
            out.push_str(fraction);
        }
        out
    }

    /// A measured or planned value as people read it: grouped, at most two decimals, no
    /// trailing zeros ("400 000", "1,5", "0,33").
    pub fn amount(self, value: f64) -> String {
        let text = self.number(value, 2);
        let mark = self.decimal_mark();
        if text.contains(mark) { text.trim_end_matches('0').trim_end_matches(mark).to_owned() } else { text }
    }

    /// Money in `currency` (an ISO code: SEK, DKK, NOK, EUR; `None` when not chosen yet):
    /// "400 000 kr" (sv, nb), "400.000 kr." (da), "SEK 400,000" (en), "400 000 €" / "€400,000".
    pub fn money(self, value: f64, currency: Option<&str>) -> String {
        let amount = self.amount(value);
        match (self, currency) {
            (_, None) => amount,
            (Lang::En, Some("EUR")) => format!("€{amount}"),
            (Lang::En, Some(code)) => format!("{code} {amount}"),
            (_, Some(code)) => format!("{amount} {}", self.currency_symbol(code)),
        }
    }

    /// How this language names a currency beside an amount: "kr", "kr." (Danish), "€", or
    /// the ISO code in English.
    pub fn currency_symbol(self, code: &str) -> String {
        match (self, code) {
            (_, "EUR") => "€".to_owned(),
            (Lang::En, code) => code.to_owned(),
            (Lang::Da, _) => "kr.".to_owned(),
            _ => "kr".to_owned(),
        }
    }

    /// A figure for a chart's bar at the chart's [`Scale`], grouped as this language groups
    /// thousands: "400", "2 100", "2,1". The chart's title names the scale in words.
    pub fn scaled(self, value: f64, scale: Scale) -> String {
        let shown = value / scale.divisor();
        let decimals = usize::from(scale == Scale::Millions && shown.abs() < 100.0);
        self.number(shown, decimals)
    }

    /// A number for a spreadsheet cell: no grouping, this language's decimal mark, as many
    /// decimals as it has (up to six), so it reads back exactly.
    pub fn plain_number(self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let mut text = format!("{value:.6}");
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
        if text == "-0" {
            "0".clone_into(&mut text);
        }
        text.replace('.', &self.decimal_mark().to_string())
    }

    /// Reads a number as someone typed it in this language: `400 000`, `400000`, `1,5`,
    /// `1.5`, `-15`, `400.000` (Danish thousands), `1,234.5` (English), with a trailing
    /// currency or `%` allowed ("400 000 kr"), and thousands or millions written as budgets
    /// write them ("250 tkr", "1,5 mkr", "1,5 mio. kr", "2 mill"). `unit` is
    /// the benefit's own unit, also allowed at the end ("12 timmar/år").
    pub fn parse_number(self, text: &str, unit: &str) -> Result<f64, NumberError> {
        parse(text, unit, Some(self.group_mark()))
    }
}

/// Reads a number from a spreadsheet cell: `.` or `,` as the decimal mark, spaces between
/// thousands; see [`Lang::parse_number`] for what people type.
pub fn parse_cell(text: &str) -> Result<f64, NumberError> {
    parse(text, "", None)
}

/// Currencies written after an amount, longest first where one ends another.
const CURRENCIES: [&str; 10] = ["kronor", "kroner", "kr.", "kr", "sek", "dkk", "nok", "euro", "eur", "€"];

/// Thousands, millions and billions as Nordic budgets write them after a number, with the
/// power of ten each stands for, and whether it may stand without a currency after it:
/// "250 tkr" and "250 t.kr." (thousand kronor), "1,5 mkr", "1,5 mnkr", "1,5 milj. kr" (sv),
/// "1,5 mio. kr." (da), "1,5 mill. kr" and "2 mill" (nb), "2 mdkr", "2 mia. kr". A bare
/// "t", "m" or "md" means nothing on its own (a unit could be metres or months).
const SCALES: [(&str, i32, bool); 24] = [
    ("t", 3, false),
    ("t.", 3, false),
    ("k", 3, true),
    ("tusen", 3, true),
    ("tusind", 3, true),
    ("thousand", 3, true),
    ("m", 6, false),
    ("mn", 6, true),
    ("milj", 6, true),
    ("milj.", 6, true),
    ("miljoner", 6, true),
    ("mio", 6, true),
    ("mio.", 6, true),
    ("mill", 6, true),
    ("mill.", 6, true),
    ("million", 6, true),
    ("millioner", 6, true),
    ("md", 9, false),
    ("mdr", 9, false),
    ("miljarder", 9, true),
    ("mia", 9, true),
    ("mia.", 9, true),
    ("mrd", 9, true),
    ("mrd.", 9, true),
];

/// The parser behind both: `group` is the language's thousands mark when `.` or `,` may be
/// one (a single `.` in Danish followed by exactly three digits groups; in English a `,`).
fn parse(text: &str, unit: &str, group: Option<char>) -> Result<f64, NumberError> {
    let s = text.trim().to_lowercase();
    let unit = unit.trim().to_lowercase();
    // The benefit's own unit first: "12 mdr" is twelve months where months are counted, and
    // with a unit of "kr/år", "1,5 mkr/år" is scaled as "1,5 mkr" is.
    if !unit.is_empty()
        && let Some(rest) = s.strip_suffix(unit.as_str())
    {
        let (rest, power) = scale(rest.trim_end(), true);
        match parse_plain(rest, power, group) {
            Err(NumberError::NotANumber) => {}
            read => return read,
        }
    }
    if let Some(rest) = s.strip_suffix('%') {
        return parse_plain(rest, 0, group);
    }
    let currency = CURRENCIES.iter().find_map(|c| s.strip_suffix(c));
    let (rest, power) = scale(currency.unwrap_or(&s).trim_end(), currency.is_some());
    parse_plain(rest, power, group)
}

/// `text` without the scale written at its end, and the power of ten that scale stands for
/// (0 without one). A short scale ("m", "t") counts only `before_unit`: right before a
/// currency or the benefit's unit, as in "mkr".
fn scale(text: &str, before_unit: bool) -> (&str, i32) {
    let after_number = |before: &str| before.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace());
    SCALES
        .iter()
        .filter(|(_, _, alone)| before_unit || *alone)
        .filter_map(|(word, power, _)| {
            text.strip_suffix(word).filter(|b| after_number(b)).map(|b| (b, *power))
        })
        // "mio." before "mio": the longest word that ends the text.
        .min_by_key(|(before, _)| before.len())
        .map_or((text, 0), |(before, power)| (before.trim_end(), power))
}

/// A number without anything after it, times ten to `power`.
fn parse_plain(s: &str, power: i32, group: Option<char>) -> Result<f64, NumberError> {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | '\''))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s.strip_prefix('+').unwrap_or(&s)),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(NumberError::NotANumber);
    }
    let marks: Vec<(usize, char)> = digits.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    let decimal_at = match marks.as_slice() {
        [] => None,
        [(at, mark)] => {
            let after = digits.len() - at - 1;
            let grouping = group == Some(*mark) && after == 3 && *at > 0;
            (!grouping).then_some(*at)
        }
        [.., (last, mark)] => {
            let others: Vec<char> = marks[..marks.len() - 1].iter().map(|(_, c)| *c).collect();
            if others.iter().all(|c| c == mark) {
                // "1.000.000": all grouping.
                None
            } else if others.iter().all(|c| c != mark) {
                // "1.234,5": the last mark is the decimal one, the others group.
                Some(*last)
            } else {
                return Err(NumberError::NotANumber);
            }
        }
    };
    let mut plain = String::with_capacity(digits.len());
    for (at, c) in digits.char_indices() {
        if c.is_ascii_digit() {
            plain.push(c);
        } else if Some(at) == decimal_at {
            plain.push('.');
        }
    }
    if plain.is_empty() || plain == "." {
        return Err(NumberError::NotANumber);
    }
    // Scaled as written ("1,1 mkr" is exactly 1 100 000), not multiplied after rounding.
    let value = sign * format!("{plain}e{power}").parse::<f64>().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() || value.abs() > MAX_VALUE {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_as_each_language_writes_it() {
        assert_eq!(Lang::Sv.money(400_000.0, Some("SEK")), "400 000 kr");
        assert_eq!(Lang::Nb.money(400_000.0, Some("NOK")), "400 000 kr");
        assert_eq!(Lang::Da.money(400_000.0, Some("DKK")), "400.000 kr.");
        assert_eq!(Lang::En.money(400_000.0, Some("SEK")), "SEK 400,000");
        assert_eq!(Lang::En.money(1_250.5, Some("EUR")), "€1,250.5");
        assert_eq!(Lang::Sv.money(-1_500.0, Some("EUR")), "-1 500 €");
        assert_eq!(Lang::Sv.money(999.0, None), "999");
    }

    #[test]
    fn decimals_take_the_decimal_comma() {
        assert_eq!(Lang::Sv.amount(1.5), "1,5");
        assert_eq!(Lang::En.amount(1.5), "1.5");
        assert_eq!(Lang::Da.amount(1234.567), "1.234,57");
        assert_eq!(Lang::Sv.amount(2.0), "2");
        assert_eq!(Lang::Sv.number(-0.001, 1), "0,0", "no minus zero");
        assert_eq!(Lang::Sv.number(f64::NAN, 1), "–", "never NaN on screen");
        assert_eq!(Lang::Sv.percent(35.4, 0), "35 %");
        // A chart's figures: one scale for all, grouped as the language groups thousands.
        assert_eq!(Scale::for_largest(3_750_000.0), Scale::Thousands);
        assert_eq!(Lang::Sv.scaled(3_750_000.0, Scale::Thousands), "3 750");
        assert_eq!(Scale::for_largest(12_500_000.0), Scale::Millions);
        assert_eq!(Lang::En.scaled(12_500_000.0, Scale::Millions), "12.5");
        assert_eq!(Lang::Da.scaled(950_000.0, Scale::Millions), "1,0");
        assert_eq!(Lang::Da.scaled(1_950_000.0, Scale::Thousands), "1.950");
        assert_eq!(Lang::En.scaled(-48_000.0, Scale::Thousands), "-48");
        assert_eq!(Scale::for_largest(-48_000.0), Scale::Ones);
        assert_eq!(Lang::Sv.scaled(620.0, Scale::Ones), "620");
        assert_eq!(Lang::Sv.scaled(18_530.0, Scale::Ones), "18 530");
        assert_eq!(Lang::En.percent(99.5, 0), "100%");
        assert_eq!(Lang::Sv.plain_number(1.5), "1,5");
        assert_eq!(Lang::En.plain_number(400_000.0), "400000");
        assert_eq!(Lang::En.plain_number(-0.25), "-0.25");
    }

    #[test]
    fn typed_numbers_are_read_in_every_language() {
        let sv = |t: &str| Lang::Sv.parse_number(t, "timmar/år");
        assert_eq!(sv("400 000"), Ok(400_000.0));
        assert_eq!(sv("400 000 kr"), Ok(400_000.0));
        assert_eq!(sv("1,5"), Ok(1.5));
        assert_eq!(sv("1.5"), Ok(1.5), "a point works too");
        assert_eq!(sv("-15"), Ok(-15.0));
        assert_eq!((sv("5."), sv(",5")), (Ok(5.0), Ok(0.5)));
        assert_eq!(sv("−15"), Ok(-15.0));
        assert_eq!(sv("12 timmar/år"), Ok(12.0));
        assert_eq!(sv("1.234,5"), Ok(1234.5));
        assert_eq!(Lang::Da.parse_number("400.000", ""), Ok(400_000.0));
        assert_eq!(Lang::Da.parse_number("1.5", ""), Ok(1.5));
        assert_eq!(Lang::En.parse_number("1,234.5", ""), Ok(1234.5));
        assert_eq!(Lang::En.parse_number("400,000", ""), Ok(400_000.0));
        assert_eq!(Lang::En.parse_number("1,5", ""), Ok(1.5));
        assert_eq!(parse_cell("1,5"), Ok(1.5));
        assert_eq!(parse_cell("400.000"), Ok(400.0), "a cell has no grouping by points");
    }

    #[test]
    fn budgets_are_read_in_thousands_millions_and_billions() {
        let sv = |t: &str| Lang::Sv.parse_number(t, "");
        let read = [
            (Lang::Sv, "1,5 mkr", "", 1_500_000.0),
            (Lang::Sv, "1,5 MKR", "", 1_500_000.0), // case does not matter
            (Lang::Sv, "1,5mkr", "", 1_500_000.0),  // nor the space
            (Lang::Sv, "1,5 mnkr", "", 1_500_000.0),
            (Lang::Sv, "1,5 Mnkr", "", 1_500_000.0),
            (Lang::Sv, "1,1 mkr", "", 1_100_000.0), // exactly, not 1 100 000,0000000002
            (Lang::Sv, "1,5 milj. kr", "", 1_500_000.0),
            (Lang::Sv, "1,5 miljoner kronor", "", 1_500_000.0),
            (Lang::Sv, "250 tkr", "", 250_000.0),
            (Lang::Sv, "250 kr", "", 250.0),
            (Lang::Sv, "2 mdkr", "", 2_000_000_000.0),
            (Lang::Sv, "2 mdr kr", "", 2_000_000_000.0),
            (Lang::Sv, "-0,4 mkr", "", -400_000.0),
            (Lang::Da, "1,5 mio. kr.", "", 1_500_000.0),
            (Lang::Da, "1,5 mio.kr.", "", 1_500_000.0),
            (Lang::Da, "250 t.kr.", "", 250_000.0),
            (Lang::Da, "1.500 tkr", "", 1_500_000.0), // Danish thousands, in thousands
            (Lang::Nb, "1,5 mill. kr", "", 1_500_000.0),
            (Lang::Nb, "1,5 mill kr", "", 1_500_000.0),
            (Lang::Nb, "2 mill", "", 2_000_000.0),
            (Lang::Nb, "2 mrd. kr", "", 2_000_000_000.0),
            (Lang::En, "1.5 million", "", 1_500_000.0),
            (Lang::En, "400k", "", 400_000.0),
            // The benefit's own unit comes first: months, not billions.
            (Lang::Da, "12 mdr", "mdr", 12.0),
            (Lang::Sv, "1,5 mkr", "kr", 1_500_000.0),
            (Lang::Sv, "1,5 mkr/år", "kr/år", 1_500_000.0), // scaled before the unit
            (Lang::Sv, "250 tkr/år", "kr/år", 250_000.0),
            (Lang::Sv, "1,5 mkr", "kr/år", 1_500_000.0),
            (Lang::Sv, "12 %", "%", 12.0),
        ];
        for (lang, text, unit, want) in read {
            assert_eq!(lang.parse_number(text, unit), Ok(want), "{lang:?} {text:?} with the unit {unit:?}");
        }
        // A cell in a spreadsheet reads the same way.
        assert_eq!(parse_cell("1,5 mkr"), Ok(1_500_000.0));
        // A letter alone is no scale; a scale alone is no number.
        for bad in ["2 m", "2 t", "2 md", "mkr", "tkr", "1,5 xkr", "1,5 mmkr", "mill"] {
            assert_eq!(sv(bad), Err(NumberError::NotANumber), "{bad:?}");
        }
        assert_eq!(sv("2 000 000 mdkr"), Err(NumberError::TooLarge));
    }

    #[test]
    fn what_is_not_a_number_says_so() {
        for bad in ["", "mycket", "12abc", "1,2.3,4", "--1", ".", "inf", "NaN", "1e5", "0x10"] {
            assert_eq!(Lang::Sv.parse_number(bad, ""), Err(NumberError::NotANumber), "{bad:?}");
        }
        assert_eq!(Lang::Sv.parse_number("1 000 000 000 000 000", ""), Err(NumberError::TooLarge));
        assert_eq!(Lang::Sv.parse_number("9".repeat(400).as_str(), ""), Err(NumberError::TooLarge));
    }
}
