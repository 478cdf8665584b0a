//! A background thread's panic carried on to the interface's thread. The panic hook (see
//! `signals`) keeps a background thread's report instead of writing it over the screen;
//! [`resume`] then panics on the interface's thread with that report, through the hook, which
//! gives the terminal back and keeps the text being typed. `std::panic::resume_unwind` would
//! leave the hook out, and with it all of that.

use std::any::Any;
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// The interface's panic hook is in place: a background thread's panic is to be carried on.
static HOOKED: AtomicBool = AtomicBool::new(false);

/// What the last background thread's panic said, and where, for [`resume`] to report it.
static BACKGROUND: Mutex<Option<String>> = Mutex::new(None);

/// The interface's panic hook is installed from now on.
pub fn hooked() {
    HOOKED.store(true, Ordering::Relaxed);
}

/// Keeps a background thread's panic report (called from the hook, on that thread).
pub fn keep_report(info: &PanicHookInfo<'_>) {
    *BACKGROUND.lock().unwrap_or_else(PoisonError::into_inner) = Some(info.to_string());
}

/// A background thread's panic (from its `join`) carried on to this thread: a new panic
/// with what the background thread said, which goes through the hook. Without the interface's
/// hook (the command line's subcommands) the panic resumes as it was, already reported by the
/// default hook.
pub fn resume(payload: Box<dyn Any + Send>) -> ! {
    if !HOOKED.load(Ordering::Relaxed) {
        std::panic::resume_unwind(payload)
    }
    let told = BACKGROUND.lock().unwrap_or_else(PoisonError::into_inner).take();
    panic!("{}", report(told, payload.as_ref()))
}

/// The words a background panic is carried on with: the thread's own report where the hook
/// kept it, else its message.
fn report(told: Option<String>, payload: &(dyn Any + Send)) -> String {
    let told = told.unwrap_or_else(|| {
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("?");
        format!("panicked: {message}")
    });
    format!("on a background thread, {told}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_panic_is_carried_on_with_what_its_thread_said() {
        let payload = std::thread::spawn(|| panic!("index {}", 7)).join().expect_err("panics");
        assert_eq!(report(None, payload.as_ref()), "on a background thread, panicked: index 7");
        let payload: Box<dyn Any + Send> = Box::new("plain");
        let told = Some("panicked at src/filter/index.rs:1:1:\nplain".to_owned());
        assert_eq!(
            report(told, payload.as_ref()),
            "on a background thread, panicked at src/filter/index.rs:1:1:\nplain"
        );
    }
}
