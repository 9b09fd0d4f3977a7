//! The `roster` binary: parses the command line and runs the server.
#![forbid(unsafe_code)]

use clap::Parser;
use server::cli::{Cli, Command};
use server::{AppState, app};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(args) => {
            if !args.dist.join("index.html").exists() {
                tracing::warn!(dist = %args.dist.display(), "no client build found; run `trunk build --release` (scripts/run.sh does)");
            }
            let listener = tokio::net::TcpListener::bind(args.listen).await?;
            let addr = listener.local_addr()?;
            tracing::info!("Roster listening on http://{addr}");
            axum::serve(listener, app(AppState { dist: args.dist }))
                .with_graceful_shutdown(shutdown_signal())
                .await?;
            tracing::info!("Roster stopped");
        }
    }
    Ok(())
}

/// Ctrl-C or SIGTERM starts a graceful shutdown.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for ctrl-c: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
