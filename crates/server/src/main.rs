//! The `roster` binary: parses the command line and runs the server.
#![forbid(unsafe_code)]

use std::sync::Arc;

use clap::Parser;
use server::cli::{Cli, Command, ServeArgs};
use server::clock::Clock;
use server::config::Config;
use server::db::Db;
use server::mail::worker::{self, Transport};
use server::{AppState, app, demo, first_start_link};
use tracing_subscriber::EnvFilter;

/// mimalloc rather than the system allocator: a request makes many small,
/// short-lived allocations across worker threads (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(args) => serve(args).await,
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    if !args.dist.join("index.html").exists() {
        tracing::warn!(dist = %args.dist.display(), "no client build found; scripts/run.sh builds it");
    }
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let connections = args
        .db_connections
        .unwrap_or_else(server::db::default_connections);
    let db = Db::connect_with(&args.database, connections).await?;
    tracing::info!(database = %redact(&args.database), "database ready");
    let odd = server::db::users::nonconforming_emails(&mut *db.pool.acquire().await?).await?;
    if !odd.is_empty() {
        let ids: Vec<i64> = odd.iter().map(|(id, _)| *id).take(20).collect();
        tracing::warn!(
            count = odd.len(),
            first_ids = ?ids,
            "accounts whose address the e-mail rule refuses (display names, IP literals, non-ASCII); they can sign in but should be corrected"
        );
    }
    let mut config = Config::new(&public_url);
    config.rate_limit_per_minute = args.rate_limit_per_minute;
    config.key_requests_per_minute = args.key_rate_limit;
    let state = AppState {
        db,
        config: Arc::new(config),
        clock: Clock::default(),
        dist: args.dist,
        meter: Arc::default(),
        imports: Arc::default(),
        dns: Arc::new(server::domains::dns::SystemDns::default()),
    };
    if args.demo {
        demo::seed(&state, args.demo_members).await?;
    }
    if let Some(link) = first_start_link(&state).await? {
        tracing::info!("no accounts yet: create the first Owner at {link}");
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let transport = match &args.smtp_url {
        Some(url) => Transport::smtp(url, &args.mail_from)?,
        None => Transport::Log,
    };
    let mailer = tokio::spawn(worker::run(
        state.db.clone(),
        state.clock.clone(),
        transport,
        stop_rx,
    ));
    tracing::info!("Roster listening on http://{addr}");
    // The peer address feeds the rate limits (ClientAddr).
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            // The worker stops at once too: it finishes the mail in hand only.
            let _ = stop_tx.send(true);
        })
        .await?;
    // Bounded: the mail in hand has its deadline; what is left stays queued.
    let grace = worker::SEND_DEADLINE + std::time::Duration::from_secs(5);
    if tokio::time::timeout(grace, mailer).await.is_err() {
        tracing::warn!("outbox worker did not stop in time; its mail stays queued");
    }
    tracing::info!("Roster stopped");
    Ok(())
}

/// A database URL without its password, for the log.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
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
