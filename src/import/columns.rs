//! What the file's words mean: the words each choice column takes (facet, stage, status,
//! track, …), in English, Swedish, Danish and Norwegian, as the catalog names them, as people
//! write them in their own registers, and as the JSON keys (the headers are in
//! `import/headers`). The lists are documented for users in `docs/import.md`.

use std::collections::HashMap;
use std::hash::Hash;

use super::mapping::{Choice, is_flag};
use crate::export::Column;
use crate::i18n::Lang;
use crate::model::{
    CreatedTo, Facet, Keyed, LogKind, NeedSource, Pressure, Priority, PushedBy, Stage, Status, Track,
};

/// A header or a value made comparable: case, accents, spaces and punctuation removed.
pub(super) fn norm(text: &str) -> String {
    crate::text::fold(text.trim()).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Words for every choice, in the four languages, the JSON keys and the catalog's names.
pub(super) struct Vocab {
    pub(super) facets: HashMap<String, Facet>,
    pub(super) stages: HashMap<String, Stage>,
    pub(super) statuses: HashMap<String, Status>,
    /// Status words of registers that also say the stage ("Under utredning").
    pub(super) status_at: HashMap<String, (Status, Stage)>,
    pub(super) tracks: HashMap<String, Track>,
    pub(super) sources: HashMap<String, NeedSource>,
    pub(super) pressures: HashMap<String, Pressure>,
    pub(super) priorities: HashMap<String, Priority>,
    pub(super) created_to: HashMap<String, CreatedTo>,
    pub(super) pushed_by: HashMap<String, PushedBy>,
    pub(super) kinds: HashMap<String, LogKind>,
    pub(super) yes_no: HashMap<String, bool>,
}

fn words<T: Keyed + Eq + Hash>(prefixes: &[&str], extra: &[(T, &[&str])]) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for value in T::ALL {
        map.insert(norm(value.key()), *value);
        for lang in Lang::ALL {
            for prefix in prefixes {
                map.insert(norm(lang.t(&format!("{prefix}.{}", value.key()))), *value);
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

/// [`words`] for an answer of the OPSI question, also known by its mark (1–4, a–d) and by
/// `earlier` words.
fn marked<T: Keyed + Eq + Hash>(
    prefix: &str,
    mark: fn(T) -> &'static str,
    earlier: &[(T, &[&str])],
) -> HashMap<String, T> {
    let mut map = words(&[prefix], earlier);
    map.extend(T::ALL.iter().map(|v| (norm(mark(*v)), *v)));
    map
}

/// What earlier versions wrote for answers to "mainly pushed by" before they were worded to
/// follow the question, which the sheets they exported still hold.
const EARLIER_PUSHED_BY: &[(PushedBy, &[&str])] = &[
    (
        PushedBy::LeadersWantResults,
        &[
            "leaders want results",
            "ledelse og politikere vil se resultater",
            "ledere og politikere vil se resultater",
        ],
    ),
    (
        PushedBy::CostsAndProcesses,
        &[
            "cut costs, improve processes",
            "sänka kostnader, förbättra processer",
            "spare penge, forbedre arbejdsgange",
            "kutte kostnader, forbedre prosesser",
        ],
    ),
    (PushedBy::PreparingForFuture, &["forberede os på fremtiden", "forberede oss på framtida"]),
];

impl Vocab {
    /// The one vocabulary, built on first use.
    pub(super) fn get() -> &'static Vocab {
        static VOCAB: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
        VOCAB.get_or_init(Vocab::new)
    }

    /// What the word `key` (already [`norm`]ed) means in `column`.
    pub(super) fn choice(&self, column: Column, key: &str) -> Option<Choice> {
        fn get<T: Copy>(map: &HashMap<String, T>, key: &str) -> Option<T> {
            map.get(key).copied()
        }
        match column {
            Column::Facet => get(&self.facets, key).map(Choice::Facet),
            Column::Stage => get(&self.stages, key).map(Choice::Stage),
            Column::Status => self
                .status_at
                .get(key)
                .map(|(s, at)| Choice::StatusAt(*s, *at))
                .or_else(|| get(&self.statuses, key).map(Choice::Status)),
            Column::Track => get(&self.tracks, key).map(Choice::Track),
            Column::NeedSources => get(&self.sources, key).map(Choice::NeedSource),
            Column::Relieves => get(&self.pressures, key).map(Choice::Pressure),
            Column::Priority => get(&self.priorities, key).map(Choice::Priority),
            Column::CreatedTo => get(&self.created_to, key).map(Choice::CreatedTo),
            Column::PushedBy => get(&self.pushed_by, key).map(Choice::PushedBy),
            c if is_flag(c) => get(&self.yes_no, key).map(Choice::Flag),
            _ => None,
        }
    }

    fn new() -> Self {
        use Facet as F;
        use Stage as S;
        Vocab {
            facets: words(
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
                &["status"],
                &[
                    (Status::Active, &["aktiv", "aktivt", "pågående", "igång"]),
                    (
                        Status::Paused,
                        &[
                            "pausad",
                            "pausat",
                            "pauset",
                            "på paus",
                            "vilande",
                            "parkerad",
                            "parkeret",
                            "parkert",
                            "parked",
                            "on hold",
                            "vilar",
                            "satt på vent",
                            "på vent",
                        ],
                    ),
                    (
                        Status::Stopped,
                        &[
                            "stoppad",
                            "stoppat",
                            "stoppet",
                            "avbruten",
                            "avbrutet",
                            "afbrudt",
                            "avbrutt",
                            "nedlagt",
                            "avslag",
                            "avslagen",
                            "avslaget",
                            "avvisad",
                            "avvisat",
                            "avvist",
                            "afvist",
                            "afslag",
                            "rejected",
                            "declined",
                            "ej aktuell",
                            "ikke aktuelt",
                            "ikke aktuel",
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
                            "genomförd",
                            "genomfört",
                            "gjennomført",
                            "gennemført",
                            "implementerad",
                            "implementert",
                            "implementeret",
                            "finished",
                            "implemented",
                            "klart",
                            "avslutet",
                        ],
                    ),
                ],
            ),
            status_at: status_at(),
            tracks: words(
                &["track"],
                &[(Track::Local, &["lokal", "local"]), (Track::Radical, &["radikal", "radical"])],
            ),
            sources: words(
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
                &["priority"],
                &[
                    (Priority::Low, &["låg", "lav", "low"]),
                    (Priority::Medium, &["medel", "mellan", "mellem", "middels", "medium"]),
                    (Priority::High, &["hög", "høj", "høy", "high"]),
                ],
            ),
            created_to: marked("created_to", CreatedTo::mark, &[]),
            pushed_by: marked("pushed_by", PushedBy::mark, EARLIER_PUSHED_BY),
            kinds: words(
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

/// Status words of idea registers that also say how far the initiative has come.
fn status_at() -> HashMap<String, (Status, Stage)> {
    use Stage as S;
    let table: &[(Stage, &[&str])] = &[
        (
            S::GeneratingIdeas,
            &[
                "ny",
                "nytt",
                "new",
                "inkommen",
                "inkommet",
                "inkommit",
                "modtaget",
                "mottatt",
                "mottaget",
                "received",
                "submitted",
                "idé",
                "ide",
                "idea",
                "förslag",
                "forslag",
            ],
        ),
        (
            S::DevelopingProposals,
            &[
                "under utredning",
                "utreds",
                "under udredning",
                "udredes",
                "under utredning",
                "utredes",
                "under vurdering",
                "vurderes",
                "under bedömning",
                "bedöms",
                "under review",
                "under investigation",
                "ikke startet",
                "ej påbörjad",
                "inte påbörjad",
                "ikke påbegyndt",
                "ikke påbegynt",
                "not started",
                "planerad",
                "planlagt",
                "planned",
            ],
        ),
        (
            S::Implementing,
            &[
                "pågår",
                "pågar",
                "under arbeid",
                "under arbejde",
                "i gang",
                "igang",
                "igangsat",
                "igangsatt",
                "startet",
                "påbörjad",
                "beslutad",
                "beslutat",
                "besluttet",
                "vedtatt",
                "vedtaget",
                "godkänd",
                "godkjent",
                "godkendt",
                "approved",
                "decided",
                "in progress",
                "ongoing",
                "under genomförande",
                "under gjennomføring",
                "under implementering",
            ],
        ),
        (
            S::Evaluating,
            &["utvärderas", "under utvärdering", "evalueres", "under evaluering", "being evaluated"],
        ),
    ];
    let mut map = HashMap::new();
    for (stage, words) in table {
        for word in *words {
            map.insert(norm(word), (Status::Active, *stage));
        }
    }
    map
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
