//! The checklist templates fasett knows: the six bundled ones (embedded from
//! `data/templates/`) and the user's own, dropped as JSON files in the `templates` folder of
//! the config directory. A user file that does not parse or does not make sense is reported
//! with file, line, column and reason, and skipped — it never stops the app.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::model::{Facet, ResultKind, Template};

/// The bundled templates: file name and contents.
pub const BUNDLED: [(&str, &str); 6] = [
    ("culture_measures.json", include_str!("../data/templates/culture_measures.json")),
    ("facet_orientation.json", include_str!("../data/templates/facet_orientation.json")),
    ("innovation_climate.json", include_str!("../data/templates/innovation_climate.json")),
    ("innovation_journey.json", include_str!("../data/templates/innovation_journey.json")),
    ("leadership_focus.json", include_str!("../data/templates/leadership_focus.json")),
    ("trust_based_governance.json", include_str!("../data/templates/trust_based_governance.json")),
];

/// Why a template file was skipped: where, and what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", place(.line, .column))]
pub struct TemplateError {
    /// The file's name (a full path for user templates).
    pub file: String,
    /// 1-based; 0 when the problem has no single place (e.g. the file could not be read).
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// `:line:column`, or nothing when there is no single place.
fn place(line: &usize, column: &usize) -> String {
    if *line == 0 { String::new() } else { format!(":{line}:{column}") }
}

/// The installed templates, bundled first, and the files that were skipped.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub templates: Vec<Template>,
    pub errors: Vec<TemplateError>,
}

impl Catalog {
    /// The bundled templates only.
    pub fn bundled() -> Self {
        let mut catalog = Catalog::default();
        for (file, text) in BUNDLED {
            match parse(text, file) {
                Ok(t) => catalog.templates.push(t),
                Err(e) => catalog.errors.push(e),
            }
        }
        catalog
    }

    /// The bundled templates plus every `*.json` in `dir` (if it exists), in file-name order.
    /// A user template may not reuse the id of one already installed.
    pub fn with_user_dir(dir: &Path) -> Self {
        let mut catalog = Catalog::bundled();
        let Ok(entries) = std::fs::read_dir(dir) else { return catalog };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
            .collect();
        paths.sort();
        for path in paths {
            let file = path.display().to_string();
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) => {
                    catalog.errors.push(TemplateError { file, line: 0, column: 0, reason: e.to_string() });
                    continue;
                }
            };
            match parse(&text, &file) {
                Ok(t) if catalog.find(&t.id).is_some() => {
                    let (line, column) = locate(&text, &format!("\"{}\"", t.id));
                    let reason = format!("the id \"{}\" is already used by another template", t.id);
                    catalog.errors.push(TemplateError { file, line, column, reason });
                }
                Ok(t) => catalog.templates.push(t),
                Err(e) => catalog.errors.push(e),
            }
        }
        catalog
    }

    /// The installed template with this id (any version).
    pub fn find(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
}

/// `templates` in fasett's config directory, where users drop their own templates.
pub fn user_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "fasett").map(|d| d.config_dir().join("templates"))
}

/// Reads and checks one template. Syntax and type errors carry `serde_json`'s line and column
/// and the JSON path; checks that fail point at the first line naming the offending value.
pub fn parse(text: &str, file: &str) -> Result<Template, TemplateError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let template: Template = match serde_path_to_error::deserialize(&mut de) {
        Ok(t) => t,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let mut reason = inner.to_string();
            // serde_json appends " at line L column C"; we report those separately.
            if let Some(ix) = reason.rfind(" at line ") {
                reason.truncate(ix);
            }
            if path != "." && !path.is_empty() {
                reason = format!("{path}: {reason}");
            }
            return Err(TemplateError {
                file: file.to_owned(),
                line: inner.line(),
                column: inner.column(),
                reason,
            });
        }
    };
    if let Err(problem) = validate(&template) {
        let (line, column) = problem.needle.as_deref().map_or((1, 1), |n| locate_nth(text, n, problem.nth));
        return Err(TemplateError { file: file.to_owned(), line, column, reason: problem.reason });
    }
    Ok(template)
}

/// What is wrong with a parsed template, and which text to point at in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub reason: String,
    /// A piece of the file to find the line by (e.g. `"trust"`), and which occurrence.
    needle: Option<String>,
    nth: usize,
}

impl Problem {
    fn new(reason: String, needle: Option<String>, nth: usize) -> Self {
        Self { reason, needle, nth }
    }
}

/// Checks what the types cannot: unique ids, items in existing dimensions, a label for every
/// step of the scale, a facet on every item of a facet-orientation template.
pub fn validate(t: &Template) -> Result<(), Problem> {
    let quoted = |s: &str| Some(format!("\"{s}\""));
    if t.id.trim().is_empty() {
        return Err(Problem::new("the template has no id".into(), Some("\"id\"".into()), 0));
    }
    if t.name.0.values().all(|n| n.trim().is_empty()) {
        return Err(Problem::new("the template has no name".into(), Some("\"name\"".into()), 0));
    }
    let scale = &t.scale;
    if scale.min >= scale.max {
        return Err(Problem::new(
            format!("the scale's min ({}) must be below its max ({})", scale.min, scale.max),
            Some("\"min\"".into()),
            0,
        ));
    }
    let mut seen = BTreeSet::new();
    for step in &scale.steps {
        if step.value < scale.min || step.value > scale.max {
            return Err(Problem::new(
                format!("scale step {} is outside {}–{}", step.value, scale.min, scale.max),
                Some("\"steps\"".into()),
                0,
            ));
        }
        if !seen.insert(step.value) {
            return Err(Problem::new(
                format!("scale step {} is listed twice", step.value),
                Some("\"steps\"".into()),
                0,
            ));
        }
        if step.label.0.values().all(|l| l.trim().is_empty()) {
            return Err(Problem::new(
                format!("scale step {} has no label", step.value),
                Some("\"steps\"".into()),
                0,
            ));
        }
    }
    if let Some(missing) = (scale.min..=scale.max).find(|v| !seen.contains(v)) {
        return Err(Problem::new(
            format!("the scale has no step for {missing} (every value from min to max needs a label)"),
            Some("\"steps\"".into()),
            0,
        ));
    }
    if t.dimensions.is_empty() {
        return Err(Problem::new("the template has no dimensions".into(), Some("\"dimensions\"".into()), 0));
    }
    let mut dims = BTreeSet::new();
    for d in &t.dimensions {
        if !dims.insert(d.id.as_str()) {
            return Err(Problem::new(format!("dimension id \"{}\" is used twice", d.id), quoted(&d.id), 1));
        }
    }
    if t.items.is_empty() {
        return Err(Problem::new("the template has no items".into(), Some("\"items\"".into()), 0));
    }
    let mut items = BTreeSet::new();
    for item in &t.items {
        if item.id.trim().is_empty() {
            return Err(Problem::new("an item has no id".into(), Some("\"items\"".into()), 0));
        }
        if !items.insert(item.id.as_str()) {
            let nth = usize::from(dims.contains(item.id.as_str())) + 1;
            return Err(Problem::new(
                format!("item id \"{}\" is used twice", item.id),
                quoted(&item.id),
                nth,
            ));
        }
        if !dims.contains(item.dimension.as_str()) {
            return Err(Problem::new(
                format!(
                    "item \"{}\" is in dimension \"{}\", which the template does not list",
                    item.id, item.dimension
                ),
                quoted(&item.dimension),
                0,
            ));
        }
        if t.result == ResultKind::FacetOrientation && !item.facet.is_some_and(Facet::is_on_grid) {
            return Err(Problem::new(
                format!(
                    "item \"{}\" needs a facet (mission_oriented, anticipatory, enhancement_oriented or adaptive) in a facet_orientation template",
                    item.id
                ),
                quoted(&item.id),
                0,
            ));
        }
    }
    let mut perspectives = BTreeSet::new();
    for p in &t.perspectives {
        if !perspectives.insert(p.id.as_str()) {
            return Err(Problem::new(format!("perspective id \"{}\" is used twice", p.id), quoted(&p.id), 1));
        }
    }
    Ok(())
}

/// Line and column (1-based) of the first occurrence of `needle`, else the file's start.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    locate_nth(text, needle, 0)
}

/// Line and column (1-based) of occurrence `nth` (0-based) of `needle`, falling back to the
/// first occurrence, then to the file's start.
fn locate_nth(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let found = text.match_indices(needle).nth(nth).or_else(|| text.match_indices(needle).next());
    let Some((offset, _)) = found else { return (1, 1) };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"{
  "id": "team_pulse",
  "version": 1,
  "name": {"en": "Team pulse"},
  "scale": {"min": 1, "max": 3, "steps": [
    {"value": 1, "label": {"en": "Rarely"}},
    {"value": 2, "label": {"en": "Sometimes"}},
    {"value": 3, "label": {"en": "Often"}}
  ]},
  "dimensions": [{"id": "team", "name": {"en": "The team"}}],
  "items": [
    {"id": "ideas", "dimension": "team", "text": {"en": "We try out new ideas."}},
    {"id": "time", "dimension": "team", "text": {"en": "We have time."}}
  ]
}
"#;

    #[test]
    fn every_bundled_template_loads_and_validates() {
        let catalog = Catalog::bundled();
        assert!(catalog.errors.is_empty(), "{:?}", catalog.errors);
        assert_eq!(catalog.templates.len(), BUNDLED.len());
        for (file, _) in BUNDLED {
            let id = file.trim_end_matches(".json");
            assert!(catalog.find(id).is_some(), "{id} is installed under its file name");
        }
    }

    #[test]
    fn a_good_user_template_parses() {
        let t = parse(MINI, "mine.json").expect("valid");
        assert_eq!(t.items.len(), 2);
    }

    fn error_for(text: &str) -> TemplateError {
        parse(text, "mine.json").expect_err("should be refused")
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let broken = MINI.replacen("\"version\": 1,", "\"version\": 1", 1);
        let e = error_for(&broken);
        assert_eq!((e.file.as_str(), e.line), ("mine.json", 4), "{e}");
        assert!(e.column > 0);
        assert!(e.to_string().starts_with("mine.json:4:"), "{e}");
    }

    #[test]
    fn type_errors_name_the_json_path() {
        let e = error_for(&MINI.replacen("\"max\": 3", "\"max\": \"three\"", 1));
        assert_eq!(e.line, 5, "{e}");
        assert!(e.reason.contains("scale.max"), "{e}");
    }

    #[test]
    fn duplicate_item_ids_are_refused_at_the_second_one() {
        let e = error_for(&MINI.replacen("\"id\": \"time\"", "\"id\": \"ideas\"", 1));
        assert!(e.reason.contains("item id \"ideas\" is used twice"), "{e}");
        assert_eq!(e.line, 13, "{e}");
    }

    #[test]
    fn items_must_be_in_a_listed_dimension() {
        let e = error_for(&MINI.replacen(
            "\"dimension\": \"team\", \"text\": {\"en\": \"We have",
            "\"dimension\": \"tem\", \"text\": {\"en\": \"We have",
            1,
        ));
        assert!(e.reason.contains("dimension \"tem\""), "{e}");
        assert_eq!(e.line, 13, "{e}");
    }

    #[test]
    fn the_scale_needs_a_labelled_step_for_every_value() {
        let gap = MINI.replacen("    {\"value\": 2, \"label\": {\"en\": \"Sometimes\"}},\n", "", 1);
        assert!(error_for(&gap).reason.contains("no step for 2"));
        let twice = MINI.replacen("\"value\": 3", "\"value\": 2", 1);
        assert!(error_for(&twice).reason.contains("listed twice"));
        let unlabelled = MINI.replacen("{\"en\": \"Often\"}", "{}", 1);
        assert!(error_for(&unlabelled).reason.contains("no label"));
        let upside_down = MINI.replacen("\"min\": 1, \"max\": 3", "\"min\": 3, \"max\": 1", 1);
        assert!(error_for(&upside_down).reason.contains("below its max"));
    }

    #[test]
    fn facet_orientation_items_need_a_facet() {
        let facet = MINI.replacen("\"version\": 1,", "\"version\": 1, \"result\": \"facet_orientation\",", 1);
        let e = error_for(&facet);
        assert!(e.reason.contains("needs a facet"), "{e}");
        let mixed =
            facet.replace("\"dimension\": \"team\",", "\"dimension\": \"team\", \"facet\": \"mixed\",");
        assert!(error_for(&mixed).reason.contains("needs a facet"));
        let placed =
            facet.replace("\"dimension\": \"team\",", "\"dimension\": \"team\", \"facet\": \"adaptive\",");
        assert!(parse(&placed, "mine.json").is_ok());
    }

    #[test]
    fn user_templates_are_added_and_bad_ones_skipped_with_a_reason() {
        let dir = crate::testing::temp_dir();
        std::fs::write(dir.path().join("a_good.json"), MINI).expect("write");
        std::fs::write(dir.path().join("b_broken.json"), "{ \"id\": ").expect("write");
        std::fs::write(dir.path().join("c_clash.json"), MINI.replace("team_pulse", "innovation_climate"))
            .expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a template").expect("write");
        let catalog = Catalog::with_user_dir(dir.path());
        assert_eq!(catalog.templates.len(), BUNDLED.len() + 1);
        assert!(catalog.find("team_pulse").is_some());
        assert_eq!(catalog.errors.len(), 2, "{:?}", catalog.errors);
        assert!(catalog.errors[0].file.ends_with("b_broken.json"));
        assert_eq!(catalog.errors[0].line, 1);
        assert!(catalog.errors[1].reason.contains("already used"), "{:?}", catalog.errors[1]);
        assert_eq!(catalog.errors[1].line, 2);
    }

    #[test]
    fn a_missing_user_directory_is_no_error() {
        let catalog = Catalog::with_user_dir(Path::new("/nonexistent/fasett/templates"));
        assert!(catalog.errors.is_empty());
        assert_eq!(catalog.templates.len(), BUNDLED.len());
    }
}
