//! The report's pictures, drawn by fasett as inline SVG: OPSI's facet diamond, the lifecycle
//! funnel and the checklist results per dimension. Each has a `<title>` and a `<desc>` that say
//! in words what it shows; the HTML puts a table with the same figures beside it.
//!
//! Positions are fixed and sizes depend on shares, never on counts alone, so zero, one or
//! 10,000 initiatives draw the same frame; labels longer than their room are shortened (the
//! table beside the picture has them whole).

use std::fmt::Write as _;

use super::Facts;
use super::content::ChecklistChart;
use super::html::esc;
use crate::i18n::Lang;
use crate::model::{Facet, Stage};
use crate::placement::{ChangeType, Pole};
use crate::text::shorten_words;

/// Width of every chart's coordinate system; the page scales it to the column.
const WIDTH: u32 = 760;
const FONT: &str = "font-family=\"Arial,'Liberation Sans',Helvetica,sans-serif\"";

/// The facets' colours, in `Facet::GRID` order; dark enough for white text's neighbours and
/// distinct in greyscale print.
const COLOURS: [&str; 4] = ["#1f5fa8", "#b5562b", "#2f7d4f", "#7a4a9c"];

fn open(o: &mut String, id: &str, height: u32, title: &str, desc: &str) {
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" {FONT} font-size=\"14\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(desc)
    );
}

/// Where each grid facet sits on the diamond: mission top, enhancement left, anticipatory
/// right, adaptive bottom (docs/domain.md §1). In `Facet::GRID` order.
const VERTICES: [(f64, f64); 4] = [(380.0, 112.0), (510.0, 252.0), (250.0, 252.0), (380.0, 392.0)];

fn vertex(facet: Facet) -> (f64, f64) {
    VERTICES[Facet::GRID.iter().position(|f| *f == facet).unwrap_or(0)]
}

/// OPSI's diamond: each facet at its pole, its circle's area its share of the active
/// initiatives, the change types on the edges between neighbours.
#[allow(clippy::many_single_char_names)]
pub(super) fn diamond(f: &Facts) -> String {
    let lang = f.lang;
    let mut desc: Vec<String> = Facet::GRID
        .iter()
        .map(|facet| format!("{} ({}): {}", f.name("facet", facet.key()), f.pole(*facet), figures(f, *facet)))
        .collect();
    desc.extend(ChangeType::ALL.iter().map(|c| {
        let (a, b) = c.between();
        lang.tf(
            "report.svg_change",
            &[
                ("change", &f.name("change_type", c.key())),
                ("a", &f.name("facet", a.key())),
                ("b", &f.name("facet", b.key())),
            ],
        )
    }));
    let mut o = String::with_capacity(4096);
    open(&mut o, "diamond", 500, f.t("report.svg_diamond"), &desc.join(". "));
    // The axes first, under everything: directed–undirected and certainty–uncertainty.
    let [top, right, left, bottom] = VERTICES;
    let _ = write!(
        o,
        "<g stroke=\"#9aa3ad\" stroke-dasharray=\"4 4\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
         <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
        top.0, top.1, bottom.0, bottom.1, left.0, left.1, right.0, right.1
    );
    let _ = write!(
        o,
        "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"#f3f5f8\" stroke=\"#38424d\" stroke-width=\"2\"/>",
        top.0, top.1, right.0, right.1, bottom.0, bottom.1, left.0, left.1
    );
    for c in ChangeType::ALL {
        let (a, b) = c.between();
        let ((ax, ay), (bx, by)) = (vertex(a), vertex(b));
        let (mx, my) = (f64::midpoint(ax, bx), f64::midpoint(ay, by));
        // Outward from the centre, along the edge's normal.
        let (cx, cy) = (380.0, 252.0);
        let (dx, dy) = ((mx - cx).signum(), (my - cy).signum());
        let anchor = if dx < 0.0 { "end" } else { "start" };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-style=\"italic\" fill=\"#4a5561\">{}</text>",
            mx + dx * 16.0,
            my + dy * 16.0 + 5.0,
            esc(f.name("change_type", c.key()))
        );
    }
    for (ix, facet) in Facet::GRID.iter().enumerate() {
        let (x, y) = VERTICES[ix];
        let share = f.shares.percent(*facet).clamp(0.0, 100.0);
        let r = 6.0 + 40.0 * (share / 100.0).sqrt();
        let _ = write!(
            o,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"2\"/>",
            COLOURS[ix]
        );
        let strong = f.strong.contains(facet);
        let name = f.name("facet", facet.key());
        let pole = Pole::of(*facet).map_or(String::new(), |p| {
            let arrow = ["↑", "→", "←", "↓"][ix];
            let word = f.name("pole", p.key());
            if ix == 1 { format!("{word} {arrow}") } else { format!("{arrow} {word}") }
        });
        let figures = figures(f, *facet);
        // Three lines: the name, the figures, the pole; stacked away from the diamond.
        let (anchor, lx, ys) = match ix {
            0 => ("middle", x, [38.0, 56.0, 20.0]),
            1 => ("start", x + 54.0, [y - 8.0, y + 10.0, y + 28.0]),
            2 => ("end", x - 54.0, [y - 8.0, y + 10.0, y + 28.0]),
            _ => ("middle", x, [y + 66.0, y + 84.0, y + 102.0]),
        };
        let weight = if strong { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            o,
            "<g text-anchor=\"{anchor}\"><text x=\"{lx}\" y=\"{}\" font-size=\"15\"{weight} fill=\"{}\">{}</text>\
             <text x=\"{lx}\" y=\"{}\">{}</text><text x=\"{lx}\" y=\"{}\" fill=\"#4a5561\">{}</text></g>",
            ys[0],
            COLOURS[ix],
            esc(&shorten_words(name, 26)),
            ys[1],
            esc(&figures),
            ys[2],
            esc(&pole)
        );
    }
    o.push_str("</svg>");
    o
}

/// "5 active · 28%", with "strong" when the tendency names the facet.
fn figures(f: &Facts, facet: Facet) -> String {
    let n = f.shares.count(facet);
    let text =
        f.lang.tn("report.svg_figures", n, &[("share", &f.lang.percent(f.shares.share(facet) as f64, 0))]);
    if f.strong.contains(&facet) { format!("{text} · {}", f.t("report.strong")) } else { text }
}

/// The lifecycle as a funnel: one bar per stage, centred, its width the stage's part of the
/// largest stage.
pub(super) fn funnel(f: &Facts) -> String {
    let most = f.stages.iter().copied().max().unwrap_or(0);
    let desc: Vec<String> = Stage::ALL
        .iter()
        .zip(f.stages)
        .map(|(s, n)| format!("{}. {}: {n}", s.number(), f.name("stage", s.key())))
        .collect();
    let row = 32u32;
    let height = row * 6 + 8;
    let mut o = String::with_capacity(2048);
    open(&mut o, "funnel", height, f.t("report.stages"), &desc.join("; "));
    let (centre, room) = (520.0, 380.0);
    for (ix, (stage, n)) in Stage::ALL.iter().zip(f.stages).enumerate() {
        let y = f64::from(row) * ix as f64 + 6.0;
        let width = if most == 0 { 0.0 } else { room * n as f64 / most as f64 }.max(3.0);
        let label = format!("{}. {}", stage.number(), f.name("stage", stage.key()));
        let _ = write!(
            o,
            "<text x=\"310\" y=\"{:.0}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{:.1}\" y=\"{y:.0}\" width=\"{width:.1}\" height=\"24\" rx=\"3\" fill=\"#1f5fa8\" fill-opacity=\"{:.2}\"/>\
             <text x=\"{:.1}\" y=\"{:.0}\" font-weight=\"bold\">{}</text>",
            y + 17.0,
            esc(&shorten_words(&label, 34)),
            centre - width / 2.0,
            0.95 - 0.1 * ix as f64,
            centre + width / 2.0 + 6.0,
            y + 17.0,
            n
        );
    }
    o.push_str("</svg>");
    o
}

/// One checklist run per dimension: the mean as a bar on the template's scale, the previous
/// run's mean as a tick, the spread of the group's answers as a whisker where there is one.
#[allow(clippy::many_single_char_names)]
pub(super) fn checklist(c: &ChecklistChart, ix: usize, lang: Lang) -> String {
    let (lo, hi) = (f64::from(c.scale.0), f64::from(c.scale.1.max(c.scale.0 + 1)));
    let (left, right) = (300.0, 640.0);
    let x = |v: f64| left + (v.clamp(lo, hi) - lo) / (hi - lo) * (right - left);
    let row = 28.0;
    let rows = c.dimensions.len().max(1) as f64;
    let height = (34.0 + row * rows) as u32;
    let desc: Vec<String> = c
        .dimensions
        .iter()
        .map(|d| {
            let mut s = format!("{}: {}", d.name, score(lang, d.mean));
            if let Some(p) = d.previous {
                let _ = write!(s, " ({} {})", lang.t("report.previous_run"), lang.decimal(p, 1));
            }
            if let Some(sp) = d.spread {
                let _ = write!(s, " ({} {})", lang.t("report.spread"), lang.decimal(sp, 1));
            }
            s
        })
        .collect();
    let title = format!("{} · {} · {}", c.name, c.scope.trim(), lang.date(c.date));
    let mut o = String::with_capacity(2048);
    open(&mut o, &format!("checklist-{ix}"), height, &title, &desc.join("; "));
    // The scale's steps as light lines with their numbers on top.
    for step in c.scale.0..=c.scale.1 {
        let sx = x(f64::from(step));
        let _ = write!(
            o,
            "<line x1=\"{sx:.1}\" y1=\"20\" x2=\"{sx:.1}\" y2=\"{height}\" stroke=\"#d5dbe1\"/>\
             <text x=\"{sx:.1}\" y=\"14\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4a5561\">{step}</text>"
        );
    }
    for (n, d) in c.dimensions.iter().enumerate() {
        let y = 26.0 + row * n as f64;
        let _ = write!(
            o,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>",
            left - 10.0,
            y + 15.0,
            esc(&shorten_words(&d.name, 36))
        );
        if let Some(m) = d.mean {
            let _ = write!(
                o,
                "<rect x=\"{left}\" y=\"{:.0}\" width=\"{:.1}\" height=\"16\" fill=\"#1f5fa8\" fill-opacity=\"0.8\"/>",
                y + 3.0,
                (x(m) - left).max(1.0)
            );
        }
        if let (Some(m), Some(s)) = (d.mean, d.spread) {
            let _ = write!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.0}\" x2=\"{:.1}\" y2=\"{:.0}\" stroke=\"#222\" stroke-width=\"2\"/>",
                x(m - s),
                y + 11.0,
                x(m + s),
                y + 11.0
            );
        }
        if let Some(p) = d.previous {
            let _ = write!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.0}\" x2=\"{:.1}\" y2=\"{:.0}\" stroke=\"#b5562b\" stroke-width=\"3\"/>",
                x(p),
                y,
                x(p),
                y + 22.0
            );
        }
        let change = match (d.mean, d.previous) {
            (Some(m), Some(p)) => {
                format!(" ({})", lang.signed_decimal(crate::scoring::shown_change(p, m), 1))
            }
            _ => String::new(),
        };
        let _ = write!(
            o,
            "<text x=\"{:.0}\" y=\"{:.0}\">{}{change}</text>",
            right + 10.0,
            y + 15.0,
            score(lang, d.mean)
        );
    }
    o.push_str("</svg>");
    o
}

/// A distribution over a scale as a row of small bars, one per step from `min`, the most
/// given score the tallest; a step nobody gave is a dot on the line. Its title counts them,
/// its description (`desc`) says what is counted.
pub(super) fn histogram(counts: &[u32], min: u8, desc: &str) -> String {
    const STEP: usize = 9;
    const HEIGHT: u32 = 14;
    let most = counts.iter().copied().max().unwrap_or(0);
    let title: Vec<String> =
        (u32::from(min)..).zip(counts).map(|(value, n)| format!("{value}: {n}")).collect();
    let width = counts.len().max(1) * STEP;
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {width} {HEIGHT}\" role=\"img\"><title>{}</title><desc>{}</desc>",
        title.join(" · "),
        esc(desc)
    );
    for (ix, n) in counts.iter().enumerate() {
        let x = ix * STEP + 1;
        if *n == 0 || most == 0 {
            let _ =
                write!(o, "<rect x=\"{x}\" y=\"{}\" width=\"7\" height=\"1\" fill=\"#9aa3ad\"/>", HEIGHT - 1);
        } else {
            let h = (f64::from(*n) / f64::from(most) * f64::from(HEIGHT)).round().max(2.0);
            let _ = write!(
                o,
                "<rect x=\"{x}\" y=\"{:.0}\" width=\"7\" height=\"{h:.0}\" fill=\"#1f5fa8\"/>",
                f64::from(HEIGHT) - h
            );
        }
    }
    o.push_str("</svg>");
    o
}

fn score(lang: Lang, v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| lang.decimal(v, 1))
}

/// One period of [`planned_vs_realised`]: what was planned by then and what was realised.
pub(super) struct Pair {
    pub label: String,
    pub planned: f64,
    /// `None` for a period still to come: nothing is drawn as realised in it.
    pub realised: Option<f64>,
}

/// Planned beside realised, one pair of bars per period, on one scale from zero; `show`
/// writes a value as the reader reads it (money, hours). Each value is written above its bar
/// while there is room; the table beside the chart has every value.
pub(super) fn planned_vs_realised(
    id: &str,
    title: &str,
    words: (&str, &str),
    pairs: &[Pair],
    show: &dyn Fn(f64) -> String,
) -> String {
    let desc: Vec<String> = pairs
        .iter()
        .map(|p| match p.realised {
            Some(realised) => {
                format!("{}: {} {}, {} {}", p.label, words.0, show(p.planned), words.1, show(realised))
            }
            None => format!("{}: {} {}", p.label, words.0, show(p.planned)),
        })
        .collect();
    let height = 300.0;
    let (top, bottom, left, right) = (56.0, 260.0, 20.0, f64::from(WIDTH) - 20.0);
    let most =
        pairs.iter().flat_map(|p| [p.planned.abs(), p.realised.unwrap_or(0.0).abs()]).fold(0.0, f64::max);
    let y = |v: f64| if most > 0.0 { bottom - (v.abs() / most) * (bottom - top) } else { bottom };
    let slot = ((right - left) / pairs.len().max(1) as f64).min(140.0);
    let bar = (slot * 0.36).max(2.0);
    let mut o = String::with_capacity(1024 + pairs.len() * 400);
    open(&mut o, id, height as u32, title, &desc.join("; "));
    let _ = write!(
        o,
        "<rect x=\"{left}\" y=\"8\" width=\"14\" height=\"14\" fill=\"#9aa3ad\"/>\
         <text x=\"{}\" y=\"20\">{}</text>\
         <rect x=\"{}\" y=\"8\" width=\"14\" height=\"14\" fill=\"#2f7d4f\"/>\
         <text x=\"{}\" y=\"20\">{}</text>\
         <line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#38424d\"/>",
        left + 20.0,
        esc(words.0),
        left + 220.0,
        left + 240.0,
        esc(words.1)
    );
    for (n, p) in pairs.iter().enumerate() {
        let x0 = left + slot * n as f64 + (slot - 2.0 * bar) / 2.0;
        // Above both bars, since a label is wider than its bar: the realised value on the
        // first line, the planned one on the line above (or on the first, in a period with
        // nothing realised yet), so that wide sums never run into each other or a bar.
        let label_y = y(p.planned).min(p.realised.map_or(bottom, y)) - 4.0;
        let planned_y = if p.realised.is_some() { label_y - 14.0 } else { label_y };
        let bars = [(Some(p.planned), "#9aa3ad"), (p.realised, "#2f7d4f")];
        for (k, (value, colour)) in bars.into_iter().enumerate() {
            let Some(value) = value else { continue };
            let x = x0 + bar * k as f64;
            let top_of = y(value);
            let _ = write!(
                o,
                "<rect x=\"{x:.1}\" y=\"{top_of:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                bottom - top_of
            );
            if slot >= 90.0 {
                let (label_y, fill) = if k == 0 { (planned_y, "#4a5561") } else { (label_y, "#1d232a") };
                let _ = write!(
                    o,
                    "<text x=\"{:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{fill}\">{}</text>",
                    x + bar / 2.0,
                    esc(&show(value))
                );
            }
        }
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\">{}</text>",
            x0 + bar,
            bottom + 20.0,
            if slot >= 40.0 { 13 } else { 9 },
            esc(&shorten_words(&p.label, (slot / 7.0) as usize + 1))
        );
    }
    o.push_str("</svg>");
    o
}
