//! Making a read-only session writable without a restart (`:takeover`, `T`). A free lock is
//! taken at once (and an idle session notices by itself that it was freed, and says so). A
//! lock held by a fasett of the same user on this host — typically one left behind by a
//! dropped connection, perhaps stopped — is asked to save its work and close: it does what it
//! does on a hang-up (saves what is pending, keeps the text being typed in the recovery file,
//! exits), and this session waits up to [`WAIT`] for the lock, then reads the file as that
//! one left it and offers its text back. Anyone else's fasett is only named, never signalled.

use std::time::{Duration, Instant};

use super::{App, Mode};
use crate::action::Writing;
use crate::model::Portfolio;
use crate::store::{Access, Holder, ReadOnlyReason, Saver, Store, TakeOver};

/// How long a takeover waits for the fasett it asked to close.
pub const WAIT: Duration = Duration::from_secs(3);
/// How often the lock is tried while waiting.
const RETRY: Duration = Duration::from_millis(50);

/// Where a takeover stands.
#[derive(Debug, Default)]
pub struct TakeoverState {
    /// The fasett asked to close (its pid), and until when it is waited for.
    waiting: Option<(u32, Instant)>,
    last_try: Option<Instant>,
    /// The lock was seen free: the banner says that `T` takes it.
    freed: bool,
    /// The holder may be asked to close (this user's, on this host): the banner says so.
    askable: bool,
}

impl App {
    /// How the keys see this session: writable, writable with saving held by another
    /// program's change, read-only for good, or read-only until a takeover.
    pub fn writing(&self) -> Writing {
        match self.store.as_ref().map(Saver::access) {
            Some(Access::ReadOnly(ReadOnlyReason::LoadFailed(_) | ReadOnlyReason::NewerSchema(_))) => {
                Writing::ReadOnly
            }
            Some(Access::ReadOnly(_)) => Writing::TakeOver,
            Some(Access::ReadWrite) | None if self.external_pending() => Writing::Held,
            Some(Access::ReadWrite) | None => Writing::Allowed,
        }
    }

    /// Whether a takeover waits for the fasett it asked to close.
    pub fn is_taking_over(&self) -> bool {
        self.takeover.waiting.is_some()
    }

    /// What the banner adds below the holder's name: what `T` would do now.
    pub(super) fn takeover_hint(&self) -> &str {
        let key = if self.takeover.freed {
            "takeover.freed"
        } else if self.takeover.askable {
            "takeover.hint_ask"
        } else {
            "takeover.hint_other"
        };
        self.lang.t(key)
    }

    /// Looks again at who holds the lock, for the banner.
    pub(super) fn refresh_holder(&mut self) {
        self.takeover.askable = match self.store.as_ref().map(Saver::access) {
            Some(Access::ReadOnly(ReadOnlyReason::LockedBy(text))) => {
                Holder::parse(text).is_some_and(|h| h.may_be_asked())
            }
            _ => false,
        };
    }

    /// `:takeover` and `T`.
    pub(super) fn take_over(&mut self) {
        match self.writing() {
            Writing::Allowed | Writing::Held => self.set_info(self.lang.t("takeover.already").to_owned()),
            Writing::ReadOnly => {
                let reason = self.problem().unwrap_or_default();
                self.set_error(self.lang.tf("takeover.refused", &[("reason", &reason)]));
            }
            Writing::TakeOver if self.is_taking_over() => {}
            Writing::TakeOver => {
                if let Some(text) = self.try_take_over() {
                    self.ask_holder(&text);
                }
            }
        }
    }

    /// Takes the lock if it is free and goes on writable; gives back the holder's lock text
    /// if another fasett still has it.
    fn try_take_over(&mut self) -> Option<String> {
        self.takeover.last_try = Some(Instant::now());
        let saver = self.store.as_mut()?;
        match saver.with_store(Store::take_over) {
            TakeOver::Taken(portfolio) => self.now_writable(portfolio),
            TakeOver::Busy(text) => {
                self.takeover.freed = false;
                return Some(text);
            }
            TakeOver::Refused(reason) => {
                let reason = reason.localized(self.lang);
                self.set_error(self.lang.tf("takeover.refused", &[("reason", &reason)]));
            }
            TakeOver::Unreadable(e) => {
                self.takeover = TakeoverState::default();
                let why = e.localized_summary(self.lang);
                self.set_error(self.lang.tf("takeover.unreadable", &[("why", &why)]));
            }
            TakeOver::Failed(e) => {
                self.takeover.waiting = None;
                self.set_error(self.lang.tf("takeover.failed", &[("error", &e.localized(self.lang))]));
            }
        }
        None
    }

    /// The lock is busy: asks its holder to close if it is this user's on this host, or else
    /// says whose it is.
    fn ask_holder(&mut self, text: &str) {
        self.refresh_holder();
        if let Some(holder) = Holder::parse(text).filter(Holder::ask_to_leave) {
            self.takeover.waiting = Some((holder.pid, Instant::now() + WAIT));
            let seconds = WAIT.as_secs();
            self.set_info(self.lang.tf("takeover.asked", &[("pid", &holder.pid), ("seconds", &seconds)]));
        } else {
            let holder = crate::store::localized_holder(text, self.lang);
            self.set_error(self.lang.tf("takeover.not_ours", &[("holder", &holder)]));
        }
    }

    /// The lock is this session's: the file as the holder left it, and the text it was typing.
    fn now_writable(&mut self, portfolio: Option<Box<Portfolio>>) {
        self.takeover = TakeoverState::default();
        match portfolio {
            Some(portfolio) => self.replace_portfolio(*portfolio),
            None => self.portfolio.ensure_identity(),
        }
        self.set_info(self.lang.t("takeover.done").to_owned());
        if matches!(self.mode, Mode::Normal) {
            self.offer_recovery();
        }
    }

    /// On an idle tick: while waiting for the asked fasett, tries the lock; otherwise, when
    /// `look` (the disk check's turn), notices a lock that was freed.
    pub(super) fn takeover_tick(&mut self, now: Instant, look: bool) {
        if let Some((pid, until)) = self.takeover.waiting {
            if self.takeover.last_try.is_some_and(|t| now.saturating_duration_since(t) < RETRY) {
                return;
            }
            if self.try_take_over().is_some() && now >= until {
                self.takeover.waiting = None;
                let seconds = WAIT.as_secs();
                self.set_error(self.lang.tf("takeover.timeout", &[("pid", &pid), ("seconds", &seconds)]));
            }
            return;
        }
        let locked = matches!(
            self.store.as_ref().map(Saver::access),
            Some(Access::ReadOnly(ReadOnlyReason::LockedBy(_)))
        );
        if look && locked && !self.takeover.freed {
            let free = self.store.as_mut().is_some_and(|s| s.with_store(|store| store.lock_is_free()));
            if free {
                self.takeover.freed = true;
                self.set_info(self.lang.t("takeover.freed").to_owned());
            }
        }
    }
}
