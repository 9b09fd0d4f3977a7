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
    /// Address to listen on.
    #[arg(long, env = "ROSTER_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Directory holding the Trunk build of the client.
    #[arg(long, env = "ROSTER_DIST", default_value = "dist")]
    pub dist: PathBuf,
}
