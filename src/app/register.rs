//! Pane 2's state: the register's rows (filtered and sorted), the selection that follows the
//! chosen initiative through filters and sorts, and the window of rows on screen.

use super::{App, GRID_CELLS};
use crate::filter::SortKey;
use crate::layout;
use crate::model::{Facet, Id, Stage, Status, Track};

/// The register's rows, selection and scroll, kept while other panes are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterState {
    /// The rows (ids), filtered and sorted; refreshed after every change.
    pub view: Vec<Id>,
    /// Index of the selected row in `view`.
    pub selected: usize,
    /// First row on screen.
    pub offset: usize,
    pub sort: SortKey,
    pub show_archived: bool,
    /// The initiative the user last chose; it is selected again whenever a filter or sort
    /// shows it, even after a filter hid it for a while.
    chosen: Option<Id>,
}

impl RegisterState {
    /// The selected initiative, if the list is not empty.
    pub fn selected_id(&self) -> Option<Id> {
        self.view.get(self.selected).copied()
    }
}

/// Rows of the filter bar: facet, stage, status, track, unit, tag.
pub const FILTER_ROWS: usize = 6;

impl App {
    /// The register's layout at the current terminal size (the same the ui draws).
    pub fn register_layout(&self) -> layout::Register {
        layout::Register::new(self.screen().body, !self.filter.is_empty())
    }

    /// How many initiatives the register would list with no filter: those in the portfolio
    /// (and the archived ones while they are shown), never ideas still in triage.
    pub fn register_total(&self) -> usize {
        if self.register.show_archived { self.grid.with_archived } else { self.grid.in_portfolio }
    }

    /// Moves the register's window so the selected row is on screen.
    pub(super) fn scroll_table(&mut self) {
        let rows = self.register_layout().rows();
        let r = &mut self.register;
        r.offset = layout::scroll(r.offset, r.selected, r.view.len(), rows);
    }

    /// Recomputes the register's rows, keeping the selected initiative selected when it is
    /// still shown.
    pub fn refresh_view(&mut self) {
        // Which initiatives pass the filter is worked out once for the register and the grid.
        let passing = self.refresh_register();
        self.fill_grid(&passing);
    }

    /// Recomputes the register's rows only (its order and showing the archived leave the grid
    /// as it is); returns which initiatives pass the filter, by position.
    fn refresh_register(&mut self) -> Vec<bool> {
        // Every change of the portfolio mends the index first (`after_change`); a portfolio
        // changed behind the app's back would be filtered with another's rows.
        debug_assert!(self.search.is_of(&self.portfolio), "the search index is of another portfolio");
        let r = &self.register;
        let chosen = r.chosen.or_else(|| r.selected_id());
        let passing = self.search.passing(&self.portfolio, &self.filter);
        self.search.set_collation(self.lang.collation());
        let r = &self.register;
        self.register.view = self.search.view(&passing, r.sort, r.show_archived);
        self.select_in_view(chosen);
        self.scroll_table();
        passing
    }

    fn select_in_view(&mut self, id: Option<Id>) {
        let r = &mut self.register;
        if let Some(ix) = id.and_then(|id| r.view.iter().position(|x| *x == id)) {
            r.selected = ix;
        } else {
            r.selected = r.selected.min(r.view.len().saturating_sub(1));
        }
        r.chosen = id;
    }

    /// Moves the selection in both panes to `id` (after creating or restoring it).
    pub(super) fn select_initiative(&mut self, id: Id) {
        self.select_in_view(Some(id));
        self.scroll_table();
        for cell in 0..GRID_CELLS {
            if let Some(row) = self.grid_cell_ids(cell).iter().position(|x| *x == id) {
                self.grid.cell = cell;
                self.grid.rows[cell] = row;
            }
        }
    }

    /// Moves the register's selection by `delta` rows, staying inside the list.
    pub(super) fn register_move(&mut self, delta: isize) {
        let r = &mut self.register;
        if !r.view.is_empty() {
            r.selected = r.selected.saturating_add_signed(delta).min(r.view.len() - 1);
        }
        r.chosen = r.selected_id();
        self.scroll_table();
    }

    pub(super) fn toggle_show_archived(&mut self) {
        self.register.show_archived = !self.register.show_archived;
        let key =
            if self.register.show_archived { "status.showing_archived" } else { "status.hiding_archived" };
        self.set_info(self.lang.t(key).to_owned());
        self.refresh_register();
    }

    pub(super) fn cycle_sort(&mut self) {
        self.register.sort = self.register.sort.next();
        self.refresh_register();
        let name = self.lang.t(self.register.sort.key());
        self.set_info(self.lang.tf("status.sorted_by", &[("order", &name)]));
    }

    /// Steps one field of the filter bar through its values (none first).
    pub(super) fn cycle_filter(&mut self, row: usize, forward: bool) {
        use crate::cycle::step_or_none as step;
        let units = if row == 4 { self.units_in_use() } else { Vec::new() };
        let tags = if row == 5 { self.tags_in_use() } else { Vec::new() };
        let f = &mut self.filter;
        match row {
            0 => f.facet = step(&Facet::ALL, f.facet.as_ref(), forward),
            1 => f.stage = step(&Stage::ALL, f.stage.as_ref(), forward),
            2 => f.status = step(&Status::ALL, f.status.as_ref(), forward),
            3 => f.track = step(&Track::ALL, f.track.as_ref(), forward),
            4 => f.unit = step(&units, f.unit.as_ref(), forward),
            _ => f.tag = step(&tags, f.tag.as_ref(), forward),
        }
        self.refresh_view();
    }

    /// Units named in the profile or on any initiative the register can list, sorted.
    pub fn units_in_use(&self) -> Vec<String> {
        let mut units: Vec<String> =
            self.portfolio.organisation.units.iter().map(|u| u.name.clone()).collect();
        units.extend(self.listable().map(|i| i.unit.clone()));
        sorted_unique(units)
    }

    /// Tags used on any initiative the register can list, sorted: a tag only an idea in
    /// triage has would filter the register down to nothing.
    pub fn tags_in_use(&self) -> Vec<String> {
        sorted_unique(self.listable().flat_map(|i| i.tags.iter().cloned()).collect())
    }

    /// The initiatives the register lists, archived ones included: not ideas still in triage.
    fn listable(&self) -> impl Iterator<Item = &crate::model::Initiative> {
        self.portfolio.initiatives.iter().filter(|i| !i.is_untriaged())
    }
}

/// The names in `values` that are not blank, sorted and without repeats, both as search
/// compares them (case and accents aside).
fn sorted_unique(mut values: Vec<String>) -> Vec<String> {
    values.retain(|v| !v.trim().is_empty());
    values.sort_by_key(|v| crate::text::fold(v));
    values.dedup_by_key(|v| crate::text::fold(v));
    values
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::filter::{self, SortKey};
    use crate::history::Change;
    use crate::model::{Initiative, Portfolio};
    use crate::testing::Harness;

    /// The search index and the register's rows are what they would be made from scratch.
    fn assert_fresh(app: &Harness) {
        app.search.assert_matches(&app.portfolio);
        let r = &app.register;
        let fresh = filter::SearchIndex::build(&app.portfolio);
        assert_eq!(r.view, fresh.view(&fresh.passing(&app.portfolio, &app.filter), r.sort, r.show_archived));
    }

    #[test]
    fn the_index_follows_edits_undo_redo_and_a_new_portfolio() {
        let mut p = Portfolio::default();
        for (id, title) in [(1, "Sensorer"), (2, "Bygglov"), (3, "Äldreomsorg"), (4, "Cykel")] {
            p.initiatives.push(Initiative { id, title: title.into(), ..Initiative::default() });
        }
        let mut app = Harness::new(p.clone());
        app.update(Action::CycleSort);
        assert_eq!(app.register.sort, SortKey::Title);
        assert_eq!(app.register.view, [3, 2, 4, 1], "Ä sorts as A");
        let before = app.portfolio.initiative(1).cloned();
        let after =
            before.clone().map(|i| Initiative { title: "Avlopp".into(), tags: vec!["vatten".into()], ..i });
        assert!(app.commit(Change::initiative(before, after)));
        assert_eq!(app.register.view, [3, 1, 2, 4]);
        assert_fresh(&app);
        let new = Initiative { id: 5, title: "Belysning".into(), ..Initiative::default() };
        assert!(app.commit(Change::initiative(None, Some(new))));
        assert_fresh(&app);
        app.filter.text = "vatten".into();
        app.refresh_view();
        assert_eq!(app.register.view, [1]);
        for action in [Action::Undo, Action::Undo, Action::Redo] {
            app.update(action);
            assert_fresh(&app);
        }
        assert_eq!(app.register.view, [1]);
        app.update(Action::Undo);
        assert!(app.register.view.is_empty());
        p.initiatives.remove(0);
        app.replace_portfolio(p);
        assert_fresh(&app);
    }
}
