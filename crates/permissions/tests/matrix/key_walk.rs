//! The key tables' walk: actor rows × the role of another member's key,
//! and a last column for the actor's own key (R17).

use permissions::{Action, ApiKey, Grant, KeyOp, KeyState, Template, UserId};

use crate::support::{NOW, Walk, grant, member, rows};

/// A 2-D table of key actions: one row per actor role, one column per role
/// a key of another member acts with, and a last column `own` (a key the
/// actor owns, acting with the actor's role). A key never holds the Owner
/// role itself; its "Owner" column is a key with every Owner permission.
pub fn walk_keys(
    t: &Template,
    roles: &[&str],
    table: &str,
    name: &str,
    state: KeyState,
    op: KeyOp,
) -> Walk {
    let mut w = Walk::default();
    let rows = rows(table);
    assert_eq!(rows.len(), roles.len(), "{name}: one row per role");
    for (actor_key, cells) in rows {
        assert_eq!(cells.len(), roles.len() + 1, "{name}: row {actor_key}");
        let actor = member(t, &actor_key, 1);
        for (col, expected) in cells.into_iter().enumerate() {
            let (owner, role, label) = match roles.get(col) {
                Some(key) => (100 + i64::try_from(col).expect("a small table"), *key, *key),
                None => (1, actor_key.as_str(), "own"),
            };
            let key = ApiKey {
                owner: UserId(owner),
                grant: Grant {
                    owner: false,
                    ..grant(t, role)
                },
                state,
                expires_at: NOW + 1000,
            };
            w.check(
                format!("{}: {actor_key} {name} key {label}", t.key),
                expected,
                &actor,
                &Action::Key { op, key },
            );
        }
    }
    w
}
