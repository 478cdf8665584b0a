//! What the file's words mean: headers matched to fields, and the words each choice column
//! takes (facet, stage, status, track, …), in English, Swedish, Danish and Norwegian, as the
//! catalog names them, as people write them, and as the JSON keys.

use std::collections::HashMap;
use std::hash::Hash;

use super::Problem;
use crate::export::{COLUMNS, Column, LEGACY_COLUMNS};
use crate::i18n::Lang;
use crate::model::{
    CreatedTo, Facet, LogKind, NeedSource, Pressure, Priority, PushedBy, Stage, Status, Track,
};

/// What the header line says.
pub(super) struct Header {
    /// The field of each column, in file order; `None` for a column that is ignored.
    pub(super) columns: Vec<Option<Column>>,
    /// Headers that match no field.
    pub(super) ignored: Vec<String>,
    /// Fields named by two columns.
    pub(super) problems: Vec<Problem>,
}

/// Recognises each header of the file's first line.
pub(super) fn recognise(headers: &csv::StringRecord, lang: Lang) -> Header {
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
    Header { columns, ignored, problems }
}

/// A header or a value made comparable: case, accents, spaces and punctuation removed.
pub(super) fn norm(text: &str) -> String {
    crate::text::fold(text.trim()).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The field a header names, in any of the four languages (or as the JSON key).
pub fn column_for(header: &str) -> Option<Column> {
    static MAP: std::sync::OnceLock<HashMap<String, Column>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for column in COLUMNS.into_iter().chain(LEGACY_COLUMNS) {
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
pub(super) struct Vocab {
    pub(super) facets: HashMap<String, Facet>,
    pub(super) stages: HashMap<String, Stage>,
    pub(super) statuses: HashMap<String, Status>,
    pub(super) tracks: HashMap<String, Track>,
    pub(super) sources: HashMap<String, NeedSource>,
    pub(super) pressures: HashMap<String, Pressure>,
    pub(super) priorities: HashMap<String, Priority>,
    pub(super) created_to: HashMap<String, CreatedTo>,
    pub(super) pushed_by: HashMap<String, PushedBy>,
    pub(super) kinds: HashMap<String, LogKind>,
    pub(super) yes_no: HashMap<String, bool>,
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
    pub(super) fn new() -> Self {
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
                    // "notis" is what earlier Swedish exports wrote for a note.
                    (LogKind::Note, &["anteckning", "notat", "notering", "notis"]),
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
pub(super) fn options(column: Column, lang: Lang) -> String {
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
