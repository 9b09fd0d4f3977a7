//! The `roster` command line.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Roster: members and roles for a machine-learning data platform.
#[derive(Debug, Parser)]
#[command(name = "roster", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the web client.
    Serve(ServeArgs),
}

/// `roster serve` options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, env = "ROSTER_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Database: `sqlite://FILE` (embedded, the default) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://roster.db")]
    pub database: String,
    /// Base URL for links in mail; defaults to `http://` + the bound address.
    #[arg(long, env = "ROSTER_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Deliver mail through this SMTP server (`smtps://user:pass@host`);
    /// without it, mail and its links are written to the log.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "ROSTER_MAIL_FROM",
        default_value = "Roster <roster@localhost>"
    )]
    pub mail_from: String,
    /// Login, sign-up, accept and invite attempts allowed per minute and
    /// caller.
    #[arg(long, env = "ROSTER_RATE_LIMIT", default_value_t = 20)]
    pub rate_limit_per_minute: i64,
    /// Requests per minute each API key may make, across instances.
    #[arg(long, env = "ROSTER_KEY_RATE_LIMIT", default_value_t = 60_000)]
    pub key_rate_limit: i64,
    /// Database connections in each of the two pools, the API's and the
    /// decision point's (default: twice the cores, and two more).
    #[arg(long, env = "ROSTER_DB_CONNECTIONS")]
    pub db_connections: Option<u32>,
    /// Directory holding the Trunk build of the client.
    #[arg(long, env = "ROSTER_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// On an empty database, seed a demo org with every role, invitations
    /// and a few hundred members.
    #[arg(long)]
    pub demo: bool,
    /// How many generated members the demo org gets (scale tests).
    #[arg(long, default_value_t = 300, requires = "demo")]
    pub demo_members: u32,
}
