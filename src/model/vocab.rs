//! The closed lists of words the data file is written in: facets, stages, statuses and the
//! rest, each variant with the stable key the file (and every export) uses for it
//! (docs/contracts.md lists them). They live together so the file's whole vocabulary can be
//! read in one place; a label on screen is the catalog's translation of the key.

keyed_enum! {
    /// Where an initiative sits on the four-facet grid (docs/domain.md §1).
    #[derive(Default, PartialOrd, Ord)]
    pub enum Facet {
        MissionOriented = "mission_oriented",
        Anticipatory = "anticipatory",
        EnhancementOriented = "enhancement_oriented",
        Adaptive = "adaptive",
        /// Fits between facets (e.g. the placement gave a change type).
        Mixed = "mixed",
        /// Not placed yet.
        #[default]
        Unplaced = "unplaced",
    }
}

impl Facet {
    /// The four facets of the grid, in reading order: top-left, top-right, bottom-left,
    /// bottom-right.
    pub const GRID: [Facet; 4] =
        [Facet::MissionOriented, Facet::Anticipatory, Facet::EnhancementOriented, Facet::Adaptive];

    pub fn is_on_grid(self) -> bool {
        Facet::GRID.contains(&self)
    }
}

keyed_enum! {
    /// The OPSI innovation lifecycle.
    #[derive(Default, PartialOrd, Ord)]
    pub enum Stage {
        #[default]
        IdentifyingProblems = "identifying_problems",
        GeneratingIdeas = "generating_ideas",
        DevelopingProposals = "developing_proposals",
        Implementing = "implementing",
        Evaluating = "evaluating",
        DiffusingLessons = "diffusing_lessons",
    }
}

impl Stage {
    /// 1-based position in the lifecycle, used as a compact stage marker.
    pub fn number(self) -> u8 {
        Stage::ALL.iter().position(|s| *s == self).map_or(0, |p| p as u8 + 1)
    }
}

keyed_enum! {
    #[derive(Default, PartialOrd, Ord)]
    pub enum Status {
        #[default]
        Active = "active",
        Paused = "paused",
        Stopped = "stopped",
        Completed = "completed",
    }
}

keyed_enum! {
    #[derive(Default, PartialOrd, Ord)]
    pub enum Priority {
        Low = "low",
        #[default]
        Medium = "medium",
        High = "high",
    }
}

impl Priority {
    /// Weight used when the balance is weighted by priority.
    pub fn weight(self) -> u32 {
        match self {
            Priority::Low => 1,
            Priority::Medium => 2,
            Priority::High => 3,
        }
    }
}

keyed_enum! {
    /// Ishøj's two tracks.
    #[derive(PartialOrd, Ord)]
    pub enum Track {
        Local = "local",
        Radical = "radical",
    }
}

keyed_enum! {
    /// Whose real need an initiative starts from (Tomelilla).
    #[derive(PartialOrd, Ord)]
    pub enum NeedSource {
        Citizens = "citizens",
        Employees = "employees",
        OutsideWorld = "outside_world",
    }
}

keyed_enum! {
    /// Ishøj's three P's: the pressures innovation should relieve.
    #[derive(PartialOrd, Ord)]
    pub enum Pressure {
        Money = "money",
        Products = "products",
        Staff = "staff",
    }
}

keyed_enum! {
    /// "Primarily created to …"
    pub enum CreatedTo {
        ImproveExistingServices = "improve_existing_services",
        ReachOverarchingGoal = "reach_overarching_goal",
        ExploreUncertainties = "explore_uncertainties",
        MeetNewNeeds = "meet_new_needs",
    }
}

impl CreatedTo {
    /// The answer's mark in the OPSI question, as the placement helper shows it: 1 to 4.
    pub fn mark(self) -> &'static str {
        ["1", "2", "3", "4"][self as usize]
    }
}

keyed_enum! {
    /// "Mainly pushed by …"
    pub enum PushedBy {
        LeadersWantResults = "leaders_want_results",
        CostsAndProcesses = "costs_and_processes",
        BottomUpTesting = "bottom_up_testing",
        PreparingForFuture = "preparing_for_future",
    }
}

impl PushedBy {
    /// The answer's mark in the OPSI question, as the placement helper shows it: a to d.
    pub fn mark(self) -> &'static str {
        ["a", "b", "c", "d"][self as usize]
    }
}

keyed_enum! {
    #[derive(Default)]
    pub enum LogKind {
        #[default]
        Note = "note",
        Decision = "decision",
        Lesson = "lesson",
    }
}

keyed_enum! {
    /// How an idea arrived.
    pub enum Channel {
        IdeaBox = "idea_box",
        Meeting = "meeting",
        Email = "email",
        CitizenProposal = "citizen_proposal",
        Survey = "survey",
        Other = "other",
    }
}

keyed_enum! {
    /// Where an idea is in triage.
    #[derive(Default, PartialOrd, Ord)]
    pub enum Triage {
        #[default]
        Received = "received",
        Assessing = "assessing",
        Accepted = "accepted",
        Declined = "declined",
        Merged = "merged",
        Parked = "parked",
    }
}

keyed_enum! {
    /// What a stage decision said.
    pub enum Verdict {
        Go = "go",
        Hold = "hold",
        Stop = "stop",
        Pivot = "pivot",
    }
}

keyed_enum! {
    /// What a benefit is counted in. Money and time add up over the portfolio; quality and
    /// other benefits are followed one by one.
    #[derive(PartialOrd, Ord)]
    pub enum BenefitKind {
        Money = "money",
        Time = "time",
        Quality = "quality",
        Other = "other",
    }
}

impl BenefitKind {
    /// Money and time are summed over the portfolio.
    pub fn is_summed(self) -> bool {
        matches!(self, BenefitKind::Money | BenefitKind::Time)
    }
}

keyed_enum! {
    /// The organisation's currency, which money benefits and costs are in.
    #[derive(Default)]
    pub enum Currency {
        #[default]
        Sek = "sek",
        Dkk = "dkk",
        Nok = "nok",
        Eur = "eur",
    }
}

impl Currency {
    /// The ISO 4217 code: "SEK".
    pub fn code(self) -> &'static str {
        match self {
            Currency::Sek => "SEK",
            Currency::Dkk => "DKK",
            Currency::Nok => "NOK",
            Currency::Eur => "EUR",
        }
    }
}
