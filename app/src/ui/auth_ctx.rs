//! Who is signed in, shared by the header and pages. The resource refetches
//! whenever a sign-in, registration or sign-out action completes.
use crate::accounts::SessionUser;
use crate::accounts::api::{Register, SignIn, SignOut, current_user};
use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AuthCtx {
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub register: ServerAction<Register>,
    pub sign_out: ServerAction<SignOut>,
}

impl AuthCtx {
    pub fn provide() {
        let sign_in = ServerAction::<SignIn>::new();
        let register = ServerAction::<Register>::new();
        let sign_out = ServerAction::<SignOut>::new();
        let user = Resource::new(
            move || auth_version(sign_in, register, sign_out),
            |_| current_user(),
        );
        // The server merged the browser's cart into the account: drop it here.
        Effect::new(move |_| {
            let signed_in = sign_in.value().with(|v| matches!(v, Some(Ok(_))))
                || register.value().with(|v| matches!(v, Some(Ok(_))));
            if signed_in {
                crate::cart::local::clear();
            }
        });
        provide_context(AuthCtx {
            user,
            sign_in,
            register,
            sign_out,
        });
    }

    /// Changes whenever someone signs in, registers or signs out: pages whose
    /// data depends on who is signed in use it as their resource key.
    pub fn version(&self) -> (usize, usize, usize) {
        auth_version(self.sign_in, self.register, self.sign_out)
    }

    /// The signed-in user, if known (None while loading or for a guest).
    pub fn current(&self) -> Option<SessionUser> {
        self.user.get().and_then(|r| r.ok()).flatten()
    }
}

pub fn use_auth() -> AuthCtx {
    expect_context::<AuthCtx>()
}

fn auth_version(
    a: ServerAction<SignIn>,
    b: ServerAction<Register>,
    c: ServerAction<SignOut>,
) -> (usize, usize, usize) {
    (a.version().get(), b.version().get(), c.version().get())
}
