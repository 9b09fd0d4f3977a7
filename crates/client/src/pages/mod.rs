//! Pages outside the signed-in app: sign in or up, first setup, accepting
//! an invitation, verifying an email.

mod accept;
mod setup;
mod sign_in;
mod verify_email;

pub use accept::AcceptPage;
pub use setup::SetupPage;
pub use sign_in::SignInPage;
pub use verify_email::VerifyEmailPage;

/// Goes to the app's start page (a full load, so the session is fresh).
pub fn go_home() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href("/");
    }
}
