//! The OPSI placement helper (docs/domain.md §2): two questions — what an initiative was
//! *primarily created to* do and what *mainly pushed* it — place it on a facet, on a type of
//! change between two neighbouring facets, or nowhere clear ("mixed"). Each facet stands for
//! one [`Pole`] of OPSI's two axes (docs/domain.md §1): a facet *is* its pole, so a placed
//! initiative is directed, undirected, certain or uncertain work — never two at once.
//!
//! ```text
//!                       a leaders   b costs     c bottom-up  d future
//! 1 improve existing    sustaining  ENHANCEMENT optimising   mixed
//! 2 overarching goal    MISSION     sustaining  mixed        transformative
//! 3 explore uncertain   transform.  mixed       disruptive   ANTICIPATORY
//! 4 new needs bottom-up mixed       optimising  ADAPTIVE     disruptive
//! ```

use crate::model::{CreatedTo, Facet, PushedBy, keyed_enum};

keyed_enum! {
    /// The type of change that lies between two neighbouring facets.
    pub enum ChangeType {
        /// Between mission-oriented and enhancement-oriented.
        Sustaining = "sustaining",
        /// Between mission-oriented and anticipatory.
        Transformative = "transformative",
        /// Between anticipatory and adaptive.
        Disruptive = "disruptive",
        /// Between adaptive and enhancement-oriented.
        Optimising = "optimising",
    }
}

impl ChangeType {
    /// The two facets this change lies between.
    pub fn between(self) -> (Facet, Facet) {
        match self {
            ChangeType::Sustaining => (Facet::MissionOriented, Facet::EnhancementOriented),
            ChangeType::Transformative => (Facet::MissionOriented, Facet::Anticipatory),
            ChangeType::Disruptive => (Facet::Anticipatory, Facet::Adaptive),
            ChangeType::Optimising => (Facet::EnhancementOriented, Facet::Adaptive),
        }
    }

    /// The change between two facets, if they are neighbours on the grid.
    pub fn of(a: Facet, b: Facet) -> Option<ChangeType> {
        ChangeType::ALL.into_iter().find(|c| {
            let (x, y) = c.between();
            (x, y) == (a, b) || (y, x) == (a, b)
        })
    }
}

/// One end of one of OPSI's two axes. In OPSI's diamond each facet is one pole, so the grid
/// puts each pole label at its own facet's outer corner, never across a row or column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pole {
    /// Mission-oriented: from the top, towards a goal someone set.
    Directed,
    /// Anticipatory: heading into what is not known (exploring).
    Uncertainty,
    /// Enhancement-oriented: building on what is known (exploiting).
    Certainty,
    /// Adaptive: growing from below, in answer to what happens.
    Undirected,
}

impl Pole {
    /// In `Facet::GRID` order: top-left, top-right, bottom-left, bottom-right.
    pub const GRID: [Pole; 4] = [Pole::Directed, Pole::Uncertainty, Pole::Certainty, Pole::Undirected];

    pub fn key(self) -> &'static str {
        match self {
            Pole::Directed => "directed",
            Pole::Uncertainty => "uncertainty",
            Pole::Certainty => "certainty",
            Pole::Undirected => "undirected",
        }
    }

    /// The pole a grid facet stands for; mixed and unplaced have none.
    pub fn of(facet: Facet) -> Option<Pole> {
        Facet::GRID.iter().position(|f| *f == facet).map(|ix| Pole::GRID[ix])
    }

    /// The arrow pointing from the grid's centre to this pole's corner.
    pub fn arrow(self) -> &'static str {
        match self {
            Pole::Directed => "↖",
            Pole::Uncertainty => "↗",
            Pole::Certainty => "↙",
            Pole::Undirected => "↘",
        }
    }
}

/// Where the two answers place an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placed {
    Facet(Facet),
    ChangeType(ChangeType),
    Mixed,
}

impl Placed {
    /// The facet stored when the placement is accepted: a change type or a mixed answer
    /// does not belong to one facet, so it is stored as mixed.
    pub fn facet(self) -> Facet {
        match self {
            Placed::Facet(f) => f,
            Placed::ChangeType(_) | Placed::Mixed => Facet::Mixed,
        }
    }
}

/// The OPSI project-mapping table: matching pairs give a facet, neighbouring pairs a type of
/// change, the rest are mixed.
pub fn place(created_to: CreatedTo, pushed_by: PushedBy) -> Placed {
    use ChangeType::{Disruptive, Optimising, Sustaining, Transformative};
    use CreatedTo::{ExploreUncertainties, ImproveExistingServices, MeetNewNeeds, ReachOverarchingGoal};
    use PushedBy::{BottomUpTesting, CostsAndProcesses, LeadersWantResults, PreparingForFuture};
    match (created_to, pushed_by) {
        (ImproveExistingServices, CostsAndProcesses) => Placed::Facet(Facet::EnhancementOriented),
        (ReachOverarchingGoal, LeadersWantResults) => Placed::Facet(Facet::MissionOriented),
        (ExploreUncertainties, PreparingForFuture) => Placed::Facet(Facet::Anticipatory),
        (MeetNewNeeds, BottomUpTesting) => Placed::Facet(Facet::Adaptive),
        (ImproveExistingServices, LeadersWantResults) | (ReachOverarchingGoal, CostsAndProcesses) => {
            Placed::ChangeType(Sustaining)
        }
        (ReachOverarchingGoal, PreparingForFuture) | (ExploreUncertainties, LeadersWantResults) => {
            Placed::ChangeType(Transformative)
        }
        (ExploreUncertainties, BottomUpTesting) | (MeetNewNeeds, PreparingForFuture) => {
            Placed::ChangeType(Disruptive)
        }
        (ImproveExistingServices, BottomUpTesting) | (MeetNewNeeds, CostsAndProcesses) => {
            Placed::ChangeType(Optimising)
        }
        (ImproveExistingServices, PreparingForFuture)
        | (ReachOverarchingGoal, BottomUpTesting)
        | (ExploreUncertainties, CostsAndProcesses)
        | (MeetNewNeeds, LeadersWantResults) => Placed::Mixed,
    }
}

/// The placement once both questions are answered; `None` while either is open.
pub fn place_answers(created_to: Option<CreatedTo>, pushed_by: Option<PushedBy>) -> Option<Placed> {
    Some(place(created_to?, pushed_by?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeType::{Disruptive, Optimising, Sustaining, Transformative};
    use Facet::{Adaptive, Anticipatory, EnhancementOriented, MissionOriented};
    use Placed::Mixed;

    // Table entries: a facet, a change type, mixed, or not answered yet.
    #[allow(clippy::unnecessary_wraps)]
    const fn f(facet: Facet) -> Option<Placed> {
        Some(Placed::Facet(facet))
    }

    #[allow(clippy::unnecessary_wraps)]
    const fn c(change: ChangeType) -> Option<Placed> {
        Some(Placed::ChangeType(change))
    }

    const MIXED: Option<Placed> = Some(Mixed);

    /// The whole table, with "not answered" as the first row and column: rows are
    /// created-to (none, 1–4), columns pushed-by (none, a–d).
    #[test]
    fn the_whole_table_including_unanswered() {
        let none: Option<Placed> = None;
        let expected: [[Option<Placed>; 5]; 5] = [
            [none, none, none, none, none],
            [none, c(Sustaining), f(EnhancementOriented), c(Optimising), MIXED],
            [none, f(MissionOriented), c(Sustaining), MIXED, c(Transformative)],
            [none, c(Transformative), MIXED, c(Disruptive), f(Anticipatory)],
            [none, MIXED, c(Optimising), f(Adaptive), c(Disruptive)],
        ];
        let rows = std::iter::once(None).chain(CreatedTo::ALL.map(Some));
        for (r, created_to) in rows.enumerate() {
            let cols = std::iter::once(None).chain(PushedBy::ALL.map(Some));
            for (col, pushed_by) in cols.enumerate() {
                assert_eq!(
                    place_answers(created_to, pushed_by),
                    expected[r][col],
                    "created to {created_to:?}, pushed by {pushed_by:?}"
                );
            }
        }
    }

    #[test]
    fn each_facet_has_exactly_one_matching_pair_and_each_change_two() {
        let all: Vec<Placed> =
            CreatedTo::ALL.iter().flat_map(|c| PushedBy::ALL.map(|p| place(*c, p))).collect();
        for facet in Facet::GRID {
            assert_eq!(all.iter().filter(|p| **p == Placed::Facet(facet)).count(), 1, "{facet:?}");
        }
        for change in ChangeType::ALL {
            assert_eq!(all.iter().filter(|p| **p == Placed::ChangeType(change)).count(), 2, "{change:?}");
        }
        assert_eq!(all.iter().filter(|p| **p == Mixed).count(), 4);
    }

    #[test]
    fn accepted_change_types_and_mixed_are_stored_as_mixed() {
        assert_eq!(Placed::Facet(Adaptive).facet(), Adaptive);
        assert_eq!(Placed::ChangeType(Disruptive).facet(), Facet::Mixed);
        assert_eq!(Mixed.facet(), Facet::Mixed);
    }

    #[test]
    fn each_facet_is_its_own_pole() {
        assert_eq!(Pole::of(MissionOriented), Some(Pole::Directed));
        assert_eq!(Pole::of(Anticipatory), Some(Pole::Uncertainty));
        assert_eq!(Pole::of(EnhancementOriented), Some(Pole::Certainty));
        assert_eq!(Pole::of(Adaptive), Some(Pole::Undirected));
        assert_eq!((Pole::of(Facet::Mixed), Pole::of(Facet::Unplaced)), (None, None));
    }

    #[test]
    fn change_types_lie_between_grid_neighbours() {
        assert_eq!(ChangeType::of(MissionOriented, Anticipatory), Some(Transformative));
        assert_eq!(ChangeType::of(Anticipatory, Adaptive), Some(Disruptive));
        assert_eq!(ChangeType::of(Adaptive, EnhancementOriented), Some(Optimising));
        assert_eq!(ChangeType::of(EnhancementOriented, MissionOriented), Some(Sustaining));
        assert_eq!(ChangeType::of(MissionOriented, Adaptive), None);
        assert_eq!(ChangeType::of(Anticipatory, EnhancementOriented), None);
    }
}
