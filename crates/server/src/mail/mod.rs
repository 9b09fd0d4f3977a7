//! Mail: what each message says (`messages`) and how the outbox is
//! delivered (`worker`).

pub mod messages;
pub mod worker;
