//! `Same<T>`: a derived value that compares by identity; and `SameState`, the app's state
//! compared the same way.
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

/// The app's state, compared by identity: the reducer makes a new state for every action that
/// changes something (one that changes nothing returns the same state), so the same state means
/// nothing has changed. The app makes one for each render; its `handle` dereferences to the
/// newest state, which is that render's unless an action came in between (and then the app
/// renders again).
///
/// INVARIANT: `seen` is the address of the state the handle held when this was made. A clone of
/// a yew 0.23 reducer handle keeps its own reference to that state, so the address is not
/// reused while this lives. Hence no `Clone` here: a clone would copy `seen` beside a handle
/// holding a newer state, and once this was dropped the address could come back for another.
pub struct SameState {
    /// The reducer's handle, for reading the state and dispatching.
    pub handle: yew::functional::UseReducerHandle<crate::state::State>,
    seen: *const crate::state::State,
}

impl SameState {
    /// The state `handle` holds now.
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
