//! The Portfolio grid's state and behaviour: moving the selection inside and between the
//! four facets and the strip, moving an initiative to a neighbouring facet, the meeting view
//! (zoom, presentation mode), the balance options and the placement questions.
//!
//! Each cell's ids and the balance are cached in [`GridState`] and recomputed only when the
//! portfolio or the filter changes ([`App::fill_grid`], called from `refresh_view`), from the
//! search index's compact rows: a keypress never walks the records.

use super::{App, Mode, Pane, now};
use crate::action::{Direction, GridAction};
use crate::balance::{self, Balance, STRIP};
use crate::cycle;
use crate::history::Change;
use crate::model::{CreatedTo, Facet, Id, Initiative, Placement, PushedBy};
use crate::placement::{self, Placed};

/// The cells of the grid, in the order `GridState::cell` counts them: the four facets in
/// reading order (`Facet::GRID`), then the strip of mixed and unplaced initiatives.
pub const GRID_CELLS: usize = 5;

/// Selection, view options and cached contents of the portfolio grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridState {
    /// The selected cell (see [`GRID_CELLS`]).
    pub cell: usize,
    /// The selected row in each cell, kept when moving between cells.
    pub rows: [usize; GRID_CELLS],
    /// The bottom cell the strip was entered from, so ↑ from the strip goes back there.
    pub above_strip: usize,
    /// The selected cell fills the pane (`z`).
    pub zoom: bool,
    /// Owners and details hidden for a meeting (`p`).
    pub presentation: bool,
    /// Shares weighted (`w`): by priority, or by expected money when `by_money` is set.
    pub weighted: bool,
    /// The weights are the initiatives' expected money benefit a year (`w` a second time).
    pub by_money: bool,
    /// Each cell shows its stage and track breakdown (`b`).
    pub breakdown: bool,
    /// Each cell's initiatives (not archived, passing the filter), in id order.
    pub cells: [Vec<Id>; GRID_CELLS],
    /// The active initiatives among them, counted per cell.
    pub balance: Balance,
    /// Initiatives in the portfolio ([`crate::model::Initiative::in_portfolio`]), filter or
    /// not: the register's total, counted here so a frame does not walk the whole portfolio.
    pub in_portfolio: usize,
    /// The same and the archived ones: the register's total while it shows the archived.
    pub with_archived: usize,
    /// Ideas waiting for a decision, which the register leaves to the intake list.
    pub ideas_waiting: usize,
}

impl GridState {
    /// The bottom cell under which the strip hangs: the one it was entered from, or chosen
    /// with ←/→ in the strip. ↑ and `K` from the strip go there.
    fn strip_parent(&self) -> usize {
        if self.above_strip == 3 { 3 } else { 2 }
    }

    /// The facet ↑ and `K` go to from the strip (said in the footer).
    pub fn strip_target(&self) -> Facet {
        Facet::GRID[self.strip_parent()]
    }
}

/// The two placement questions being answered for one initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementDialog {
    pub id: Id,
    pub created_to: Option<CreatedTo>,
    pub pushed_by: Option<PushedBy>,
    /// The question ←/→ answers: 0 created to, 1 pushed by.
    pub question: usize,
}

impl PlacementDialog {
    /// Where the answers so far place the initiative.
    pub fn placed(&self) -> Option<Placed> {
        placement::place_answers(self.created_to, self.pushed_by)
    }
}

/// The facet one step from `facet` in `direction`; the strip hangs below the bottom row.
fn neighbour(facet: Facet, direction: Direction, strip_parent: usize) -> Option<Facet> {
    let cell = balance::cell_of(facet);
    let target = match (cell, direction) {
        (0, Direction::Right) | (3, Direction::Up) => 1,
        (1, Direction::Left) | (2, Direction::Up) => 0,
        (0, Direction::Down) | (3, Direction::Left) => 2,
        (1, Direction::Down) | (2, Direction::Right) => 3,
        (2 | 3, Direction::Down) => return Some(Facet::Mixed),
        (STRIP, Direction::Up) => strip_parent,
        _ => return None,
    };
    Facet::GRID.get(target).copied()
}

impl App {
    /// Recomputes each cell's ids and the balance: one pass over the search index's rows.
    pub(super) fn refresh_grid(&mut self) {
        let passing = self.search.passing(&self.portfolio, &self.filter);
        self.fill_grid(&passing);
    }

    /// Recomputes each cell's ids and the balance from which initiatives pass the filter
    /// (by position, as [`crate::filter::SearchIndex::passing`] tells), reading the compact
    /// rows only (and the records only to weight by money).
    pub(super) fn fill_grid(&mut self, passing: &[bool]) {
        let mut cells: [Vec<Id>; GRID_CELLS] = Default::default();
        let mut balance = Balance::default();
        let (mut in_portfolio, mut with_archived, mut ideas_waiting) = (0, 0, 0);
        for (p, row) in self.search.rows().iter().enumerate() {
            // Ideas still in triage are not part of the portfolio yet: the intake list has them.
            if row.untriaged {
                // Ideas are few, so reading their records costs nothing.
                let waiting = self.portfolio.initiatives.get(p).is_some_and(Initiative::is_waiting_idea);
                ideas_waiting += usize::from(waiting);
                continue;
            }
            with_archived += 1;
            in_portfolio += usize::from(!row.archived);
            if row.archived || !passing.get(p).copied().unwrap_or(false) {
                continue;
            }
            cells[balance::cell_of(row.facet)].push(row.id);
            if row.active {
                let weight = if self.grid.by_money {
                    self.portfolio.initiatives.get(p).map_or(0, crate::benefits::money_weight)
                } else {
                    u64::from(row.priority.weight())
                };
                balance.count(row.facet, row.stage, row.track, weight);
            }
        }
        for (row, ids) in self.grid.rows.iter_mut().zip(&cells) {
            *row = (*row).min(ids.len().saturating_sub(1));
        }
        self.grid.cells = cells;
        self.grid.balance = balance;
        self.grid.in_portfolio = in_portfolio;
        self.grid.with_archived = with_archived;
        self.grid.ideas_waiting = ideas_waiting;
    }

    /// Initiative ids shown in one grid cell (0–3 the facets in reading order, 4 the strip),
    /// narrowed by the shared filter.
    pub fn grid_cell_ids(&self, cell: usize) -> &[Id] {
        self.grid.cells.get(cell).map_or(&[], Vec::as_slice)
    }

    /// Whether `cell` invites a new initiative, in its body and in the footer alike: empty
    /// because nothing is in it (not because a filter hides what is), in a session that can
    /// write.
    pub fn cell_invites_new(&self, cell: usize) -> bool {
        self.grid_cell_ids(cell).is_empty()
            && self.filter.is_empty()
            && self.writing().offers(&crate::action::Action::NewInitiative)
    }

    /// One row up or down; a single step past the end of a cell enters the cell below (the
    /// strip below the bottom row) or above. Bigger jumps stay inside the cell, and so does
    /// everything while zoomed.
    pub(super) fn grid_move_vertically(&mut self, delta: isize) {
        let cell = self.grid.cell;
        let len = self.grid_cell_ids(cell).len();
        let row = self.grid.rows[cell];
        if !self.grid.zoom {
            if delta == 1 && row + 1 >= len && cell != STRIP {
                let below = if cell < 2 { cell + 2 } else { STRIP };
                if below == STRIP {
                    self.grid.above_strip = cell;
                }
                self.grid.cell = below;
                self.grid.rows[below] = 0;
                return;
            }
            if delta == -1 && row == 0 && cell >= 2 {
                let above = if cell == STRIP { self.grid.strip_parent() } else { cell - 2 };
                self.grid.cell = above;
                self.grid.rows[above] = self.grid_cell_ids(above).len().saturating_sub(1);
                return;
            }
        }
        self.grid.rows[cell] = row.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// Left or right: the filter bar's value, or the neighbouring cell in the grid (while
    /// zoomed, the next or previous cell of all five).
    pub(super) fn move_horizontally(&mut self, right: bool) {
        if let Mode::FilterBar { row } = self.mode {
            self.cycle_filter(row, right);
            return;
        }
        if self.pane != Pane::Portfolio {
            return;
        }
        let cell = self.grid.cell;
        if cell == STRIP && !self.grid.zoom {
            // The strip spans both bottom cells: ←/→ choose which one is above it.
            self.grid.above_strip = if right { 3 } else { 2 };
            return;
        }
        self.grid.cell = if self.grid.zoom {
            if right { (cell + 1) % GRID_CELLS } else { (cell + GRID_CELLS - 1) % GRID_CELLS }
        } else {
            match (cell, right) {
                (0, true) => 1,
                (1, false) => 0,
                (2, true) => 3,
                (3, false) => 2,
                (c, _) => c,
            }
        };
        if self.grid.cell == 2 || self.grid.cell == 3 {
            self.grid.above_strip = self.grid.cell;
        }
    }

    /// Handles what only the grid and its placement dialog do.
    pub(super) fn grid_update(&mut self, action: GridAction) {
        let lang = self.lang;
        let toggle = |on: &mut bool, keys: (&str, &str)| {
            *on = !*on;
            lang.t(if *on { keys.0 } else { keys.1 }).to_owned()
        };
        match action {
            GridAction::MoveInitiative(direction) => self.move_initiative(direction),
            GridAction::ToggleZoom => self.grid.zoom = !self.grid.zoom,
            GridAction::Unzoom => self.grid.zoom = false,
            GridAction::TogglePresentation => {
                let text =
                    toggle(&mut self.grid.presentation, ("grid.presentation_on", "grid.presentation_off"));
                self.set_info(text);
            }
            GridAction::ToggleWeighting => {
                // Count → by priority → by expected money → count.
                let key = match (self.grid.weighted, self.grid.by_money) {
                    (false, _) => "grid.weighting_on",
                    (true, false) => "grid.weighting_money_on",
                    (true, true) => "grid.weighting_off",
                };
                self.grid.by_money = self.grid.weighted && !self.grid.by_money;
                self.grid.weighted = self.grid.by_money || !self.grid.weighted;
                self.refresh_grid();
                self.set_info(lang.t(key).to_owned());
            }
            GridAction::ToggleBreakdown => {
                let text = toggle(&mut self.grid.breakdown, ("grid.breakdown_on", "grid.breakdown_off"));
                self.set_info(text);
            }
            GridAction::OpenPlacement => self.open_placement(),
            GridAction::SwitchQuestion => {
                if let Mode::Placement(d) = &mut self.mode {
                    d.question = 1 - d.question.min(1);
                }
            }
            GridAction::CycleAnswer(forward) => {
                if let Mode::Placement(d) = &mut self.mode {
                    if d.question == 0 {
                        d.created_to = cycle::step_from(&CreatedTo::ALL, d.created_to.as_ref(), forward);
                    } else {
                        d.pushed_by = cycle::step_from(&PushedBy::ALL, d.pushed_by.as_ref(), forward);
                    }
                }
            }
            GridAction::AnswerCreatedTo(answer) => {
                if let Mode::Placement(d) = &mut self.mode {
                    d.created_to = Some(answer);
                    d.question = 1;
                }
            }
            GridAction::AnswerPushedBy(answer) => {
                if let Mode::Placement(d) = &mut self.mode {
                    d.pushed_by = Some(answer);
                    d.question = 0;
                }
            }
            GridAction::AcceptPlacement => self.accept_placement(),
        }
    }

    fn move_initiative(&mut self, direction: Direction) {
        let Some(before) = self.selected_id().and_then(|id| self.portfolio.initiative(id)).cloned() else {
            return;
        };
        let Some(facet) = neighbour(before.facet, direction, self.grid.strip_parent()) else {
            let name = self.lang.t(&format!("facet.{}", before.facet.key()));
            self.set_error(self.lang.tf("grid.no_neighbour", &[("facet", &name)]));
            return;
        };
        let from = balance::cell_of(before.facet);
        if from == 2 || from == 3 {
            self.grid.above_strip = from;
        }
        let mut after = before.clone();
        after.facet = facet;
        after.updated = Some(now());
        let id = after.id;
        if self.commit(Change::initiative(Some(before), Some(after))) {
            self.select_initiative(id);
            let name = self.lang.t(&format!("facet.{}", facet.key()));
            self.set_info(self.lang.tf("grid.moved", &[("id", &id), ("facet", &name)]));
        }
    }

    fn open_placement(&mut self) {
        if self.selected_id().is_none() || !self.writable() {
            return;
        }
        let Some(initiative) = self.selected_id().and_then(|id| self.portfolio.initiative(id)) else {
            return;
        };
        let answers = initiative.placement.as_ref();
        self.mode = Mode::Placement(PlacementDialog {
            id: initiative.id,
            created_to: answers.map(|p| p.created_to),
            pushed_by: answers.map(|p| p.pushed_by),
            question: 0,
        });
    }

    fn accept_placement(&mut self) {
        let Mode::Placement(dialog) = &self.mode else { return };
        let (Some(created_to), Some(pushed_by), Some(placed)) =
            (dialog.created_to, dialog.pushed_by, dialog.placed())
        else {
            self.set_error(self.lang.t("placement.need_both").to_owned());
            return;
        };
        let id = dialog.id;
        self.mode = Mode::Normal;
        let Some(before) = self.portfolio.initiative(id).cloned() else { return };
        let mut after = before.clone();
        after.facet = placed.facet();
        let extra = before.placement.as_ref().map(|p| p.extra.clone()).unwrap_or_default();
        after.placement = Some(Box::new(Placement { created_to, pushed_by, extra }));
        if after == before {
            self.set_info(self.lang.t("status.no_changes").to_owned());
            return;
        }
        after.updated = Some(now());
        if self.commit(Change::initiative(Some(before), Some(after))) {
            self.select_initiative(id);
            let name = self.lang.t(&format!("facet.{}", placed.facet().key()));
            self.set_info(self.lang.tf("placement.saved", &[("id", &id), ("facet", &name)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::{Initiative, Portfolio, Status};
    use crate::testing::Harness;

    /// Two initiatives per facet (ids 1–8, in grid order) and one mixed (9).
    fn app() -> Harness {
        let mut p = Portfolio::default();
        let facets = Facet::GRID.iter().flat_map(|f| [*f, *f]).chain([Facet::Mixed]);
        for (n, facet) in facets.enumerate() {
            let id = n as Id + 1;
            p.initiatives.push(Initiative { id, facet, title: format!("i{id}"), ..Initiative::default() });
        }
        Harness::new(p)
    }

    fn grid(action: GridAction) -> Action {
        Action::Grid(action)
    }

    #[test]
    fn cells_hold_their_facets_and_the_strip_the_rest() {
        let app = app();
        assert_eq!(app.grid_cell_ids(0), [1, 2]);
        assert_eq!(app.grid_cell_ids(3), [7, 8]);
        assert_eq!(app.grid_cell_ids(STRIP), [9]);
        assert_eq!(app.grid.balance.counts, [2, 2, 2, 2, 1]);
    }

    #[test]
    fn arrows_move_inside_and_between_cells() {
        let mut app = app();
        assert_eq!(app.selected_id(), Some(1));
        app.update(Action::MoveDown);
        assert_eq!(app.selected_id(), Some(2));
        // Off the bottom of a top cell: into the cell below.
        app.update(Action::MoveDown);
        assert_eq!((app.grid.cell, app.selected_id()), (2, Some(5)));
        app.update(Action::MoveRight);
        assert_eq!((app.grid.cell, app.selected_id()), (3, Some(7)));
        app.update(Action::MoveDown);
        app.update(Action::MoveDown);
        // Off the bottom of a bottom cell: into the strip; up returns to that cell.
        assert_eq!((app.grid.cell, app.selected_id()), (STRIP, Some(9)));
        app.update(Action::MoveUp);
        assert_eq!((app.grid.cell, app.selected_id()), (3, Some(8)));
        app.update(Action::MoveUp);
        app.update(Action::MoveUp);
        assert_eq!((app.grid.cell, app.selected_id()), (1, Some(4)));
        app.update(Action::MoveLeft);
        assert_eq!(app.grid.cell, 0);
        app.update(Action::MoveLeft);
        assert_eq!(app.grid.cell, 0);
        // Jumps stay in the cell.
        app.update(Action::MoveToLast);
        assert_eq!((app.grid.cell, app.selected_id()), (0, Some(2)));
    }

    #[test]
    fn shift_move_changes_the_facet_saves_and_undoes_and_the_selection_follows() {
        let mut app = app();
        app.update(grid(GridAction::MoveInitiative(Direction::Right)));
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::Anticipatory));
        assert!(app.history.can_undo());
        assert_eq!((app.grid.cell, app.selected_id()), (1, Some(1)));
        assert_eq!(app.grid.balance.counts, [1, 3, 2, 2, 1]);
        app.update(Action::Undo);
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::MissionOriented));
        assert_eq!((app.grid.cell, app.selected_id()), (0, Some(1)));
        app.update(Action::Redo);
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::Anticipatory));
    }

    #[test]
    fn shift_move_follows_the_grid_and_refuses_the_outside() {
        let mut app = app();
        app.update(grid(GridAction::MoveInitiative(Direction::Left)));
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::MissionOriented));
        assert!(app.status.as_ref().is_some_and(|s| s.is_error));
        assert!(!app.history.can_undo());
        let moves = [
            (Direction::Down, Facet::EnhancementOriented),
            (Direction::Right, Facet::Adaptive),
            (Direction::Up, Facet::Anticipatory),
            (Direction::Left, Facet::MissionOriented),
            (Direction::Down, Facet::EnhancementOriented),
            (Direction::Down, Facet::Mixed),
            (Direction::Up, Facet::EnhancementOriented),
        ];
        for (direction, facet) in moves {
            app.update(grid(GridAction::MoveInitiative(direction)));
            assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(facet), "{direction:?}");
            assert_eq!(app.selected_id(), Some(1));
        }
    }

    #[test]
    fn zoom_and_presentation_toggle_and_zoomed_arrows_step_through_cells() {
        let mut app = app();
        app.update(grid(GridAction::ToggleZoom));
        assert!(app.grid.zoom);
        app.update(Action::MoveDown);
        app.update(Action::MoveDown);
        assert_eq!((app.grid.cell, app.selected_id()), (0, Some(2)));
        for cell in [1, 2, 3, STRIP, 0] {
            app.update(Action::MoveRight);
            assert_eq!(app.grid.cell, cell);
        }
        app.update(grid(GridAction::Unzoom));
        assert!(!app.grid.zoom);
        app.update(grid(GridAction::TogglePresentation));
        assert!(app.grid.presentation);
        app.update(grid(GridAction::TogglePresentation));
        assert!(!app.grid.presentation);
        app.update(grid(GridAction::ToggleWeighting));
        assert!(app.grid.weighted);
        app.update(grid(GridAction::ToggleWeighting));
        assert!(app.grid.weighted && app.grid.by_money, "then by expected money");
        app.update(grid(GridAction::ToggleWeighting));
        assert!(!app.grid.weighted && !app.grid.by_money, "then counted again");
        app.update(grid(GridAction::ToggleWeighting));
        app.update(grid(GridAction::ToggleBreakdown));
        assert!(app.grid.breakdown);
    }

    #[test]
    fn the_filter_narrows_cells_and_counts() {
        let mut app = app();
        app.update(Action::ShowPane(Pane::Portfolio));
        let before = app.portfolio.initiative(2).cloned();
        let mut after = before.clone().expect("initiative 2");
        after.status = Status::Paused;
        app.commit(Change::initiative(before, Some(after)));
        assert_eq!(app.grid_cell_ids(0), [1, 2]);
        assert_eq!(app.grid.balance.counts[0], 1);
        app.filter.stage = Some(crate::model::Stage::Evaluating);
        app.refresh_view();
        assert!(app.grid.cells.iter().all(Vec::is_empty));
        assert_eq!(app.selected_id(), None);
    }

    #[test]
    fn placement_sets_the_facet_and_stores_the_answers() {
        let mut app = app();
        app.update(grid(GridAction::OpenPlacement));
        assert!(matches!(app.mode, Mode::Placement(_)));
        app.update(grid(GridAction::AcceptPlacement));
        assert!(matches!(app.mode, Mode::Placement(_)), "stays open until both are answered");
        app.update(grid(GridAction::AnswerCreatedTo(CreatedTo::ExploreUncertainties)));
        app.update(grid(GridAction::CycleAnswer(true)));
        app.update(grid(GridAction::CycleAnswer(false)));
        app.update(grid(GridAction::AnswerPushedBy(PushedBy::PreparingForFuture)));
        app.update(grid(GridAction::AcceptPlacement));
        assert!(matches!(app.mode, Mode::Normal));
        let i = app.portfolio.initiative(1).expect("initiative 1");
        assert_eq!(i.facet, Facet::Anticipatory);
        let answers = i.placement.as_ref().map(|p| (p.created_to, p.pushed_by));
        assert_eq!(answers, Some((CreatedTo::ExploreUncertainties, PushedBy::PreparingForFuture)));
        assert_eq!(app.selected_id(), Some(1));
        // A change type is stored as mixed; reopening starts from the stored answers.
        app.update(grid(GridAction::OpenPlacement));
        assert!(
            matches!(&app.mode, Mode::Placement(d) if d.created_to == Some(CreatedTo::ExploreUncertainties))
        );
        app.update(grid(GridAction::AnswerPushedBy(PushedBy::LeadersWantResults)));
        app.update(grid(GridAction::AcceptPlacement));
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::Mixed));
        assert_eq!(app.grid.cell, STRIP);
        app.update(Action::Undo);
        assert_eq!(app.portfolio.initiative(1).map(|i| i.facet), Some(Facet::Anticipatory));
    }

    #[test]
    fn cancelling_placement_changes_nothing() {
        let mut app = app();
        app.update(grid(GridAction::OpenPlacement));
        app.update(grid(GridAction::AnswerCreatedTo(CreatedTo::MeetNewNeeds)));
        app.update(Action::Cancel);
        assert!(matches!(app.mode, Mode::Normal));
        assert_eq!(app.portfolio.initiative(1).map(|i| i.placement.clone()), Some(None));
        assert!(!app.history.can_undo());
    }

    #[test]
    fn an_empty_portfolio_moves_and_places_nothing() {
        let mut app = Harness::empty();
        for action in [
            Action::MoveDown,
            Action::MoveDown,
            Action::MoveDown,
            Action::MoveUp,
            Action::MoveRight,
            Action::PageDown,
            grid(GridAction::MoveInitiative(Direction::Up)),
            grid(GridAction::OpenPlacement),
        ] {
            app.update(action);
        }
        assert!(matches!(app.mode, Mode::Normal));
        assert!(!app.history.can_undo());
    }
}
