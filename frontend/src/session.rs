//! The signed-in session. Tokens live only in memory, in a signal shared through the reactive
//! context: nothing is written to `localStorage` or cookies, so closing or reloading the tab
//! signs the person out.
use leptos::prelude::*;
use shared::auth::MeResponse;

/// A signed-in person: their tokens and who the server says they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub access_token: String,
    pub refresh_token: String,
    pub me: MeResponse,
}

/// Handle to the session; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session(RwSignal<Option<SignedIn>>);

impl Session {
    /// Creates an empty session and provides it to every component below the caller.
    pub fn provide() -> Session {
        let session = Session(RwSignal::new(None));
        provide_context(session);
        session
    }

    /// The session provided above this component.
    ///
    /// # Panics
    /// If no ancestor called [`Session::provide`]: a programming error.
    pub fn expect() -> Session {
        use_context::<Session>().expect("Session::provide() must be called above this component")
    }

    /// Who is signed in (tracked: views and effects re-run when it changes).
    pub fn me(&self) -> Option<MeResponse> {
        self.0.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    /// The access token for API calls (not tracked).
    pub fn access_token(&self) -> Option<String> {
        self.0.with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
    }

    pub fn is_signed_in(&self) -> bool {
        self.0.with(Option::is_some)
    }

    pub fn sign_in(&self, signed_in: SignedIn) {
        self.0.set(Some(signed_in));
    }

    /// Forgets the tokens and the person.
    pub fn sign_out(&self) {
        self.0.set(None);
    }
}
