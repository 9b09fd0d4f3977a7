//! Starting and ending browser sessions.

use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::auth::token::Token;
use crate::db::{Tx, sessions};
use crate::state::AppState;

/// Creates a session row and returns the cookie jar to send and the CSRF
/// token the client must echo.
pub async fn start(
    state: &AppState,
    tx: &mut Tx,
    jar: CookieJar,
    user_id: i64,
) -> Result<(CookieJar, String), sqlx::Error> {
    let token = Token::generate();
    let csrf = Token::generate().expose().to_string();
    let now = state.clock.now();
    sessions::create(
        tx,
        &token.hash(),
        user_id,
        &csrf,
        now,
        now + state.config.session_ttl,
    )
    .await?;
    crate::db::users::signed_in(tx, user_id, now).await?;
    let cookie = Cookie::build((state.config.session_cookie(), token.expose().to_string()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(time_max_age(state.config.session_ttl))
        .build();
    Ok((jar.add(cookie), csrf))
}

/// The cookie that removes the session cookie.
pub fn end(state: &AppState, jar: CookieJar) -> CookieJar {
    jar.remove(
        Cookie::build(state.config.session_cookie())
            .path("/")
            .build(),
    )
}

fn time_max_age(seconds: i64) -> time::Duration {
    time::Duration::seconds(seconds)
}
