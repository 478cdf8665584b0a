//! Which field a header names: the catalog's headers in the four languages, the JSON keys,
//! and the names kommuner give the columns of their own registers (documented for users in
//! `docs/import.md`).

use std::collections::HashMap;

use super::columns::norm;
use crate::export::{COLUMNS, Column, LEGACY_COLUMNS};
use crate::i18n::Lang;

/// The field a header names, in any of the four languages (or as the JSON key).
pub fn column_for(header: &str) -> Option<Column> {
    static MAP: std::sync::OnceLock<HashMap<String, Column>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for &column in COLUMNS.iter().chain(LEGACY_COLUMNS) {
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
        &[
            "title",
            "titel",
            "tittel",
            "namn",
            "navn",
            "name",
            "rubrik",
            "initiativ",
            "initiative",
            "idé",
            "ide",
            "idea",
            "din idé",
            "idéns namn",
            "förslag",
            "forslag",
            "proposal",
            "projekt",
            "prosjekt",
            "project",
            "projektnamn",
            "prosjektnavn",
            "tiltak",
            "aktivitet",
            "activity",
            "benämning",
            "betegnelse",
        ],
    ),
    (
        Column::Description,
        &[
            "description",
            "beskrivning",
            "beskrivelse",
            "beskriv din idé",
            "beskrivning av idén",
            "beskrivelse av tiltaket",
            "kort beskrivning",
            "kort beskrivelse",
            "summary",
            "sammanfattning",
            "sammendrag",
            "resumé",
        ],
    ),
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
        &[
            "expected benefit",
            "förväntad nytta",
            "forventet gevinst",
            "forventet nytte",
            "nytta",
            "gevinst",
            "nytte",
            "benefit",
            "förväntad effekt",
            "forventet effekt",
        ],
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
    (
        Column::Owner,
        &[
            "owner",
            "ägare",
            "ejer",
            "eier",
            "ansvarig",
            "ansvarlig",
            "projektledare",
            "prosjektleder",
            "projektleder",
            "kontaktperson",
            "responsible",
        ],
    ),
    (
        Column::Unit,
        &[
            "unit",
            "enhet",
            "förvaltning",
            "afdeling",
            "enhed",
            "avdeling",
            "avdelning",
            "forvaltning",
            "sektor",
            "sector",
            "verksamhet",
            "virksomhet",
            "department",
            "område",
            "tjenesteområde",
            "center",
            "senter",
        ],
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
    (
        Column::Tags,
        &[
            "tags",
            "tag",
            "taggar",
            "tagg",
            "stikkord",
            "nøgleord",
            "emneord",
            "nyckelord",
            "kategori",
            "kategorier",
            "category",
            "categories",
            "tema",
            "theme",
            "typ",
            "type",
        ],
    ),
    (Column::Log, &["log", "logg", "logbog", "loggbok"]),
    (Column::Archived, &["archived", "arkiverad", "arkiveret", "arkivert"]),
    (
        Column::Created,
        &[
            "created",
            "skapad",
            "oprettet",
            "opprettet",
            "datum",
            "dato",
            "date",
            "inkommen",
            "inkom",
            "inkommet",
            "modtaget",
            "mottatt",
            "registrerad",
            "registreret",
            "registrert",
            "dato registrert",
            "date received",
            "submitted",
        ],
    ),
    (Column::Updated, &["updated", "uppdaterad", "opdateret", "oppdatert"]),
    (Column::Extra, &["extra", "extra json", "extra (json)"]),
    (Column::Portfolio, &["portfolio", "portfölj", "portefølje", "portfolio id"]),
];
