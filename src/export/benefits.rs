//! Benefits and their measurements as two tables beside the initiatives: one row per benefit,
//! keyed by the initiative's ID and its own; one row per measurement, keyed by the
//! initiative's, the benefit's and its own. Each table is rows of cells, so any file format
//! can write it: CSV writes each as a file of its own beside the initiatives
//! (`portfolio.csv`, `portfolio-benefits.csv`, `portfolio-measurements.csv`); a spreadsheet
//! can write each as a sheet.
//!
//! Cells follow the initiatives table's rules (see [`super`]): choices by name in the
//! interface language, dates ISO, numbers plain with the language's decimal mark (no
//! thousands separator, so they read back exactly), unknown keys in `Extra (JSON)`.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::number;
use crate::i18n::Lang;
use crate::model::{Benefit, Keyed, Portfolio, keyed_enum};

/// The tables written beside the initiatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Benefits,
    Measurements,
}

impl Table {
    pub const ALL: [Table; 2] = [Table::Benefits, Table::Measurements];

    /// What is added to the initiatives file's name: `-benefits`.
    pub fn suffix(self) -> &'static str {
        match self {
            Table::Benefits => "-benefits",
            Table::Measurements => "-measurements",
        }
    }

    /// The table's file beside the initiatives file `path`: `x.csv` → `x-benefits.csv`.
    pub fn beside(self, path: &Path) -> PathBuf {
        let stem = path.file_stem().map_or_else(|| "portfolio".into(), |s| s.to_string_lossy());
        let extension = path.extension().map_or_else(|| "csv".into(), |e| e.to_string_lossy());
        path.with_file_name(format!("{stem}{}.{extension}", self.suffix()))
    }

    /// The headers, in the interface language.
    pub fn headers(self, lang: Lang) -> Vec<&'static str> {
        match self {
            Table::Benefits => BenefitColumn::headers(lang),
            Table::Measurements => MeasurementColumn::headers(lang),
        }
    }

    /// The rows, before the formula guard.
    pub fn rows(self, portfolio: &Portfolio, lang: Lang) -> Vec<Vec<String>> {
        match self {
            Table::Benefits => benefit_rows(portfolio, lang),
            Table::Measurements => measurement_rows(portfolio, lang),
        }
    }
}

/// A column of one of these tables; its header is the catalog's `csv.<TABLE>_<key>`.
pub trait TableColumn: Keyed {
    /// The table's word in the header's catalog key: `benefit`.
    const TABLE: &'static str;

    fn header(self, lang: Lang) -> &'static str {
        lang.t(&format!("csv.{}_{}", Self::TABLE, self.key()))
    }

    /// Every column's header, in file order.
    fn headers(lang: Lang) -> Vec<&'static str> {
        Self::ALL.iter().map(|c| c.header(lang)).collect()
    }
}

keyed_enum! {
    /// A column of the benefits table, in file order; its header is the catalog's
    /// `csv.benefit_<key>`.
    pub enum BenefitColumn {
        Initiative = "initiative",
        Id = "id",
        Title = "title",
        Kind = "kind",
        Relieves = "relieves",
        Indicator = "indicator",
        Unit = "unit",
        Baseline = "baseline",
        BaselineDate = "baseline_date",
        Target = "target",
        TargetDate = "target_date",
        Owner = "owner",
        HowMeasured = "how_measured",
        Extra = "extra",
    }
}

impl TableColumn for BenefitColumn {
    const TABLE: &'static str = "benefit";
}

keyed_enum! {
    /// A column of the measurements table, in file order; its header is the catalog's
    /// `csv.measurement_<key>`.
    pub enum MeasurementColumn {
        Initiative = "initiative",
        Benefit = "benefit",
        Id = "id",
        Date = "date",
        Value = "value",
        Note = "note",
        Extra = "extra",
    }
}

impl TableColumn for MeasurementColumn {
    const TABLE: &'static str = "measurement";
}

/// A benefit's unknown keys, its baseline's and target's under their (known) names.
fn benefit_extras(b: &Benefit) -> String {
    let mut out: Map<String, Value> = b.extra.clone();
    for (key, extra) in [("baseline", &b.baseline.extra), ("target", &b.target.extra)] {
        if !extra.is_empty() {
            out.insert(key.to_owned(), Value::Object(extra.clone()));
        }
    }
    if out.is_empty() { String::new() } else { Value::Object(out).to_string() }
}

fn date(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// One row per benefit, in [`BenefitColumn::ALL`] order.
pub fn benefit_rows(portfolio: &Portfolio, lang: Lang) -> Vec<Vec<String>> {
    portfolio
        .benefits()
        .map(|(i, b)| {
            BenefitColumn::ALL
                .iter()
                .map(|column| match column {
                    BenefitColumn::Initiative => i.id.to_string(),
                    BenefitColumn::Id => b.id.to_string(),
                    BenefitColumn::Title => b.title.clone(),
                    BenefitColumn::Kind => lang.t(&format!("benefit_kind.{}", b.kind.key())).to_owned(),
                    BenefitColumn::Relieves => b
                        .relieves
                        .map(|p| lang.t(&format!("pressure.{}", p.key())).to_owned())
                        .unwrap_or_default(),
                    BenefitColumn::Indicator => b.indicator.clone(),
                    BenefitColumn::Unit => b.unit.clone(),
                    BenefitColumn::Baseline => number(b.baseline.value, lang),
                    BenefitColumn::BaselineDate => date(b.baseline.date),
                    BenefitColumn::Target => number(b.target.value, lang),
                    BenefitColumn::TargetDate => date(b.target.date),
                    BenefitColumn::Owner => b.owner.clone(),
                    BenefitColumn::HowMeasured => b.how_measured.clone(),
                    BenefitColumn::Extra => benefit_extras(b),
                })
                .collect()
        })
        .collect()
}

/// One row per measurement, in [`MeasurementColumn::ALL`] order.
pub fn measurement_rows(portfolio: &Portfolio, lang: Lang) -> Vec<Vec<String>> {
    portfolio
        .benefits()
        .flat_map(|(i, b)| b.measurements.iter().map(move |m| (i, b, m)))
        .map(|(i, b, m)| {
            MeasurementColumn::ALL
                .iter()
                .map(|column| match column {
                    MeasurementColumn::Initiative => i.id.to_string(),
                    MeasurementColumn::Benefit => b.id.to_string(),
                    MeasurementColumn::Id => m.id.to_string(),
                    MeasurementColumn::Date => m.date.to_string(),
                    MeasurementColumn::Value => number(m.value, lang),
                    MeasurementColumn::Note => m.note.clone(),
                    MeasurementColumn::Extra if m.extra.is_empty() => String::new(),
                    MeasurementColumn::Extra => Value::Object(m.extra.clone()).to_string(),
                })
                .collect()
        })
        .collect()
}
