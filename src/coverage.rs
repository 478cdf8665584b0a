//! Goal coverage: is the portfolio anchored in the organisation's goals (Tomelilla)? For each
//! goal, how many active initiatives serve it, per facet; and how many serve no goal at all.

use crate::model::{Facet, Id, Portfolio};

/// How one goal is served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalCoverage {
    pub id: Id,
    pub title: String,
    pub retired: bool,
    /// Active initiatives serving the goal, per facet in `Facet::ALL` order.
    pub per_facet: [usize; 6],
}

impl GoalCoverage {
    pub fn total(&self) -> usize {
        self.per_facet.iter().sum()
    }
}

/// Coverage of every goal, plus the number of active initiatives linked to no goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub goals: Vec<GoalCoverage>,
    pub unlinked: usize,
    pub active: usize,
}

impl Coverage {
    /// Goals still in use that no active initiative serves.
    pub fn unserved(&self) -> impl Iterator<Item = &GoalCoverage> {
        self.goals.iter().filter(|g| !g.retired && g.total() == 0)
    }
}

pub fn coverage(portfolio: &Portfolio) -> Coverage {
    let mut goals: Vec<GoalCoverage> = portfolio
        .organisation
        .goals
        .iter()
        .map(|g| GoalCoverage { id: g.id, title: g.title.clone(), retired: g.retired, per_facet: [0; 6] })
        .collect();
    let mut unlinked = 0;
    let mut active = 0;
    for i in portfolio.initiatives.iter().filter(|i| i.is_active()) {
        active += 1;
        let facet = Facet::ALL.iter().position(|f| *f == i.facet).unwrap_or(5);
        let mut linked = false;
        for goal in goals.iter_mut().filter(|g| i.goals.contains(&g.id)) {
            goal.per_facet[facet] += 1;
            linked = true;
        }
        if !linked {
            unlinked += 1;
        }
    }
    Coverage { goals, unlinked, active }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Initiative, Status};

    #[test]
    fn counts_active_initiatives_per_goal_and_facet() {
        let mut p = Portfolio::default();
        for (id, title) in [(1, "Äldreomsorg"), (2, "Klimat"), (3, "Skola")] {
            p.organisation.goals.push(Goal { id, title: title.into(), ..Goal::default() });
        }
        p.organisation.goals[2].retired = true;
        let mk = |id, facet, goals: Vec<Id>| Initiative { id, facet, goals, ..Initiative::default() };
        p.initiatives = vec![
            mk(1, Facet::MissionOriented, vec![1, 2]),
            mk(2, Facet::Adaptive, vec![1]),
            mk(3, Facet::Anticipatory, vec![]),
            mk(4, Facet::Anticipatory, vec![2]),
            mk(5, Facet::Mixed, vec![99]),
        ];
        p.initiatives[3].status = Status::Completed;
        let c = coverage(&p);
        assert_eq!(c.goals[0].per_facet, [1, 0, 0, 1, 0, 0]);
        assert_eq!(c.goals[1].total(), 1, "the completed initiative does not count");
        assert_eq!(c.unlinked, 2, "no goal, or only a goal that does not exist");
        assert_eq!(c.active, 4);
        let unserved: Vec<Id> = c.unserved().map(|g| g.id).collect();
        assert!(unserved.is_empty(), "goal 3 is retired, so it is not asked for");
        p.initiatives.retain(|i| i.id != 1);
        assert_eq!(coverage(&p).unserved().map(|g| g.id).collect::<Vec<_>>(), [2]);
    }
}
