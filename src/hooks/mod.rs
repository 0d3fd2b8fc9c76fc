//! The app's custom hooks, each one concern of the app component; and `use_apart`, which runs a
//! hook as a function of its own.

pub mod derived;
pub mod focus;
pub mod gestures;
pub mod persistence;
pub mod print;
pub mod shortcuts;
pub mod sight;

use yew::functional::{Hook, HookContext};

/// A hook that runs as a function of its own: `use_apart(use_x(..))` runs `use_x` as the
/// component would, but the compiler does not inline it into the component's render. Each of
/// the app's hooks is called once, so without this the compiler inlines all of them into the
/// app's render, a function then over the size that `cargo xtask dist` allows. (Yew's hook
/// macro rewrites only the outer `use_apart` call, so `use_x(..)` stays a hook to be run.)
pub fn use_apart<H: Hook>(hook: H) -> Apart<H> {
    Apart(hook)
}

/// See [`use_apart`].
pub struct Apart<H>(H);

impl<H: Hook> Hook for Apart<H> {
    type Output = H::Output;

    #[inline(never)]
    fn run(self, ctx: &mut HookContext) -> H::Output {
        self.0.run(ctx)
    }
}
