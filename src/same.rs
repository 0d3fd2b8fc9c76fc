//! `Same<T>`: a derived value that compares by identity.
//!
//! A report or diagram is rebuilt only when its inputs change, so a new pointer means a new
//! value. Comparing contents instead (what `Rc`'s `PartialEq` does for props and memo inputs)
//! walks every finding and hop on each render, at about the cost of deriving it again.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is pointer identity.
#[derive(Debug)]
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Same<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The app's state as one render saw it, compared by identity: the reducer makes a new state
/// for every action, so the same state means nothing has changed. (A reducer handle dereferences
/// to the newest state, so the one it held when this was made is kept here; the handle's copy
/// of it keeps that allocation alive, so its address is not reused while this lives.)
#[derive(Clone)]
pub struct SameState {
    pub handle: yew::functional::UseReducerHandle<crate::state::State>,
    seen: *const crate::state::State,
}

impl SameState {
    pub fn new(handle: &yew::functional::UseReducerHandle<crate::state::State>) -> SameState {
        let handle = handle.clone();
        let seen: *const crate::state::State = &*handle;
        SameState { handle, seen }
    }
}

impl PartialEq for SameState {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.seen, other.seen)
    }
}
