//! `fasett import FILE.csv` and `:import FILE`: initiatives from a spreadsheet export.
//!
//! Reads what [`crate::export`] writes and what people save from Excel, Numbers or
//! `LibreOffice` in any of our four languages:
//! - encoding: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode
//!   text"), and, when the bytes are not UTF-8, Windows-1252 (older Excel), converted and said
//!   so;
//! - the delimiter (`;`, `,` or tab) is found from the header line; CRLF or LF;
//! - headers are matched case- and accent-insensitively against English, Swedish, Danish and
//!   Norwegian names ([`column_for`]); unknown columns are ignored and named;
//! - choices (facet, stage, status, track, …) in all four languages, and the JSON keys.
//!
//! Every bad row is reported with its line number and the reason, and nothing is imported if
//! any row is bad. Imported initiatives always get new ids.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::Value;

use crate::export::{COLUMNS, Column, split_list, unescape_line, unguard};
use crate::history::Change;
use crate::i18n::Lang;
use crate::model::extras::Extra;
use crate::model::{
    Collection, CreatedTo, Facet, Initiative, LogEntry, LogKind, NeedSource, Placement, Portfolio, Pressure,
    Priority, PushedBy, Stage, Status, Track,
};

/// Larger files are refused before reading: a portfolio of 10,000 initiatives with long logs
/// is a few megabytes, so anything this size is not a register export.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One thing wrong with the file, at a line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<u64>,
    pub message: String,
}

impl Problem {
    /// The problem with "line N" in the interface language.
    pub fn localized(&self, lang: Lang) -> String {
        match self.line {
            Some(line) => lang.tf("import.at_line", &[("line", &line), ("message", &self.message)]),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A file that could be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The initiatives, in file order, with id 0 (see [`into_change`]).
    pub initiatives: Vec<Initiative>,
    /// Headers that match no field, ignored.
    pub ignored: Vec<String>,
    /// What was noticed and handled: a conversion from Windows-1252, the delimiter found.
    pub notes: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum ImportError {
    /// The file could not be read at all (exit 1).
    Io { path: PathBuf, source: std::io::Error },
    /// The file was read but is not a usable CSV (exit 2); `notes` as in [`Parsed`].
    Bad { problems: Vec<Problem>, notes: Vec<String> },
}

impl ImportError {
    pub fn is_bad_data(&self) -> bool {
        matches!(self, ImportError::Bad { .. })
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ImportError::Bad { problems, .. } => {
                for (ix, p) in problems.iter().enumerate() {
                    if ix > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

/// Reads and parses `path` (checking its size first).
pub fn read(path: &Path, portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Parsed, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        let message = lang.tf(
            "import.too_large",
            &[("size", &format!("{:.1}", size as f64 / 1_048_576.0)), ("max", &(MAX_BYTES / 1_048_576))],
        );
        return Err(ImportError::Bad { problems: vec![Problem { line: None, message }], notes: vec![] });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(&bytes, portfolio, lang, today)
}

/// Parses CSV bytes into initiatives for `portfolio` (whose goals named by title are found).
pub fn parse(bytes: &[u8], portfolio: &Portfolio, lang: Lang, today: Date) -> Result<Parsed, ImportError> {
    let mut notes = Vec::new();
    let bad = |problems: Vec<Problem>, notes: Vec<String>| Err(ImportError::Bad { problems, notes });
    if bytes.len() as u64 > MAX_BYTES {
        let message = lang.tf(
            "import.too_large",
            &[
                ("size", &format!("{:.1}", bytes.len() as f64 / 1_048_576.0)),
                ("max", &(MAX_BYTES / 1_048_576)),
            ],
        );
        return bad(vec![Problem { line: None, message }], notes);
    }
    let text = decode(bytes, lang, &mut notes);
    if text.trim().is_empty() {
        return bad(vec![Problem { line: None, message: lang.t("import.empty").to_owned() }], notes);
    }
    let delimiter = detect_delimiter(&text);
    if let Some(line) = unclosed_quote(&text, delimiter) {
        let problem = Problem { line: Some(line), message: lang.t("import.open_quote").to_owned() };
        return bad(vec![problem], notes);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return bad(vec![Problem { line: Some(1), message: e.to_string() }], notes),
    };
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    let mut ignored = Vec::new();
    let mut problems = Vec::new();
    for (ix, header) in headers.iter().enumerate() {
        let column = column_for(header);
        if let Some(c) = column
            && let Some(first) = columns.iter().position(|x| *x == Some(c))
        {
            problems.push(Problem {
                line: Some(1),
                message: lang.tf(
                    "import.duplicate_column",
                    &[("name", &header.trim()), ("first", &(first + 1)), ("second", &(ix + 1))],
                ),
            });
        }
        if column.is_none() && !header.trim().is_empty() {
            ignored.push(header.trim().to_owned());
        }
        columns.push(column);
    }
    if !columns.contains(&Some(Column::Title)) {
        let found = headers.iter().map(|h| format!("“{}”", h.trim())).collect::<Vec<_>>().join(", ");
        let message = lang.tf(
            "import.no_title_column",
            &[("found", &found), ("delimiter", &delimiter_name(delimiter, lang))],
        );
        problems.push(Problem { line: Some(1), message });
        return bad(problems, notes);
    }
    if !problems.is_empty() {
        return bad(problems, notes);
    }
    if delimiter != b';' {
        notes.push(lang.tf("import.delimiter_note", &[("delimiter", &delimiter_name(delimiter, lang))]));
    }
    let vocab = Vocab::new();
    let goals_by_title: HashMap<String, u32> =
        portfolio.organisation.goals.iter().map(|g| (crate::text::fold(g.title.trim()), g.id)).collect();
    let has_created = columns.contains(&Some(Column::Created));
    let mut initiatives = Vec::new();
    // The reader's own line numbers lag by one after CRLF; count from byte offsets instead.
    let newlines: Vec<usize> = memchr_all(text.as_bytes(), b'\n');
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                problems.push(Problem { line, message: e.to_string() });
                break;
            }
        }
        let line = line_of(&text, &newlines, record.position().map_or(0, csv::Position::byte));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            problems.push(Problem {
                line: Some(line),
                message: lang.tf("import.ragged", &[("found", &record.len()), ("expected", &columns.len())]),
            });
            continue;
        }
        let mut row = Row { lang, vocab: &vocab, goals: &goals_by_title, today, errors: Vec::new() };
        let mut i =
            Initiative { created: if has_created { None } else { Some(today) }, ..Initiative::default() };
        let mut placement: (Option<CreatedTo>, Option<PushedBy>) = (None, None);
        let mut extra = None;
        for (cell, column) in record.iter().zip(&columns) {
            let Some(column) = column else { continue };
            let cell = unguard(cell);
            row.fill(&mut i, *column, cell, &mut placement, &mut extra);
        }
        if i.title.trim().is_empty() {
            row.errors.push(lang.t("import.empty_title").to_owned());
        }
        match placement {
            (Some(created_to), Some(pushed_by)) => {
                i.placement = Some(Placement { created_to, pushed_by, extra: Extra::default() });
            }
            (None, None) => {}
            _ => row.errors.push(lang.t("import.half_placement").to_owned()),
        }
        if let Some(extra) = extra {
            spread_extras(&mut i, extra);
        }
        if row.errors.is_empty() {
            initiatives.push(i);
        } else {
            problems.extend(row.errors.into_iter().map(|message| Problem { line: Some(line), message }));
        }
    }
    if problems.is_empty() { Ok(Parsed { initiatives, ignored, notes }) } else { bad(problems, notes) }
}

fn memchr_all(bytes: &[u8], needle: u8) -> Vec<usize> {
    bytes.iter().enumerate().filter(|(_, b)| **b == needle).map(|(ix, _)| ix).collect()
}

/// The 1-based line of the record starting at `byte` (skipping the line break before it).
fn line_of(text: &str, newlines: &[usize], byte: u64) -> u64 {
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    let bytes = text.as_bytes();
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    newlines.partition_point(|n| *n < at) as u64 + 1
}

/// Gives the parsed initiatives new ids after everything in `portfolio` and returns them as
/// one change (one undo step in the app).
pub fn into_change(portfolio: &mut Portfolio, initiatives: Vec<Initiative>) -> Change {
    let mut changes = Vec::with_capacity(initiatives.len());
    if initiatives.is_empty() {
        return Change::Batch(changes);
    }
    // One scan for the first id; the rest follow it (allocate_id scans every time).
    let first = portfolio.allocate_id(Collection::Initiative);
    let mut next = first;
    for mut i in initiatives {
        i.id = next;
        next = next.saturating_add(1);
        changes.push(Change::initiative(None, Some(i)));
    }
    portfolio.next_id.initiative = next;
    Change::Batch(changes)
}

/// Text from the file's bytes: a UTF-8 or UTF-16 BOM is honoured, invalid UTF-8 is read as
/// Windows-1252 (and a note says so).
fn decode(bytes: &[u8], lang: Lang, notes: &mut Vec<String>) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode(rest, lang, notes);
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) }
        });
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let line = memchr_all(&bytes[..e.valid_up_to()], b'\n').len() + 1;
            notes.push(lang.tf("import.converted_1252", &[("line", &line)]));
            bytes.iter().map(|b| windows_1252(*b)).collect()
        }
    }
}

/// One Windows-1252 byte as a character: Latin-1, except 0x80–0x9F where Windows put
/// typographic characters (undefined ones map to the C1 control of the same number, as
/// browsers do).
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        b => char::from(b),
    }
}

/// The delimiter the header line uses most: `;`, tab or `,` (`;` when none).
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut best = (0, b';');
    for d in [b';', b'\t', b','] {
        let n = header.bytes().filter(|b| *b == d).count();
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

fn delimiter_name(d: u8, lang: Lang) -> String {
    match d {
        b'\t' => lang.t("import.tab").to_owned(),
        d => format!("“{}”", char::from(d)),
    }
}

/// The line of a quote that opens a field and is never closed (the csv reader would quietly
/// swallow the rest of the file into that one cell).
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut line = 1u64;
    let mut at_field_start = true;
    let mut open: Option<u64> = None;
    let mut ix = 0;
    while ix < bytes.len() {
        let b = bytes[ix];
        if b == b'\n' {
            line += 1;
        }
        if open.is_some() {
            if b == b'"' {
                if bytes.get(ix + 1) == Some(&b'"') {
                    ix += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && at_field_start {
            open = Some(line);
        }
        at_field_start = open.is_none() && (b == delimiter || b == b'\n' || b == b'\r');
        ix += 1;
    }
    open
}

/// A header or a value made comparable: case, accents, spaces and punctuation removed.
fn norm(text: &str) -> String {
    crate::text::fold(text.trim()).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The field a header names, in any of the four languages (or as the JSON key).
pub fn column_for(header: &str) -> Option<Column> {
    static MAP: std::sync::OnceLock<HashMap<String, Column>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for column in COLUMNS {
            map.insert(norm(column.key()), column);
            for lang in Lang::ALL {
                map.insert(norm(column.header(lang)), column);
            }
        }
        for (column, names) in HEADER_ALIASES {
            for name in *names {
                map.insert(norm(name), *column);
            }
        }
        map
    });
    map.get(&norm(header)).copied()
}

/// Header names people use, beyond the catalog's: English, Swedish, Danish, Norwegian.
const HEADER_ALIASES: &[(Column, &[&str])] = &[
    (Column::Id, &["nr", "no", "number", "nummer"]),
    (
        Column::Title,
        &["title", "titel", "tittel", "namn", "navn", "name", "rubrik", "initiativ", "initiative"],
    ),
    (Column::Description, &["description", "beskrivning", "beskrivelse"]),
    (Column::Need, &["need", "behov", "need it answers"]),
    (
        Column::NeedSources,
        &["need sources", "need from", "behov från", "behovskälla", "behovskilde", "behov fra"],
    ),
    (Column::Facet, &["facet", "fasett", "facett", "hörn", "hjørne"]),
    (
        Column::CreatedTo,
        &["created to", "primarily created to", "skapat för att", "oprettet for at", "opprettet for å"],
    ),
    (Column::PushedBy, &["pushed by", "mainly pushed by", "drivs av", "drevet af", "drevet av"]),
    (Column::Stage, &["stage", "fas", "fase", "livsfas", "livsfase", "lifecycle stage", "stadie", "stadium"]),
    (Column::Status, &["status", "läge", "tilstand"]),
    (Column::Track, &["track", "spår", "spor"]),
    (Column::Relieves, &["relieves", "3 p", "3 ps", "avlastar", "aflaster", "avlaster", "de 3 p"]),
    (
        Column::ExpectedEfficiency,
        &[
            "expected efficiency",
            "efficiency",
            "effektivitet",
            "förväntad effektivitet",
            "forventet effektivitet",
        ],
    ),
    (
        Column::ExpectedQuality,
        &["expected quality", "quality", "kvalitet", "förväntad kvalitet", "forventet kvalitet"],
    ),
    (
        Column::ExpectedBenefit,
        &["expected benefit", "förväntad nytta", "forventet gevinst", "forventet nytte", "nytta"],
    ),
    (
        Column::BenefitAnalysed,
        &[
            "benefit analysed",
            "benefit analyzed",
            "nyttan analyserad",
            "gevinst analyseret",
            "gevinst analysert",
        ],
    ),
    (
        Column::BenefitRealised,
        &[
            "benefit realised",
            "benefit realized",
            "nyttan realiserad",
            "gevinst realiseret",
            "gevinst realisert",
        ],
    ),
    (
        Column::RealisedBenefit,
        &[
            "realised benefit",
            "realized benefit",
            "realiserad nytta",
            "realiseret gevinst",
            "realisert gevinst",
            "realisert nytte",
        ],
    ),
    (Column::Owner, &["owner", "ägare", "ejer", "eier", "ansvarig", "ansvarlig"]),
    (
        Column::Unit,
        &["unit", "enhet", "förvaltning", "afdeling", "enhed", "avdeling", "avdelning", "forvaltning"],
    ),
    (
        Column::Partners,
        &[
            "partners",
            "partner",
            "samarbetspartner",
            "samarbetspartners",
            "samarbejdspartnere",
            "samarbeidspartnere",
            "parter",
        ],
    ),
    (Column::Goals, &["goals", "goal", "mål", "serves goals"]),
    (Column::Priority, &["priority", "prioritet", "prioritering"]),
    (Column::Start, &["start", "start date", "startdatum", "startdato", "startet"]),
    (
        Column::FollowUp,
        &[
            "follow-up",
            "follow up",
            "next follow-up",
            "uppföljning",
            "opfølgning",
            "oppfølging",
            "nästa uppföljning",
            "næste opfølgning",
            "neste oppfølging",
            "uppföljningsdatum",
        ],
    ),
    (Column::End, &["end", "end date", "slut", "slutdatum", "slutdato", "sluttdato", "slutt"]),
    (Column::Tags, &["tags", "tag", "taggar", "tagg", "stikkord", "nøgleord", "emneord", "nyckelord"]),
    (Column::Log, &["log", "logg", "logbog", "loggbok"]),
    (Column::Archived, &["archived", "arkiverad", "arkiveret", "arkivert"]),
    (Column::Created, &["created", "skapad", "oprettet", "opprettet"]),
    (Column::Updated, &["updated", "uppdaterad", "opdateret", "oppdatert"]),
    (Column::Extra, &["extra", "extra json", "extra (json)"]),
];

/// Words for every choice, in the four languages, the JSON keys and the catalog's names.
struct Vocab {
    facets: HashMap<String, Facet>,
    stages: HashMap<String, Stage>,
    statuses: HashMap<String, Status>,
    tracks: HashMap<String, Track>,
    sources: HashMap<String, NeedSource>,
    pressures: HashMap<String, Pressure>,
    priorities: HashMap<String, Priority>,
    created_to: HashMap<String, CreatedTo>,
    pushed_by: HashMap<String, PushedBy>,
    kinds: HashMap<String, LogKind>,
    yes_no: HashMap<String, bool>,
}

fn words<T: Copy + Eq + Hash>(
    all: &[T],
    key: fn(T) -> &'static str,
    prefixes: &[&str],
    extra: &[(T, &[&str])],
) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for value in all {
        map.insert(norm(key(*value)), *value);
        for lang in Lang::ALL {
            for prefix in prefixes {
                map.insert(norm(lang.t(&format!("{prefix}.{}", key(*value)))), *value);
            }
        }
    }
    for (value, names) in extra {
        for name in *names {
            map.insert(norm(name), *value);
        }
    }
    map
}

impl Vocab {
    fn new() -> Self {
        use Facet as F;
        use Stage as S;
        Vocab {
            facets: words(
                &F::ALL,
                F::key,
                &["facet", "facet_short"],
                &[
                    (
                        F::MissionOriented,
                        &[
                            "missionsorienterad",
                            "missionsorienteret",
                            "misjonsorientert",
                            "mission",
                            "misjon",
                        ],
                    ),
                    (F::Anticipatory, &["föregripande", "foregribende", "foregripende", "anticipatory"]),
                    (
                        F::EnhancementOriented,
                        &[
                            "förbättringsorienterad",
                            "forbedringsorienteret",
                            "forbedringsorientert",
                            "enhancement",
                            "förbättring",
                            "forbedring",
                        ],
                    ),
                    (F::Adaptive, &["adaptiv", "adaptive"]),
                    (F::Mixed, &["blandad", "blandet", "mixed", "mixed/unplaced"]),
                    (
                        F::Unplaced,
                        &[
                            "oplacerad",
                            "ej placerad",
                            "uplaceret",
                            "ikke placeret",
                            "uplassert",
                            "ikke plassert",
                            "unplaced",
                        ],
                    ),
                ],
            ),
            stages: words(
                &S::ALL,
                S::key,
                &["stage", "stage_short"],
                &[
                    (
                        S::IdentifyingProblems,
                        &[
                            "1",
                            "identifiera problem",
                            "identifiering av problem",
                            "problemidentifiering",
                            "identificere problemer",
                            "identifisere problemer",
                            "identificering af problemer",
                        ],
                    ),
                    (
                        S::GeneratingIdeas,
                        &[
                            "2",
                            "generera idéer",
                            "idégenerering",
                            "generere idéer",
                            "generere ideer",
                            "idegenerering",
                        ],
                    ),
                    (
                        S::DevelopingProposals,
                        &[
                            "3",
                            "utveckla förslag",
                            "utveckling av förslag",
                            "udvikle forslag",
                            "utvikle forslag",
                        ],
                    ),
                    (
                        S::Implementing,
                        &[
                            "4",
                            "genomföra",
                            "genomförande",
                            "implementera",
                            "implementering",
                            "implementere",
                            "gjennomføring",
                        ],
                    ),
                    (S::Evaluating, &["5", "utvärdera", "utvärdering", "evaluere", "evaluering"]),
                    (
                        S::DiffusingLessons,
                        &[
                            "6",
                            "sprida lärdomar",
                            "spridning",
                            "sprede erfaringer",
                            "spredning",
                            "spre erfaringer",
                            "spre lærdom",
                        ],
                    ),
                ],
            ),
            statuses: words(
                &Status::ALL,
                Status::key,
                &["status"],
                &[
                    (Status::Active, &["aktiv", "aktivt", "pågående", "igång"]),
                    (Status::Paused, &["pausad", "pausat", "pauset", "på paus", "vilande"]),
                    (
                        Status::Stopped,
                        &[
                            "stoppad", "stoppat", "stoppet", "avbruten", "avbrutet", "afbrudt", "avbrutt",
                            "nedlagt",
                        ],
                    ),
                    (
                        Status::Completed,
                        &[
                            "avslutad",
                            "avslutat",
                            "klar",
                            "färdig",
                            "afsluttet",
                            "avsluttet",
                            "fullført",
                            "ferdig",
                            "done",
                        ],
                    ),
                ],
            ),
            tracks: words(
                &Track::ALL,
                Track::key,
                &["track"],
                &[(Track::Local, &["lokal", "local"]), (Track::Radical, &["radikal", "radical"])],
            ),
            sources: words(
                &NeedSource::ALL,
                NeedSource::key,
                &["need_source"],
                &[
                    (
                        NeedSource::Citizens,
                        &["medborgare", "invånare", "borgere", "innbyggere", "innbyggjarar", "citizens"],
                    ),
                    (
                        NeedSource::Employees,
                        &["medarbetare", "anställda", "medarbejdere", "ansatte", "employees"],
                    ),
                    (
                        NeedSource::OutsideWorld,
                        &["omvärld", "omvärlden", "omverden", "omverdenen", "omgivelser", "outside world"],
                    ),
                ],
            ),
            pressures: words(
                &Pressure::ALL,
                Pressure::key,
                &["pressure"],
                &[
                    (Pressure::Money, &["pengar", "penge", "penger", "ekonomi", "økonomi", "money"]),
                    (
                        Pressure::Products,
                        &["produkter", "tjänster", "tjenester", "ydelser", "products", "services"],
                    ),
                    (Pressure::Staff, &["personal", "personale", "personell", "staff"]),
                ],
            ),
            priorities: words(
                &Priority::ALL,
                Priority::key,
                &["priority"],
                &[
                    (Priority::Low, &["låg", "lav", "low"]),
                    (Priority::Medium, &["medel", "mellan", "mellem", "middels", "medium"]),
                    (Priority::High, &["hög", "høj", "høy", "high"]),
                ],
            ),
            created_to: words(
                &CreatedTo::ALL,
                CreatedTo::key,
                &["created_to"],
                &[
                    (CreatedTo::ImproveExistingServices, &["1"]),
                    (CreatedTo::ReachOverarchingGoal, &["2"]),
                    (CreatedTo::ExploreUncertainties, &["3"]),
                    (CreatedTo::MeetNewNeeds, &["4"]),
                ],
            ),
            pushed_by: words(
                &PushedBy::ALL,
                PushedBy::key,
                &["pushed_by"],
                &[
                    (PushedBy::LeadersWantResults, &["a"]),
                    (PushedBy::CostsAndProcesses, &["b"]),
                    (PushedBy::BottomUpTesting, &["c"]),
                    (PushedBy::PreparingForFuture, &["d"]),
                ],
            ),
            kinds: words(
                &LogKind::ALL,
                LogKind::key,
                &["log_kind"],
                &[
                    (LogKind::Note, &["anteckning", "notat", "notering"]),
                    (LogKind::Decision, &["beslut", "beslutning"]),
                    (LogKind::Lesson, &["lärdom", "læring", "lærdom", "erfaring"]),
                ],
            ),
            yes_no: {
                let mut m = HashMap::new();
                for lang in Lang::ALL {
                    m.insert(norm(lang.t("csv.yes")), true);
                    m.insert(norm(lang.t("csv.no")), false);
                }
                for w in ["yes", "y", "ja", "j", "true", "sant", "1", "x"] {
                    m.insert(norm(w), true);
                }
                for w in ["no", "n", "nej", "nei", "false", "falskt", "0", ""] {
                    m.insert(norm(w), false);
                }
                m
            },
        }
    }
}

/// The words a choice column takes, in `lang`: "Mission-oriented, Anticipatory, …".
fn options(column: Column, lang: Lang) -> String {
    let names = |prefix: &str, keys: Vec<&str>| {
        keys.iter().map(|k| lang.t(&format!("{prefix}.{k}"))).collect::<Vec<_>>().join(", ")
    };
    match column {
        Column::Facet => names("facet", Facet::ALL.iter().map(|x| x.key()).collect()),
        Column::Stage => names("stage", Stage::ALL.iter().map(|x| x.key()).collect()),
        Column::Status => names("status", Status::ALL.iter().map(|x| x.key()).collect()),
        Column::Track => names("track", Track::ALL.iter().map(|x| x.key()).collect()),
        Column::NeedSources => names("need_source", NeedSource::ALL.iter().map(|x| x.key()).collect()),
        Column::Relieves => names("pressure", Pressure::ALL.iter().map(|x| x.key()).collect()),
        Column::Priority => names("priority", Priority::ALL.iter().map(|x| x.key()).collect()),
        Column::CreatedTo => names("created_to", CreatedTo::ALL.iter().map(|x| x.key()).collect()),
        Column::PushedBy => names("pushed_by", PushedBy::ALL.iter().map(|x| x.key()).collect()),
        _ => String::new(),
    }
}

/// Filling one initiative from one row, collecting what is wrong with it.
struct Row<'a> {
    lang: Lang,
    vocab: &'a Vocab,
    goals: &'a HashMap<String, u32>,
    today: Date,
    errors: Vec<String>,
}

impl Row<'_> {
    fn error(&mut self, column: Column, key: &str, value: &str) {
        let header = column.header(self.lang);
        let value = crate::text::one_line(value);
        self.errors.push(self.lang.tf(key, &[("column", &header), ("value", &value)]));
    }

    fn choice<T: Copy>(&mut self, map: &HashMap<String, T>, column: Column, cell: &str) -> Option<T> {
        let found = map.get(&norm(cell)).copied();
        if found.is_none() {
            let header = column.header(self.lang);
            let value = crate::text::one_line(cell);
            let options = options(column, self.lang);
            self.errors.push(
                self.lang.tf(
                    "import.unknown_word",
                    &[("column", &header), ("value", &value), ("options", &options)],
                ),
            );
        }
        found
    }

    fn choices<T: Copy>(&mut self, map: &HashMap<String, T>, column: Column, cell: &str) -> Vec<T> {
        split_list(cell)
            .iter()
            .filter(|item| !item.trim().is_empty())
            .filter_map(|item| self.choice(map, column, item))
            .collect()
    }

    fn flag(&mut self, column: Column, cell: &str) -> bool {
        if let Some(b) = self.vocab.yes_no.get(&norm(cell)) {
            *b
        } else {
            self.error(column, "import.not_yes_no", cell);
            false
        }
    }

    fn date(&mut self, column: Column, cell: &str) -> Option<Date> {
        if let Ok(d) = crate::dates::parse(cell, self.today) {
            d
        } else {
            self.error(column, "import.bad_date", cell);
            None
        }
    }

    // One arm per column reads best, blank cells included.
    #[allow(clippy::match_same_arms, clippy::assigning_clones)]
    fn fill(
        &mut self,
        i: &mut Initiative,
        column: Column,
        cell: &str,
        placement: &mut (Option<CreatedTo>, Option<PushedBy>),
        extra: &mut Option<serde_json::Map<String, Value>>,
    ) {
        let v = self.vocab;
        let blank = cell.trim().is_empty();
        match column {
            // New ids are given on import; the old one only identified the row.
            Column::Id => {}
            Column::Title => i.title = cell.to_owned(),
            Column::Description => i.description = cell.to_owned(),
            Column::Need => i.need = cell.to_owned(),
            Column::NeedSources => i.need_sources = self.choices(&v.sources, column, cell),
            Column::Facet if blank => i.facet = Facet::Unplaced,
            Column::Facet => i.facet = self.choice(&v.facets, column, cell).unwrap_or(Facet::Unplaced),
            Column::CreatedTo if blank => {}
            Column::CreatedTo => placement.0 = self.choice(&v.created_to, column, cell),
            Column::PushedBy if blank => {}
            Column::PushedBy => placement.1 = self.choice(&v.pushed_by, column, cell),
            Column::Stage if blank => {}
            Column::Stage => i.stage = self.choice(&v.stages, column, cell).unwrap_or(i.stage),
            Column::Status if blank => {}
            Column::Status => i.status = self.choice(&v.statuses, column, cell).unwrap_or(i.status),
            Column::Track if blank => i.track = None,
            Column::Track => i.track = self.choice(&v.tracks, column, cell),
            Column::Relieves => i.relieves = self.choices(&v.pressures, column, cell),
            Column::ExpectedEfficiency => i.expected_benefit.efficiency = self.flag(column, cell),
            Column::ExpectedQuality => i.expected_benefit.quality = self.flag(column, cell),
            Column::ExpectedBenefit => i.expected_benefit.text = cell.to_owned(),
            Column::BenefitAnalysed => i.realised_benefit.analysed = self.flag(column, cell),
            Column::BenefitRealised => i.realised_benefit.realised = self.flag(column, cell),
            Column::RealisedBenefit => i.realised_benefit.text = cell.to_owned(),
            Column::Owner => i.owner = cell.to_owned(),
            Column::Unit => i.unit = cell.to_owned(),
            Column::Partners => i.partners = split_list(cell),
            Column::Goals => i.goals = self.goals(cell),
            Column::Priority if blank => {}
            Column::Priority => i.priority = self.choice(&v.priorities, column, cell).unwrap_or(i.priority),
            Column::Start => i.start = self.date(column, cell),
            Column::FollowUp => i.follow_up = self.date(column, cell),
            Column::End => i.end = self.date(column, cell),
            Column::Tags => i.tags = split_list(cell),
            Column::Log => i.log = self.log(cell),
            Column::Archived => i.archived = self.flag(column, cell),
            Column::Created => i.created = self.date(column, cell),
            Column::Updated if blank => i.updated = None,
            Column::Updated => match cell.trim().parse::<jiff::Timestamp>() {
                Ok(t) => i.updated = Some(t),
                Err(_) => self.error(column, "import.bad_timestamp", cell),
            },
            Column::Extra if blank => {}
            Column::Extra => match serde_json::from_str::<Value>(cell) {
                Ok(Value::Object(map)) => *extra = Some(map),
                _ => self.error(column, "import.bad_extra", cell),
            },
        }
    }

    /// `#3 Title`, `3` or a goal's title (matched in the portfolio being imported into).
    fn goals(&mut self, cell: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for item in split_list(cell) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let digits: String =
                item.trim_start_matches('#').chars().take_while(char::is_ascii_digit).collect();
            let numbered = item.starts_with('#') || digits.len() == item.len();
            let id = match (numbered, digits.parse::<u32>()) {
                (true, Ok(id)) => Some(id),
                _ => self.goals.get(&crate::text::fold(item)).copied(),
            };
            match id {
                Some(id) => out.push(id),
                None => self.error(Column::Goals, "import.unknown_goal", item),
            }
        }
        out
    }

    /// One entry per line: `YYYY-MM-DD kind: text` (the kind may be left out).
    fn log(&mut self, cell: &str) -> Vec<LogEntry> {
        let mut out = Vec::new();
        for line in cell.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let (date, rest) = line.split_once(' ').unwrap_or((line, ""));
            let Ok(Some(date)) = crate::dates::parse(date.trim_end_matches(':'), self.today) else {
                self.error(Column::Log, "import.bad_log", line);
                continue;
            };
            let (kind, text) = match rest.split_once(':') {
                Some((word, text)) if self.vocab.kinds.contains_key(&norm(word)) => {
                    (self.vocab.kinds[&norm(word)], text.strip_prefix(' ').unwrap_or(text))
                }
                _ => (LogKind::Note, rest),
            };
            out.push(LogEntry { date, kind, text: unescape_line(text), extra: Extra::default() });
        }
        out
    }
}

/// Puts the `Extra (JSON)` cell's keys back where [`crate::export::extras_json`] took them.
fn spread_extras(i: &mut Initiative, mut map: serde_json::Map<String, Value>) {
    let mut take = |key: &str| match map.get(key) {
        Some(Value::Object(_)) => match map.remove(key) {
            Some(Value::Object(o)) => Some(o),
            _ => None,
        },
        _ => None,
    };
    if let Some(o) = take("expected_benefit") {
        i.expected_benefit.extra = o;
    }
    if let Some(o) = take("realised_benefit") {
        i.realised_benefit.extra = o;
    }
    if let Some(o) = take("placement")
        && let Some(p) = i.placement.as_mut()
    {
        p.extra = o;
    }
    if let Some(Value::Array(_)) = map.get("log")
        && let Some(Value::Array(entries)) = map.remove("log")
    {
        for (entry, extra) in i.log.iter_mut().zip(entries) {
            if let Value::Object(o) = extra {
                entry.extra = o;
            }
        }
    }
    i.extra = map;
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn today() -> Date {
        date(2026, 11, 25)
    }

    fn parse_str(text: &str) -> Result<Parsed, ImportError> {
        parse(text.as_bytes(), &Portfolio::default(), Lang::En, today())
    }

    fn problems(result: Result<Parsed, ImportError>) -> Vec<String> {
        match result {
            Err(ImportError::Bad { problems, .. }) => problems.iter().map(ToString::to_string).collect(),
            other => panic!("expected bad data, got {other:?}"),
        }
    }

    #[test]
    fn headers_and_words_in_four_languages() {
        for (h, c) in [
            ("Titel", Column::Title),
            ("NAVN", Column::Title),
            ("Beskrivelse", Column::Description),
            ("Ägare", Column::Owner),
            ("ejer", Column::Owner),
            ("Förvaltning", Column::Unit),
            ("Enhed", Column::Unit),
            ("Fas", Column::Stage),
            ("Fase", Column::Stage),
            ("Spår", Column::Track),
            ("Stikkord", Column::Tags),
            ("Uppföljning", Column::FollowUp),
            ("Oppfølging", Column::FollowUp),
            ("follow_up", Column::FollowUp),
        ] {
            assert_eq!(column_for(h), Some(c), "{h}");
        }
        let csv = "Titel;Fasett;Fas;Status;Spår\nA;missionsorienterad;Genomförande;Aktiv;lokal\n\
                   B;foregribende;evaluering;afsluttet;radikal\nC;Forbedringsorientert;5;pauset;\n\
                   D;adaptive_x;1;active;\n";
        assert_eq!(
            problems(parse_str(csv)),
            [
                "line 5: Facet: “adaptive_x” is not one of Mission-oriented, Anticipatory, Enhancement-oriented, \
             Adaptive, Mixed, Unplaced (the same words in Swedish, Danish and Norwegian also work)."
            ]
        );
        let ok = parse_str(&csv.replace("adaptive_x", "enhancement_oriented")).expect("parses");
        let facets: Vec<Facet> = ok.initiatives.iter().map(|i| i.facet).collect();
        assert_eq!(
            facets,
            [
                Facet::MissionOriented,
                Facet::Anticipatory,
                Facet::EnhancementOriented,
                Facet::EnhancementOriented
            ]
        );
        assert_eq!(ok.initiatives[1].status, Status::Completed);
        assert_eq!(ok.initiatives[2].stage, Stage::Evaluating);
        assert_eq!(ok.initiatives[0].created, Some(today()), "no Created column: created today");
    }

    #[test]
    fn delimiters_and_unknown_columns() {
        let ok = parse_str("title,colour,owner\r\nA,red,Anna\r\n").expect("parses");
        assert_eq!(ok.ignored, ["colour"]);
        assert_eq!(ok.initiatives[0].owner, "Anna");
        assert_eq!(parse_str("title\towner\nA\tB\n").expect("tabs").initiatives[0].owner, "B");
    }

    #[test]
    fn bad_rows_are_reported_with_line_numbers() {
        let text = "title;facet;follow-up\n;adaptiv;\nB;adaptiv;soon\n\"C\nstill C\";adaptiv\nD;adaptiv;2026-01-01\n";
        let got = problems(parse_str(text));
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(problems(parse_str(&text.replace('\n', "\r\n"))), got, "the same lines with CRLF");
        assert!(got[0].starts_with("line 2: ") && got[0].contains("title"), "{got:?}");
        assert!(got[1].starts_with("line 3: ") && got[1].contains("soon"), "{got:?}");
        assert!(got[2].starts_with("line 4: ") && got[2].contains("2 fields"), "{got:?}");
    }

    #[test]
    fn an_open_quote_is_found() {
        let got = problems(parse_str("title;owner\nA;B\n\"C;D\nE;F\n"));
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("line 3: "), "{got:?}");
        assert!(parse_str("title;owner\n\"say \"\"hi\"\"\";x\n").is_ok());
    }

    #[test]
    fn windows_1252_is_converted_and_said() {
        let bytes = b"titel;\xe4gare\nK\xf6k;Bj\x96rn \x80\n".to_vec();
        let ok = parse(&bytes, &Portfolio::default(), Lang::En, today()).expect("converted");
        assert_eq!(ok.initiatives[0].title, "Kök");
        assert_eq!(ok.initiatives[0].owner, "Bj–rn €");
        assert!(ok.notes.iter().any(|n| n.contains("Windows-1252")));
        let utf16: Vec<u8> = "title\nÅsa\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let ok = parse(&[&[0xFF, 0xFE][..], &utf16].concat(), &Portfolio::default(), Lang::En, today())
            .expect("utf16");
        assert_eq!(ok.initiatives[0].title, "Åsa");
    }

    #[test]
    fn no_title_column_names_what_was_found() {
        let got = problems(parse_str("name|owner\nA|B\n"));
        assert!(got[0].contains("name|owner"), "{got:?}");
    }

    #[test]
    fn new_ids_follow_the_portfolio() {
        let mut p = Portfolio::default();
        p.initiatives.push(Initiative { id: 7, ..Initiative::default() });
        let change = into_change(&mut p, vec![Initiative::default(), Initiative::default()]);
        change.apply(&mut p);
        assert_eq!(p.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), [7, 8, 9]);
        assert_eq!(p.next_id.initiative, 10);
    }
}
