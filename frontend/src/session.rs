//! The signed-in session. Tokens live only in memory, in signals shared through the reactive
//! context: nothing is written to `localStorage` or cookies, so closing or reloading the tab
//! signs the person out. The access token is refreshed a minute before it expires.
//!
//! When the server refuses the tokens and they cannot be renewed, the session is *ended*: the
//! person is kept (so the page they were on stays, with what they typed), the tokens are
//! dropped, and the app shows the sign-in form with a message. Signing in again as the same
//! person in the same partnership resumes the page.
use crate::transport::{self, ApiFailure};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::auth::{MeResponse, TokenResponse};
use std::time::Duration;

/// A signed-in person: their tokens and who the server says they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token was valid for when issued.
    pub expires_in: u64,
    /// Seconds without use before the app signs the person out, and the warning before.
    pub idle_timeout: u64,
    pub idle_warning: u64,
    pub me: MeResponse,
}

impl SignedIn {
    pub fn new(tokens: TokenResponse, me: MeResponse) -> SignedIn {
        SignedIn {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            expires_in: tokens.expires_in,
            idle_timeout: tokens.idle_timeout,
            idle_warning: tokens.idle_warning,
            me,
        }
    }
}

/// Handle to the session; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<Option<SignedIn>>,
    /// Why the session ended, while the person is asked to sign in again.
    ended: RwSignal<Option<String>>,
    /// Said on the sign-in page after signing out.
    farewell: RwSignal<Option<String>>,
    /// Bumped on every sign-in and sign-out, so that old refresh timers do nothing.
    generation: StoredValue<u64>,
    /// When the person last pressed a key or the pointer (ms since 1970).
    last_used: StoredValue<f64>,
    /// Seconds until the idle sign-out, while the warning shows.
    idle_left: RwSignal<Option<u64>>,
    /// The refresh under way, which every caller that needs one awaits: two refreshes of one
    /// token would look like a stolen token to the server, which ends the session.
    renewing: StoredValue<Option<Renewal>, LocalStorage>,
}

type Renewal = futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<String, ApiFailure>>>;

/// Said on the sign-in page after the idle sign-out.
pub const IDLE_FAREWELL: &str = "You were signed out because you had not used CSPR Hub for a while.";

/// How long before expiry the access token is refreshed.
pub const REFRESH_MARGIN_SECS: u64 = 60;

impl Session {
    /// Creates an empty session and provides it to every component below the caller.
    pub fn provide() -> Session {
        let session = Session {
            state: RwSignal::new(None),
            ended: RwSignal::new(None),
            farewell: RwSignal::new(None),
            generation: StoredValue::new(0),
            last_used: StoredValue::new(js_sys::Date::now()),
            idle_left: RwSignal::new(None),
            renewing: StoredValue::new_local(None),
        };
        provide_context(session);
        session.watch_idle();
        session
    }

    /// The person used the app: the idle clock starts again and any warning goes.
    pub fn used(&self) {
        self.last_used.set_value(js_sys::Date::now());
        if self.idle_left.get_untracked().is_some() {
            self.idle_left.set(None);
        }
    }

    /// Seconds left before the idle sign-out, while the warning shows (tracked).
    pub fn idle_left(&self) -> Option<u64> {
        self.idle_left.get()
    }

    /// Watches for use (keys, pointer) and, every second, for the idle limit: the warning
    /// shows `idle_warning` seconds before it, and at it the person is signed out.
    fn watch_idle(&self) {
        let session = *self;
        let _ = window_event_listener(leptos::ev::keydown, move |_| session.used());
        let _ = window_event_listener(leptos::ev::pointerdown, move |_| session.used());
        let _ = set_interval_with_handle(move || session.tick_idle(), Duration::from_secs(1));
    }

    fn tick_idle(&self) {
        let limits = self.state.with_untracked(|s| s.as_ref().map(|s| (s.idle_timeout, s.idle_warning)));
        let Some((timeout, warning)) = limits.filter(|(t, _)| *t > 0) else { return };
        if self.ended.with_untracked(Option::is_some) {
            return;
        }
        let idle = ((js_sys::Date::now() - self.last_used.get_value()) / 1000.0).max(0.0) as u64;
        if idle >= timeout {
            self.idle_left.set(None);
            self.sign_out();
            self.farewell.set(Some(IDLE_FAREWELL.to_string()));
        } else if idle + warning >= timeout {
            self.idle_left.set(Some(timeout - idle));
        }
    }

    /// The refresh token (not tracked), to end this session when switching partnership.
    pub fn refresh_token(&self) -> Option<String> {
        self.state.with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()))
    }

    /// The session provided above this component.
    ///
    /// # Panics
    /// If no ancestor called [`Session::provide`]: a programming error.
    pub fn expect() -> Session {
        use_context::<Session>().expect("Session::provide() must be called above this component")
    }

    /// Who is signed in (tracked), also while an ended session waits for a new sign-in.
    pub fn me(&self) -> Option<MeResponse> {
        self.state.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    /// The partnership's slug (not tracked).
    pub fn tenant_slug(&self) -> Option<String> {
        self.state.with_untracked(|s| s.as_ref().map(|s| s.me.tenant.slug.clone()))
    }

    /// The access token for API calls (not tracked); none once the session has ended.
    pub fn access_token(&self) -> Option<String> {
        if self.ended.with_untracked(Option::is_some) {
            return None;
        }
        self.state.with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
    }

    pub fn is_signed_in(&self) -> bool {
        self.state.with(Option::is_some) && self.ended.with(Option::is_none)
    }

    /// Why the session ended (tracked), while the person must sign in again.
    pub fn ended_message(&self) -> Option<String> {
        self.ended.get()
    }

    /// Said once after signing out (tracked).
    pub fn farewell(&self) -> Option<String> {
        self.farewell.get()
    }

    /// Starts a session (or resumes an ended one) and schedules the token refresh.
    pub fn sign_in(&self, signed_in: SignedIn) {
        let generation = self.bump();
        self.used();
        let expires_in = signed_in.expires_in;
        self.state.set(Some(signed_in));
        self.ended.set(None);
        self.farewell.set(None);
        self.schedule_refresh(generation, expires_in);
    }

    /// True when `me` is the person of the ended session, in the same partnership: their
    /// page can be resumed.
    pub fn resumes(&self, me: &MeResponse) -> bool {
        self.state.with_untracked(|s| {
            s.as_ref().is_some_and(|s| s.me.user.id == me.user.id && s.me.tenant.slug == me.tenant.slug)
        })
    }

    /// Forgets the tokens and the person; tells the server the refresh token is done with.
    pub fn sign_out(&self) {
        self.leave("You have signed out.");
    }

    /// [`Session::sign_out`], saying `farewell` on the sign-in page.
    pub fn leave(&self, farewell: &str) {
        self.bump();
        let refresh = self.state.with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()));
        self.state.set(None);
        self.ended.set(None);
        self.farewell.set(Some(farewell.to_string()));
        if let Some(refresh) = refresh {
            spawn_local(async move {
                let _ = transport::logout(&refresh).await;
            });
        }
    }

    /// The tokens no longer work: keep the person and their page, ask them to sign in again.
    pub fn end(&self, message: &str) {
        self.bump();
        if self.state.with_untracked(Option::is_some) {
            self.ended.set(Some(message.to_string()));
        }
    }

    /// Exchanges the refresh token for new tokens (once, however many callers ask at the same
    /// time); ends the session when that is refused.
    pub async fn renew(&self) -> Result<String, ApiFailure> {
        use futures::FutureExt;
        if let Some(under_way) = self.renewing.try_get_value().flatten() {
            return under_way.await;
        }
        let session = *self;
        let renewal = async move {
            let result = session.renew_once().await;
            session.renewing.try_set_value(None);
            result
        }
        .boxed_local()
        .shared();
        self.renewing.set_value(Some(renewal.clone()));
        renewal.await
    }

    async fn renew_once(&self) -> Result<String, ApiFailure> {
        let refresh = self
            .state
            .with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()))
            .ok_or(ApiFailure::SessionEnded)?;
        match transport::refresh(&refresh).await {
            Ok(tokens) => {
                let access = tokens.access_token.clone();
                let generation = self.bump();
                let expires_in = tokens.expires_in;
                self.state.update(|s| {
                    if let Some(s) = s {
                        s.access_token = tokens.access_token;
                        s.refresh_token = tokens.refresh_token;
                        s.expires_in = tokens.expires_in;
                    }
                });
                self.schedule_refresh(generation, expires_in);
                Ok(access)
            }
            Err(ApiFailure::Network(detail)) => Err(ApiFailure::Network(detail)),
            Err(_) => {
                self.end(transport::SESSION_ENDED);
                Err(ApiFailure::SessionEnded)
            }
        }
    }

    fn bump(&self) -> u64 {
        let next = self.generation.get_value() + 1;
        self.generation.set_value(next);
        next
    }

    /// Refreshes the tokens shortly before they expire, unless the session changed meanwhile.
    fn schedule_refresh(&self, generation: u64, expires_in: u64) {
        let session = *self;
        let wait = Duration::from_secs(expires_in.saturating_sub(REFRESH_MARGIN_SECS).max(5));
        set_timeout(
            move || {
                if session.generation.try_get_value() != Some(generation) {
                    return;
                }
                spawn_local(async move {
                    if session.renew().await.is_err() && session.generation.try_get_value() == Some(generation) {
                        // A network failure: try once more shortly before the token runs out.
                        session.schedule_refresh(generation, REFRESH_MARGIN_SECS / 2 + 5);
                    }
                });
            },
            wait,
        );
    }
}
